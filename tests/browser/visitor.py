"""What a visitor's browser checks on any page state: axe-core (WCAG 2.1 A/AA) and the phone layout.

Used by the page-kind tests in this folder and meant for other states too (a page after a lookup,
a search with results): open the state in a `visitor_page`, then call `serious_violations(page)` and
`layout_problems(page)`; both return readable lines, empty when all is well.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


@contextmanager
def visitor_page(browser: object, viewport: str, scheme: str) -> Iterator[object]:
    """A page in a fresh context of the given width and colour scheme; fails on console errors."""
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="zh-CN", viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], "browser console was not empty:\n" + "\n".join(errors)


def open_settled(page: object, url: str) -> None:
    """Go to `url` and wait until the theme's script and the page's own scripts have run."""
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.wait_for_function("document.documentElement.classList.contains('js')")  # type: ignore[attr-defined]


def serious_violations(page: object) -> list[str]:
    """axe-core's violations of impact serious or critical on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = Axe().run(page, options=options).response
    out = []
    for violation in response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            out.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}×): {targets}")
    return out


# Runs in the page: what sticks out sideways, which key cells are off-screen, and which codes,
# numbers and phone numbers break across lines.
_LAYOUT = """() => {
  const out = [];
  const width = document.documentElement.clientWidth;
  const doc = document.documentElement.scrollWidth;
  if (doc > width + 1) out.push(`the page scrolls sideways: ${doc}px of content in ${width}px`);
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return true;  // not displayed at this width
    let clip = { left: 0, right: width };
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX !== 'visible') {
        const b = p.getBoundingClientRect();
        clip = { left: Math.max(clip.left, b.left), right: Math.min(clip.right, b.right) };
      }
    }
    return box.left >= clip.left - 1 && box.right <= clip.right + 1;
  };
  const describe = (el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`;
  for (const table of document.querySelectorAll('.md-content table')) {
    for (const row of table.querySelectorAll('tbody tr')) {
      const key = row.querySelector('[data-key], th[scope=row]') || row.cells[0];
      if (key && !visible(key)) out.push(`key cell off-screen: ${describe(key)}`);
      const status = row.querySelector('.status-badge');
      if (status && !visible(status)) out.push(`status off-screen: ${describe(status)}`);
    }
  }
  const unbroken = 'code, time, .nowrap, a[href^="tel:"], a[href^="mailto:"], .status-badge';
  for (const el of document.querySelectorAll(`.md-content :is(${unbroken})`)) {
    const lines = new Set([...el.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (lines.size > 1) out.push(`breaks across lines: ${describe(el)}`);
  }
  for (const el of document.querySelectorAll('.md-content :is(code, a, .verify-card dd)')) {
    if (!visible(el) && el.offsetParent !== null) out.push(`sticks out: ${describe(el)}`);
  }
  return out;
}"""


def layout_problems(page: object) -> list[str]:
    return page.evaluate(_LAYOUT)  # type: ignore[attr-defined]
