"""The downloads of the built sample site: a valid data package, CSV with a BOM and Chinese column
names, JSON with English keys, file names carrying the publication date, the same bytes every time."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.checks.pii_scan import HolderValues, scan_bytes
from generator.load.catalogue import read_catalogue
from generator.opendata import STATISTICS_SLOT, write_certificate_statistics, write_open_data
from generator.opendata.edition import current_edition
from generator.opendata.formats import xlsx_bytes
from generator.opendata.table import Column, Table
from generator.settings import load_settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _package(site: Path) -> dict:
    return json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validate_passes_on_the_data_package(built_site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
                          cwd=built_site / "data", capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_every_table_comes_in_three_formats_with_the_date_in_the_name(built_site: Path) -> None:
    package = _package(built_site)
    stamp = package["created"][:10]
    names = {r["name"] for r in package["resources"]}
    for table in ("enterprises", "occupation-scopes", "branches", "status-history", "supervision-results",
                  "batches", "certificates-by-year-level", "certificates-by-enterprise"):
        assert {f"{table}-csv", f"{table}-xlsx", f"{table}-json"} <= names
    for resource in package["resources"]:
        assert resource["path"].endswith(f"-{stamp}.{resource['format']}")
        assert (built_site / "data" / resource["path"]).is_file()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"] == ".".join(str(int(p)) for p in stamp.split("-"))


def test_csv_has_a_bom_and_chinese_titles_and_json_english_keys(built_site: Path) -> None:
    package = _package(built_site)
    by_name = {r["name"]: r for r in package["resources"]}
    raw = (built_site / "data" / by_name["enterprises-csv"]["path"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["企业标识", "企业名称", "统一社会信用代码", "评价机构编码"]
    assert len(rows) == 1 + len(list((ROOT / "catalogue" / "enterprises").glob("*.yaml")))
    json_path = built_site / "data" / by_name["enterprises-json"]["path"]
    records = json.loads(json_path.read_text(encoding="utf-8"))
    assert list(records[0])[:4] == ["enterprise_id", "enterprise_name", "credit_code", "evaluation_code"]
    assert [r["enterprise_id"] for r in records] == [r[0] for r in rows[1:]]


def test_statistics_show_small_counts_as_less_than_five(built_site: Path) -> None:
    package = _package(built_site)
    path = next(r["path"] for r in package["resources"] if r["name"] == "certificates-by-year-level-csv")
    text = (built_site / "data" / path).read_text(encoding="utf-8-sig")
    assert "<5" in text
    for row in csv.reader(io.StringIO(text)):
        for cell in row[1:]:
            assert cell in ("<5", "×", "合计") or cell.isdigit() or row[0] == "年份"
            if cell.isdigit():
                assert int(cell) == 0 or int(cell) >= 5


def test_the_data_page_states_the_date_and_the_commit(built_site: Path) -> None:
    html = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    package = _package(built_site)
    assert package["created"][:10] in html
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert commit[:12] in html and package["commit"] == commit


def _write(tmp: Path, epoch: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    docs, site = tmp / "docs", tmp / "site"
    settings = load_settings(ROOT / "mkdocs.yml")
    edition = current_edition(ROOT, catalogue)
    result = write_open_data(catalogue, settings, docs, ROOT / "site_templates", edition)
    (site / "data").mkdir(parents=True)
    (site / "data" / "index.html").write_text(f"<main>{STATISTICS_SLOT}</main>\n", encoding="utf-8")
    write_certificate_statistics(result, catalogue, ROOT / "catalogue", site, ROOT / "site_templates")
    return {p.relative_to(tmp).as_posix(): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()}


def test_the_same_commit_writes_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _write(tmp_path / "a", "1782792000", monkeypatch)
    second = _write(tmp_path / "b", "1782792000", monkeypatch)
    assert first == second
    assert "docs/data/enterprises-2026-06-30.xlsx" in first  # 2026-06-30 04:00 UTC is 12:00 in Changchun
    assert "site/data/certificates-by-year-level-2026-06-30.csv" in first
    assert STATISTICS_SLOT not in first["site/data/index.html"].decode("utf-8")


def test_xlsx_downloads_are_scanned_for_personal_data_inside_the_archive() -> None:
    table = Table("t", "表", "", (Column("name", "姓名"),), [("欧阳明远",)])
    data = xlsx_bytes(table, __import__("datetime").datetime(2025, 1, 1, tzinfo=__import__("datetime").UTC))
    assert zipfile.is_zipfile(io.BytesIO(data))
    found = scan_bytes(data, HolderValues.of(["欧阳明远"]))
    assert any(encoding.startswith("zip:") and "name" in kinds for encoding, kinds in found)


def test_xlsx_reads_back_with_openpyxl(built_site: Path) -> None:
    package = _package(built_site)
    path = next(r["path"] for r in package["resources"] if r["name"] == "batches-xlsx")
    sheet = openpyxl.load_workbook(built_site / "data" / path).active
    assert [c.value for c in sheet[1]] == ["批次号", "批次名称", "发布日期", "文号", "企业数", "说明"]


def test_a_value_that_looks_like_a_formula_stays_text_in_xlsx() -> None:
    import datetime as dt

    table = Table("t", "表", "", (Column("summary", "情况说明"),), [("=HYPERLINK(\"x\")",)])
    data = xlsx_bytes(table, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    cell = openpyxl.load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'
