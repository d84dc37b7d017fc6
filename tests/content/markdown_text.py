"""Render content pages the way the site does (Python-Markdown with the extensions listed in
mkdocs.yml) and read back what a reader sees: the text, the headings, the links and the ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown

CONTENT = Path(__file__).resolve().parents[2] / "content"
EXTENSIONS = [
    "admonition", "attr_list", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.superfences",
]
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Full-width spaces removed, other whitespace runs collapsed to one space, ends trimmed."""
    return _SPACE.sub(" ", text.replace("\u3000", "")).strip()


def render(path: Path) -> str:
    return markdown.markdown(path.read_text(encoding="utf-8"), extensions=EXTENSIONS)


@dataclass
class RenderedPage:
    text: str = ""
    h1_count: int = 0
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collects visible text; an item of an ordered list reads as its number and a dot, as the
    browser shows it, so the text can be compared with a source that numbers items as `1.`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = RenderedPage()
        self.chunks: list[str] = []
        self.lists: list[list[int] | None] = []  # [next number] for <ol>, None for <ul>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "h1":
            self.page.h1_count += 1
        if tag in ("script", "style"):
            self.page.forbidden.append(f"<{tag}> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.page.forbidden.append(f"{name}= attribute on <{tag}>")
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.page.forbidden.append(f"javascript: URL on <{tag}>")
        if values.get("id"):
            self.page.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.page.links.append(values["href"] or "")
        if tag == "img" and values.get("src"):
            self.page.links.append(values["src"] or "")
        if tag == "ol":
            self.lists.append([int(values.get("start") or 1)])
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            counter = self.lists[-1]
            self.chunks.append(f"{counter[0]}.")
            counter[0] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self.chunks.append(normalise(data))


def read_html(html: str) -> RenderedPage:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.page.text = "".join(reader.chunks)
    return reader.page


def read_page(path: Path) -> RenderedPage:
    return read_html(render(path))
