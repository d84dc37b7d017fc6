"""The pilot-enterprise directory in real headless Chromium: filtering, the count, the address
that keeps the filters, the link to an enterprise page, the sample-data banner, the page without
JavaScript, and the table on a phone. Every scenario requires an empty browser console."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.load.catalogue import read_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue():
    return read_catalogue(ROOT / "catalogue", display_root=ROOT)


@contextmanager
def checked_page(browser, **options) -> Iterator[object]:
    """A page in its own context (for options the shared fixture does not set), with the same
    empty-console requirement."""
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}")
            if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    yield page
    context.close()
    assert errors == [], "browser console was not empty:\n" + "\n".join(errors)


def visible_rows(page) -> list[str]:
    script = "rows => rows.filter(r => !r.hidden).map(r => r.querySelector('a').textContent)"
    return page.eval_on_selector_all("#directory-table tbody tr", script)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_filtering_by_reporting_unit_and_status_changes_the_count_and_reset_shows_all(
        page, served_site, catalogue):
    total = len(catalogue.enterprises)
    unit = next(u for u in catalogue.reporting_units.values()
                if sum(e.reporting_unit.id == u.id for e in catalogue.enterprises) >= 2)
    in_unit = sorted(e.name for e in catalogue.enterprises if e.reporting_unit.id == unit.id)
    page.goto(f"{served_site}/directory/")
    count = page.locator("#directory-count")
    assert page.locator("#directory-filters").is_visible()
    assert count.text_content() == f"共 {total} 家"
    assert len(visible_rows(page)) == total

    page.get_by_label("推报单位", exact=True).select_option(unit.id)
    assert count.text_content() == f"共 {len(in_unit)} 家（名录共 {total} 家）"
    assert sorted(visible_rows(page)) == in_unit
    assert query(page) == {"unit": [unit.id]}

    active_in_unit = sorted(e.name for e in catalogue.enterprises
                            if e.reporting_unit.id == unit.id and e.status.status == "active")
    page.get_by_label("状态", exact=True).select_option("active")
    assert sorted(visible_rows(page)) == active_in_unit
    assert count.text_content() == f"共 {len(active_in_unit)} 家（名录共 {total} 家）"
    assert query(page) == {"unit": [unit.id], "status": ["active"]}

    page.get_by_role("button", name="清除筛选").click()
    assert count.text_content() == f"共 {total} 家"
    assert len(visible_rows(page)) == total
    assert query(page) == {}
    assert page.get_by_label("推报单位", exact=True).input_value() == ""


def test_a_shared_address_opens_the_same_filtered_view(page, served_site, catalogue):
    withdrawn = sorted(e.name for e in catalogue.enterprises if e.status.status == "withdrawn")
    assert withdrawn
    page.goto(f"{served_site}/directory/?status=withdrawn")
    assert page.get_by_label("状态", exact=True).input_value() == "withdrawn"
    assert sorted(visible_rows(page)) == withdrawn
    assert page.locator("#directory-table tbody tr:not([hidden]) .status-badge").all_text_contents() == \
        ["已退出试点"] * len(withdrawn)


def test_occupation_and_level_filter_together_and_the_text_box(page, served_site, catalogue):
    welders_at_2 = sorted(e.name for e in catalogue.enterprises
                          if any(s.occupation.code == "6-18-02-04" and 2 in s.levels for s in e.occupations))
    page.goto(f"{served_site}/directory/")
    page.get_by_label("职业", exact=True).select_option("6-18-02-04")
    page.get_by_label("等级", exact=True).select_option("2")
    assert sorted(visible_rows(page)) == welders_at_2
    page.get_by_role("button", name="清除筛选").click()

    target = catalogue.enterprises[0]
    page.get_by_label("名称或代码", exact=True).fill(target.credit_code)
    assert visible_rows(page) == [target.name]
    page.get_by_label("名称或代码", exact=True).fill("没有这样的企业")
    assert visible_rows(page) == []
    assert page.locator("#directory-empty").is_visible()


def test_filters_work_from_the_keyboard(page, served_site, catalogue):
    page.goto(f"{served_site}/directory/")
    page.get_by_label("推报单位", exact=True).focus()
    page.keyboard.press("ArrowDown")
    first_unit = page.get_by_label("推报单位", exact=True).input_value()
    assert first_unit
    expected = sorted(e.name for e in catalogue.enterprises if e.reporting_unit.id == first_unit)
    assert sorted(visible_rows(page)) == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-industry"


def test_an_enterprise_page_opens_from_its_link_and_shows_the_banner(page, served_site, catalogue):
    enterprise = next(e for e in catalogue.enterprises if e.status.status == "suspended")
    page.goto(f"{served_site}/directory/")
    page.get_by_role("link", name=enterprise.name, exact=True).click()
    page.wait_for_url(f"{served_site}/enterprises/{enterprise.id}/")
    assert page.locator("h1").first.text_content() == enterprise.name
    assert page.locator(".status-notice .admonition-title").text_content() == "暂停试点"
    assert enterprise.evaluation_code in page.locator("article").text_content()
    banner = page.locator("[data-sample-banner]")
    assert banner.is_visible()
    assert "示例数据" in banner.text_content()


def test_without_javascript_the_full_table_reads(browser, served_site, catalogue):
    with checked_page(browser, java_script_enabled=False) as page:
        page.goto(f"{served_site}/directory/?status=withdrawn")
        assert not page.locator("#directory-filters").is_visible()
        rows = page.locator("#directory-table tbody tr")
        assert rows.count() == len(catalogue.enterprises)
        assert all(rows.nth(i).is_visible() for i in range(rows.count()))
        assert page.locator("#directory-count").text_content() == f"共 {len(catalogue.enterprises)} 家"


@pytest.mark.parametrize("path", ["/directory/", "/batches/1/", "/enterprises/changchun-hongda-machinery/"])
def test_on_a_phone_tables_scroll_inside_the_page(browser, served_site, path):
    with checked_page(browser, viewport={"width": 375, "height": 740}, is_mobile=True,
                      has_touch=True, device_scale_factor=2) as page:
        page.goto(f"{served_site}{path}")
        width = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        table = page.locator("article table").first
        box = table.bounding_box()
        assert box is not None and box["x"] >= 0
        # The table's scrolling box stays inside the viewport, however wide the table is.
        box_right = page.evaluate(
            "t => (t.closest('.md-typeset__scrollwrap') || t).getBoundingClientRect().right",
            table.element_handle())
        assert box_right <= width + 1
