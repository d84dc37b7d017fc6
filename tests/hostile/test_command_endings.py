"""How commands end: an unexpected error is one line naming the input and asking for a report
(exit 2), the traceback only with --debug; sheets with extra columns and UTF-16 text import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import generator.load.yamlwalk
from tests.hostile.faults_sheets import HEADER_ROW, VALID_CSV_ROW, csv_text, row, workbook_bytes
from tests.hostile.project import EPOCH, WELDING, make_project, run, snapshot, write


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    make_project(tmp_path / "project")
    return tmp_path / "project"


def _broken_build(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("a fault inside the reader")


def test_an_internal_error_is_one_line_naming_the_input(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.load.yamlwalk, "build", _broken_build)
    monkeypatch.setattr("generator.load.yamlio.build", _broken_build)
    before = snapshot(root)
    result = run(["check"], root)
    assert result.code == 2
    assert result.err.splitlines() == [
        "skills-site check: 内部错误 / internal error (RuntimeError) while handling "
        "catalogue/reference/levels.yaml: 这是本工具的缺陷，请连同该输入报告给维护人员 / this is a bug in "
        "skills-site, please report it with this input (run with --debug for the traceback)"]
    assert "Traceback" not in result.out + result.err
    assert snapshot(root) == before


def test_debug_shows_the_traceback(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.load.yamlio.build", _broken_build)
    with pytest.raises(RuntimeError, match="a fault inside the reader"):
        run(["--debug", "check"], root)


def test_extra_columns_are_ignored_and_named(root: Path) -> None:
    write(root, "名单.csv", csv_text([["序号", *HEADER_ROW, "备注"], ["1", *VALID_CSV_ROW, "补发"]]))
    result = run(["import", "名单.csv", "--enterprise", "test-welding"], root)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "注意 / note: 名单!1: ignored the column(s) 序号、备注 (not certificate fields)"]
    written = yaml.safe_load((root / "catalogue/certificates/test-welding/2025-11.yaml").read_bytes())
    assert [c["number"] for c in written["certificates"]] == [VALID_CSV_ROW[0]]
    assert run(["check"], root).code == 0


def test_a_formula_in_an_ignored_column_does_not_matter(root: Path) -> None:
    def numbered(sheet: object) -> None:
        sheet["J1"] = "序号"  # type: ignore[index]
        sheet["J2"] = "=ROW()-1"  # type: ignore[index]

    write(root, "名单.xlsx", workbook_bytes([row(1)], tweak=numbered))
    result = run(["import", "名单.xlsx", "--enterprise", "test-welding"], root)
    assert result.code == 0, result.err


def test_utf16_text_from_excel_imports(root: Path) -> None:
    write(root, "名单.csv", csv_text([HEADER_ROW, VALID_CSV_ROW], "\t").encode("utf-16"))
    result = run(["import", "名单.csv", "--enterprise", "test-welding"], root)
    assert result.code == 0, result.err
    assert (root / "catalogue/certificates/test-welding/2025-11.yaml").is_file()


def test_a_change_dated_today_is_accepted(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    day = dt.datetime.fromtimestamp(EPOCH, dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    result = run(["enterprise", "supervise", "test-welding", "--date", day, "--kind", "random", "--outcome",
                  "pass", "--summary", "抽查合格"], root)
    assert result.code == 0, result.err
    assert f"date: {day}" in (root / WELDING).read_text(encoding="utf-8")
