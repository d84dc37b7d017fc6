"""The rendered pages after the site engine has built them: the sample-data banner follows the one
setting in mkdocs.yml, links between generated pages resolve, and no page carries inline script
or style (the site is served with a Content-Security-Policy without 'unsafe-inline')."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.load.catalogue import read_catalogue

from .conftest import ROOT, engine_build, render_into

pytestmark = pytest.mark.slow

BANNER = "data-sample-banner"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_shows_the_sample_banner_while_the_setting_is_on(engine_site):
    pages = html_pages(engine_site)
    assert len(pages) > 10
    for page in pages:
        assert page.read_text(encoding="utf-8").count(BANNER) == 1, page


def test_turning_the_setting_off_removes_the_banner_everywhere(small_catalogue, tmp_path):
    site = engine_build(small_catalogue, tmp_path / "real", sample_data=False)
    pages = html_pages(site)
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert BANNER not in text and "示例数据" not in text, page


def test_links_from_generated_pages_resolve(engine_site, small_catalogue):
    pages = ["index.html", "directory/index.html", "batches/index.html", "batches/1/index.html",
             "batches/2/index.html"] + [f"enterprises/{e.id}/index.html" for e in small_catalogue.enterprises]
    checked = 0
    for name in pages:
        page_url = "http://site/" + name
        for tag, attrs in tags(engine_site / name):
            href = attrs.get("href") if tag == "a" else None
            if not href or href.startswith(("#", "mailto:", "tel:")) or urlsplit(href).scheme:
                continue
            path = urlsplit(urljoin(page_url, href)).path.lstrip("/")
            target = engine_site / path
            if path.endswith("/") or not path:
                target = target / "index.html"
            assert target.is_file(), f"{name}: {href}"
            checked += 1
    assert checked > 50


def test_no_inline_script_style_or_event_handler(engine_site):
    for page in html_pages(engine_site):
        for tag, attrs in tags(page):
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/json", (page, attrs)
            assert tag != "style", page
            assert "style" not in attrs, (page, tag)
            assert not [a for a in attrs if a.startswith("on")], (page, tag, attrs)


def test_directory_script_is_a_module_and_theme_helpers_are_files(engine_site):
    text = (engine_site / "directory" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="../assets/directory.js" type="module"></script>', text)
    home = (engine_site / "index.html").read_text(encoding="utf-8")
    assert "directory.js" not in home  # only the directory page loads its filters
    assert '<script src="../assets/theme/storage.js" data-scope=".."></script>' in text
    assert (engine_site / "assets" / "theme" / "storage.js").is_file()


def test_sample_catalogue_renders_every_enterprise(settings, tmp_path):
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    files = sorted(p.stem for p in (ROOT / "catalogue" / "enterprises").glob("*.yaml"))
    docs = render_into(catalogue, settings, tmp_path / "docs")
    assert sorted(p.stem for p in (docs / "enterprises").glob("*.md")) == files
    directory = (docs / "directory" / "index.md").read_text(encoding="utf-8")
    assert directory.count('<tr class="directory-row') == len(files)
    batch_pages = sorted(p.name for p in (docs / "batches").glob("*.md"))
    assert batch_pages == sorted(["index.md"] + [f"{n}.md" for n in catalogue.batches])
    statuses = {e.status.status for e in catalogue.enterprises}
    assert {"active", "suspended", "withdrawn"} <= statuses
