"""Static SVG bar charts, drawn at build time: no chart code runs in the browser.

Each chart is a horizontal bar chart (category names on the left read well on a narrow phone) on
its own white panel, so it looks the same in the light and the dark scheme and on paper. The page
puts the same figures in a table next to it, which is what screen readers read; the SVG itself is
an image with a title and a description.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 400
LABEL_WIDTH = 150
VALUE_WIDTH = 46
ROW = 26
TOP = 34
BAR_COLOUR = "#3949ab"  # contrast 7.9:1 against the white panel
TEXT_COLOUR = "#1f1f1f"
MUTED_COLOUR = "#5f5f5f"
MAX_LABEL = 11  # characters; longer names are cut with … (the table has them whole)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: not shown (a suppressed count)
    note: str = ""  # what to print instead of a number: "<5", "×"


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def bar_chart(title: str, bars: list[Bar], unit: str) -> str:
    """The SVG text of a horizontal bar chart, one bar per entry, largest scale at the longest bar."""
    height = TOP + ROW * max(len(bars), 1) + 12
    largest = max((b.value for b in bars if b.value is not None), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="t d" font-family="system-ui, sans-serif">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(title)}（单位：{escape(unit)}）。'
        + escape("；".join(f"{b.label} {b.value if b.value is not None else b.note}" for b in bars))
        + "</desc>",
        f'<rect width="{WIDTH}" height="{height}" rx="6" fill="#ffffff"/>',
        f'<text x="12" y="22" font-size="14" font-weight="600" fill="{TEXT_COLOUR}">{escape(title)}</text>',
        f'<text x="{WIDTH - 12}" y="22" font-size="11" text-anchor="end" fill="{MUTED_COLOUR}">'
        f'单位：{escape(unit)}</text>',
    ]
    for number, bar in enumerate(bars):
        y = TOP + number * ROW
        middle = y + ROW / 2 + 4.5
        lines.append(f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" font-size="13" text-anchor="end" '
                     f'fill="{TEXT_COLOUR}">{escape(_label(bar.label))}</text>')
        if bar.value is None:
            lines.append(f'<text x="{LABEL_WIDTH + 4}" y="{middle:.1f}" font-size="13" '
                         f'fill="{MUTED_COLOUR}">{escape(bar.note)}</text>')
            continue
        length = round(span * bar.value / largest, 1)
        lines.append(f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{max(length, 1.5)}" height="{ROW - 10}" '
                     f'rx="2" fill="{BAR_COLOUR}"/>')
        lines.append(f'<text x="{LABEL_WIDTH + max(length, 1.5) + 5:.1f}" y="{middle:.1f}" font-size="13" '
                     f'fill="{TEXT_COLOUR}">{bar.value:,}</text>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"
