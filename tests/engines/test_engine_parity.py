"""The sample site built by MkDocs and by Zensical, compared page by page: the same pages, the same
title, main text and links on each, the same site files (search index and lookup index byte for
byte); and two Zensical builds of one commit are byte-identical.

What differs is the engine's own, and is left out of the comparison here, on purpose:

Files (THEME_ASSETS, ENGINE_ONLY_FILES):
- The theme's stylesheets and scripts (`assets/stylesheets/`, `assets/javascripts/`): each engine
  ships its own build of Material's CSS and JavaScript under its own content-hashed names. MkDocs
  adds source maps (`*.map`) and Lunr's language files (`assets/javascripts/lunr/`, for Material's
  own search, which the site does not use); Zensical puts its stylesheets in `classic/` and
  `modern/` (the site uses `classic`, Material's look) and adds a `LICENSE` for its bundle.
- `sitemap.xml.gz` (MkDocs only): a gzipped copy of `sitemap.xml`, which both write, identically.
- `search.json` (Zensical only): the index of Zensical's built-in search, which is turned off
  (`generator/engine.py`), so the file lists no page; the site search is Pagefind.

Markup of every page (not compared; the reader sees no difference):
- `<meta name="generator">` names the engine and its version.
- Relative URLs: Zensical writes `./directory/` and `./../x/` where MkDocs writes `directory/` and
  `../x/`; links are compared resolved, so these are equal.
- The link to the home page is `href="."` with MkDocs and `href=""` with Zensical (on the home page).
- The sections of the current page in the main navigation (the drawer on phones): MkDocs lists them
  there even when the page hides its table of contents (the home page), Zensical does not. Navigation
  links to a section of the same page (`md-nav__link` with `href="#…"`) are therefore left out of the
  link comparison; the headings themselves are part of the compared main text.
- Skip link ("跳转至"): MkDocs points it at the first heading (`#_1`) and leaves it out on pages
  without headings (404); Zensical points it at an empty `<a id="__skip">` just before the content,
  on every page. Links with class `md-skip` are therefore left out of the link comparison.
- Zensical adds `aria-hidden="true"` to the drawer overlay, `role="status" aria-atomic="true"` to
  the theme's dialog, and wraps navigation section titles in `<span class="md-typeset">`.
- The theme's `<script id="__config" type="application/json">` is written compactly by Zensical,
  with a `redirect` key and a `clipboard.error` text (English: Zensical 0.0.73 has no Chinese for it;
  it is shown only when copying a code block fails, and the site has no copy buttons).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Project, build

from .page_parts import html_pages, read_page, site_files

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
THEME_ASSETS = ("assets/stylesheets/", "assets/javascripts/")
ENGINE_ONLY_FILES = {"mkdocs": {"sitemap.xml.gz"}, "zensical": {"search.json"}}


@pytest.fixture(scope="module")
def sites(sample_site: Callable[[str], Path]) -> tuple[Path, Path]:
    return sample_site("mkdocs"), sample_site("zensical")


def shared_files(site: Path, engine: str) -> set[str]:
    return {f for f in site_files(site)
            if not f.startswith(THEME_ASSETS) and f not in ENGINE_ONLY_FILES[engine]}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_both_engines_build_the_same_pages(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    pages = html_pages(mkdocs)
    assert len(pages) >= 30
    assert html_pages(zensical) == pages


def test_every_page_has_the_same_title_main_text_and_links(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    compared = 0
    for page in html_pages(mkdocs):
        first, second = read_page(mkdocs, page), read_page(zensical, page)
        assert second.title == first.title, page
        assert second.main_text == first.main_text, page
        assert second.main_links == first.main_links, page
        assert second.links == first.links, page
        if first.main_text:
            compared += 1
    assert compared >= 30  # every page but the 404 page has main text


def test_the_site_s_own_scripts_and_stylesheets_are_loaded_alike(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    for page in html_pages(mkdocs):
        own = [[r for r in read_page(site, page).resources if not r.lstrip("/").startswith(THEME_ASSETS)]
               for site in (mkdocs, zensical)]
        assert own[0] == own[1], page
        assert any(r.endswith("/assets/site.css") for r in own[0]), page


def test_links_are_compared_resolved_and_none_points_above_the_site(sites: tuple[Path, Path]) -> None:
    _mkdocs, zensical = sites
    parts = read_page(zensical, "enterprises/changchun-hongda-machinery/index.html")
    assert "/batches/1/" in parts.main_links  # written `../../batches/1/` by the generator
    assert "/directory/" in parts.main_links
    outside = [link for page in html_pages(zensical) for link in read_page(zensical, page).links
               if link.startswith("(above")]
    assert outside == []


def test_besides_the_theme_s_assets_both_sites_hold_the_same_files_byte_for_byte(
        sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    files = shared_files(mkdocs, "mkdocs")
    assert shared_files(zensical, "zensical") == files
    assert any(f.startswith("pagefind/") for f in files) and any(f.startswith("verify/data/") for f in files)
    differing = sorted(f for f in files
                       if not f.endswith(".html") and digest(mkdocs / f) != digest(zensical / f))
    assert differing == []  # search index, lookup index, the site's own assets, sitemap.xml


def test_two_zensical_builds_of_one_commit_are_byte_identical(
        sample_site: Callable[[str], Path], tmp_path: Path) -> None:
    first = sample_site("zensical")
    second = Project(ROOT, out=tmp_path / "site", work=tmp_path / "work", engine="zensical")
    build(second)
    before = {f: digest(first / f) for f in site_files(first)}
    after = {f: digest(second.out / f) for f in site_files(second.out)}  # type: ignore[operator]
    assert len(before) > 100
    assert sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)) == []
