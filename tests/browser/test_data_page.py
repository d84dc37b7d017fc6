"""The 数据下载 page in real headless Chromium: every download link gives a file that reads back —
CSV with its byte order mark, XLSX with openpyxl, JSON against the schema its data package gives —
the charts load, and the page is reachable from the navigation and the directory. Every scenario
requires an empty browser console."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _download(page, selector: str, folder: Path) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """Click the link on a fresh tab of the page's context (Chromium holds back a tab's second and
    later downloads until a person allows them); the tab must log no error either."""
    tab = page.context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(page.url)
    with tab.expect_download() as info:
        tab.locator(selector).click()
    download = info.value
    target = folder / download.suggested_filename
    download.save_as(target)
    tab.close()
    assert errors == [], errors
    return download.suggested_filename, target.read_bytes()


def test_every_download_of_the_data_page_reads_back(page, served_site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from frictionless import Resource, Schema

    page.goto(f"{served_site}/data/")
    assert page.locator("h1").inner_text().startswith("数据下载")
    _name, data = _download(page, 'a[data-format="datapackage"]', tmp_path)
    package = json.loads(data)
    resources = {r["path"]: r for r in package["resources"]}
    links = page.locator("a[download][data-format]:not([data-format=datapackage])")
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert sorted(hrefs) == sorted(resources) and len(hrefs) == 33  # 11 tables × CSV, XLSX, JSON
    for href in hrefs:
        name, data = _download(page, f'a[download][href="{href}"]', tmp_path)
        assert name == href
        resource = resources[name]
        titles = [f["name"] for f in resource["schema"]["fields"]]
        if resource["format"] == "csv":
            assert data.startswith(b"\xef\xbb\xbf"), name
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            assert rows[0] == titles and len(rows) > 1, name
        elif resource["format"] == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            assert [c.value for c in sheet[1]] == titles, name
            assert sheet.max_row > 1, name
        else:
            records = json.loads(data.decode("utf-8"))
            assert records and list(records[0]) == titles, name
            folder = tmp_path / "json"
            folder.mkdir(exist_ok=True)
            shutil.copyfile(tmp_path / name, folder / name)
            report = Resource(path=name, basepath=str(folder), format="json",
                              schema=Schema.from_descriptor(resource["schema"])).validate()
            assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_the_charts_load_and_each_has_a_table_beside_it(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/data/")
    figures = page.locator("figure.opendata-figure")
    assert figures.count() == 5
    for number in range(figures.count()):
        figure = figures.nth(number)
        image = figure.locator("img")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert "数据见旁边的表格" in image.get_attribute("alt")
        assert figure.locator("table caption").count() == 1
        assert figure.locator("tbody tr").count() >= 2


def test_the_data_page_is_reached_from_the_navigation_and_the_directory(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/directory/")
    page.get_by_role("link", name="数据下载").first.click()
    page.wait_for_url("**/data/")
    page.goto(f"{served_site}/directory/")
    page.locator("article").get_by_role("link", name="数据下载").click()
    page.wait_for_url("**/data/")
