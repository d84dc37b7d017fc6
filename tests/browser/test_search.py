"""The site search in real headless Chromium: a Chinese term typed into the header search box
finds the right page, results show titles and marked excerpts, filters narrow them, the keyboard
reaches every result, and all of it runs under a Content-Security-Policy without 'unsafe-inline'.
Every test fails on any console error (the `page` fixture)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The policy the site is served with: scripts only from the site, WebAssembly allowed for Pagefind.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
       "connect-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'self'")

RESULT_LINKS = "[data-search-results] li a"


@pytest.fixture
def csp_page(page: object) -> Iterator[object]:
    """The `page` fixture, with every response of the site carrying the Content-Security-Policy."""

    def handle(route: object) -> None:
        response = route.fetch()  # type: ignore[attr-defined]
        headers = {**response.headers, "content-security-policy": CSP}
        route.fulfill(response=response, headers=headers)  # type: ignore[attr-defined]

    page.route("**/*", handle)  # type: ignore[attr-defined]
    yield page
    page.unroute_all(behavior="ignoreErrors")  # type: ignore[attr-defined]


def test_a_chinese_term_typed_in_the_header_leads_to_the_enterprise_page(csp_page, served_site):
    page = csp_page
    page.goto(served_site + "/")
    box = page.locator("#site-search-box-input")
    box.fill("松澜药业")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator(RESULT_LINKS).first
    first.wait_for()
    assert first.inner_text() == "吉林省松澜药业集团股份有限公司"
    excerpt = page.locator("[data-search-results] li").first.locator(".site-search-app__excerpt")
    assert excerpt.locator("mark").first.inner_text() == "松澜药业"
    assert "qz" not in page.locator("[data-search-results]").inner_text()
    assert "松澜药业" in page.locator("[data-search-status]").inner_text()
    first.click()
    page.wait_for_url("**/enterprises/jilin-songlan-pharma/")
    assert page.locator("h1").first.inner_text() == "吉林省松澜药业集团股份有限公司"


def test_the_search_page_searches_as_you_type_and_the_keyboard_reaches_the_results(csp_page, served_site):
    page = csp_page
    page.goto(served_site + "/search/")
    field = page.locator("#site-search-query")
    field.focus()
    page.keyboard.type("化工总控工")
    page.locator(RESULT_LINKS).first.wait_for()
    titles = page.locator(RESULT_LINKS).all_inner_texts()
    assert "吉林北岸精细化工有限公司" in titles[:5]
    assert "q=%E5%8C%96" in page.url  # the address keeps the query, so a result list can be shared
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.href]")
    assert focused[0] == titles[0]
    page.keyboard.press("Enter")
    page.wait_for_url(focused[1])
    assert page.locator("h1").first.inner_text().rstrip("¶") == titles[0]


def test_a_filter_narrows_the_results_to_one_reporting_unit(csp_page, served_site):
    page = csp_page
    page.goto(served_site + "/search/?q=" + "中药炮制工")
    page.locator(RESULT_LINKS).first.wait_for()
    assert len(page.locator(RESULT_LINKS).all_inner_texts()) >= 3
    unit = page.locator("select[data-filter='推报单位']")
    options = unit.locator("option").all_inner_texts()
    assert any(o.startswith("梅河口市") for o in options)
    unit.select_option("梅河口市")
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    assert page.locator(RESULT_LINKS).all_inner_texts() == ["梅河口沐川中药饮片有限公司"]


def test_enterprise_pages_offer_the_four_filters(page, served_site):
    page.goto(served_site + "/search/")
    page.locator("select[data-filter]").first.wait_for(state="attached")
    names = page.locator("select[data-filter]").evaluate_all("els => els.map(e => e.dataset.filter)")
    assert names[:4] == ["推报单位", "行业", "职业", "等级"]


def test_a_query_with_no_match_says_so(page, served_site):
    page.goto(served_site + "/search/?q=" + "鲸鱼潜艇")
    status = page.locator("[data-search-status]")
    status.filter(has_text="没有找到").wait_for()
    assert status.inner_text() == "没有找到与“鲸鱼潜艇”相关的页面。"
    assert page.locator(RESULT_LINKS).count() == 0
