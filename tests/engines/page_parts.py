"""What a reader gets from a built page, independent of the engine's markup: the title, the main
text (the part marked `data-pagefind-body` by the theme overrides), and every link, resolved to a
path in the site so that `../x/` and `./../x/` compare equal while a link that climbs above the
site's root stays visibly wrong."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
OUTSIDE = "(above the site root)/"
# The theme's skip link points at a different anchor with each engine (see test_engine_parity.py).
SKIP_LINK_CLASS = "md-skip"
# MkDocs writes the sections of the current page into the main navigation even where the page hides
# its table of contents (see test_engine_parity.py): navigation links within the page are left out.
NAV_LINK_CLASS = "md-nav__link"


@dataclass
class PageParts:
    title: str = ""
    main_text: str = ""
    links: list[str] = field(default_factory=list)  # every <a href> but the skip link, resolved, in order
    main_links: list[str] = field(default_factory=list)  # the links inside the main text
    resources: list[str] = field(default_factory=list)  # scripts and stylesheets, resolved


def page_address(page: str) -> str:
    """The address of a built file from the site root: 'policy/notice/index.html' → '/policy/notice/'."""
    return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)


def resolve(url: str, address: str) -> str:
    """A link as a path in the site ('/batches/1/#top'); absolute URLs and other schemes as written."""
    if _SCHEME.match(url) or url.startswith("//"):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if not path:
        return address + rest
    base = "/root" + (address if address.endswith("/") else posixpath.dirname(address) + "/")
    joined = posixpath.normpath(posixpath.join(base, path) if not path.startswith("/") else "/root" + path)
    if joined != "/root" and not joined.startswith("/root/"):
        return OUTSIDE + path + rest
    resolved = joined[len("/root"):] or "/"
    if path.endswith("/") and not resolved.endswith("/"):
        resolved += "/"
    return resolved + rest


class _Reader(HTMLParser):
    def __init__(self, address: str) -> None:
        super().__init__(convert_charrefs=True)
        self.address = address
        self.parts = PageParts()
        self.open: list[str] = []
        self.main_depth = 0  # depth of the main element in `open`; 0 outside it
        self.in_title = False
        self.text: list[str] = []
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        same_page_nav = NAV_LINK_CLASS in classes and values.get("href", "").startswith("#")
        if tag == "a" and "href" in values and SKIP_LINK_CLASS not in classes and not same_page_nav:
            link = resolve(values["href"], self.address)
            self.parts.links.append(link)
            if self.main_depth:
                self.parts.main_links.append(link)
        if tag == "script" and values.get("src"):
            self.parts.resources.append(resolve(values["src"], self.address))
        if tag == "link" and values.get("rel") == "stylesheet":
            self.parts.resources.append(resolve(values["href"], self.address))
        if tag in _VOID:
            return
        self.open.append(tag)
        if not self.main_depth and "data-pagefind-body" in values:
            self.main_depth = len(self.open)
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if self.main_depth > len(self.open):
                self.main_depth = 0
            if closed == tag:
                break
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.main_depth:
            self.text.append(data)
        if self.in_title:
            self.title.append(data)


def read_page(site: Path, page: str) -> PageParts:
    reader = _Reader(page_address(page))
    reader.feed((site / page).read_text(encoding="utf-8"))
    reader.close()
    parts = reader.parts
    parts.main_text = " ".join("".join(reader.text).split())
    parts.title = " ".join("".join(reader.title).split())
    return parts


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
