"""The built sample site as search engines and visitors find it: site address, sitemap, robots.txt,
the staff guide out of the menu, search and sitemap, the current section marked, lang, the 404 page."""

from __future__ import annotations

import re
from pathlib import Path

from generator.render.labels import tel_uri
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_phone_numbers_become_international_tel_uris() -> None:
    assert tel_uri("0431-80000101") == "tel:+86-431-80000101"
    assert tel_uri("010-12345678") == "tel:+86-10-12345678"
    assert tel_uri("13800000110") == "tel:+86-13800000110"


def test_sitemap_lists_every_public_page_and_not_the_staff_guide(built_site: Path) -> None:
    site_url = load_settings(ROOT / "mkdocs.yml").site_url
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")
             if "pagefind" not in p.parts and "assets" not in p.parts}
    expected = {site_url + ("" if page == "." else page + "/") for page in pages} - {site_url + "staff/"}
    assert locs == expected
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url}sitemap.xml" in robots


def test_pages_have_canonical_links_and_lang_zh_cn(built_site: Path) -> None:
    page = (built_site / "directory" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://' in page
    for path in built_site.rglob("*.html"):
        if "pagefind" in path.parts or "assets" in path.parts:
            continue
        assert '<html lang="zh-CN"' in path.read_text(encoding="utf-8"), path


def test_the_staff_guide_is_out_of_the_menu_and_marked_noindex(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "工作人员指南" not in home and 'href="staff/"' not in home
    guide = (built_site / "staff" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in guide


def test_an_enterprise_page_marks_the_directory_as_the_current_section(built_site: Path) -> None:
    page = next((built_site / "enterprises").glob("*/index.html")).read_text(encoding="utf-8")
    assert re.search(r'href="../../directory/" class="md-nav__link md-nav__link--active" aria-current="true"',
                     page)
    policy = (built_site / "policy" / "notice" / "index.html").read_text(encoding="utf-8")
    assert 'md-nav__link--active" aria-current="page"' in policy


def test_the_404_page_is_chinese_with_search_and_ways_back(built_site: Path) -> None:
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in page and 'action="/search/"' in page
    for href in ("/verify/", "/directory/", "/policy/", "/"):
        assert f'href="{href}"' in page
