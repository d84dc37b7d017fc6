"""Existing certificate files keep every byte they had: appended records go after the last record,
a corrected record changes its own line only, and the template is what staff are told it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.importer import SheetError, import_sheet, write_certificate_template
from generator.importer.columns import COLUMNS
from generator.load.catalogue import check_catalogue
from tests.importer.sheets import ENTERPRISE, good_row, snapshot, without_codes, write_xlsx

OCTOBER = f"certificates/{ENTERPRISE}/2025-10.yaml"


def october_rows(count: int) -> list[list]:
    return [good_row(i, issued=dt.date(2025, 10, 14)) for i in range(1, count + 1)]


def decorate(path: Path) -> str:
    """Give the sample file what a hand-edited file has: a quoted label, a comment line between
    records, an end-of-line comment and a blank line; return the new text."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = "label: '2025-10'   # 批次\n"
    lines.insert(7, "  # 以下为补录的证书\n")
    lines[8] = lines[8].rstrip("\n") + "  # 已核对原件\n"
    lines.insert(9, "\n")
    text = "".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


def test_appending_keeps_every_byte_of_the_existing_file(catalogue: Path, tmp_path: Path) -> None:
    target = catalogue / OCTOBER
    before = decorate(target).encode("utf-8")
    assert check_catalogue(catalogue, display_root=catalogue.parent) == []
    result = import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", october_rows(3)), ENTERPRISE)
    assert (result.added, result.files) == (3, [target])
    after = target.read_bytes()
    assert after.startswith(before)
    assert without_codes(after[len(before):].decode("utf-8")).splitlines() == [
        '  - {number: Y000022000101254500001, name: 钱伟磊, id_number: "220102197102020012", '
        "occupation: 6-18-02-04, level: 4, issued: 2025-10-14}",
        '  - {number: Y000022000101254500002, name: 孙伟涛, id_number: "220102197203030025", '
        "occupation: 6-18-02-04, level: 4, issued: 2025-10-14}",
        '  - {number: Y000022000101254500003, name: 李伟芳, id_number: "220102197304040038", '
        "occupation: 6-18-02-04, level: 4, issued: 2025-10-14}",
    ]
    assert check_catalogue(catalogue, display_root=catalogue.parent) == []


def test_comments_after_the_last_record_stay_at_the_end(catalogue: Path, tmp_path: Path) -> None:
    target = catalogue / OCTOBER
    before = target.read_text(encoding="utf-8")
    target.write_text(before + "# 名单到此为止\n", encoding="utf-8")
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", october_rows(1)), ENTERPRISE)
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert without_codes(after).endswith("level: 4, issued: 2025-10-14}\n# 名单到此为止\n")


def test_a_file_with_windows_line_endings_keeps_them(catalogue: Path, tmp_path: Path) -> None:
    target = catalogue / OCTOBER
    before = target.read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(before)
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", october_rows(2)), ENTERPRISE)
    after = target.read_bytes()
    assert after.startswith(before)
    assert after[len(before):].count(b"\r\n") == 2
    assert b"\n" not in after[len(before):].replace(b"\r\n", b"")


def test_a_correction_changes_only_its_own_line_and_keeps_its_comment(
        catalogue: Path, tmp_path: Path) -> None:
    target = catalogue / OCTOBER
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", october_rows(3)), ENTERPRISE)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[-2] = lines[-2].rstrip("\n") + "  # 原名单第 2 行\n"
    before = "".join(lines)
    target.write_text(before, encoding="utf-8")
    rows = october_rows(3)
    rows[1][1] = "孙伟明"
    result = import_sheet(catalogue, write_xlsx(tmp_path / "b.xlsx", rows), ENTERPRISE, update=True)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    after = target.read_text(encoding="utf-8").splitlines(keepends=True)
    pairs = zip(before.splitlines(keepends=True), after, strict=True)
    assert [i for i, (a, b) in enumerate(pairs) if a != b] == [len(lines) - 2]
    assert after[-2] == lines[-2].replace("孙伟涛", "孙伟明")
    assert after[-2].endswith("}  # 原名单第 2 行\n")


def test_a_file_not_laid_out_one_record_per_line_is_left_alone(catalogue: Path, tmp_path: Path) -> None:
    target = catalogue / OCTOBER
    first = target.read_text(encoding="utf-8").splitlines()[:6]
    target.write_text("\n".join([*first, "  - number: Y000022000101252000001", "    name: 任杨福",
                                 '    id_number: "220802199710289768"', "    occupation: 6-20-01-01",
                                 "    level: 2", "    issued: 2025-10-14", ""]), encoding="utf-8")
    before = snapshot(catalogue)
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", october_rows(1)), ENTERPRISE)
    assert [str(p) for p in exc.value.problems] == [
        f"证书!0: catalogue/{OCTOBER} is not laid out one certificate per line (expected "
        "'  - {number: …}' lines at the end of the file, as the import writes them)"]
    assert snapshot(catalogue) == before


def test_the_template_has_chinese_headers_an_example_row_and_input_hints(tmp_path: Path) -> None:
    path = write_certificate_template(tmp_path / "模板.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["证书", "填写说明"]
    sheet = workbook["证书"]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS] == [
        "证书编号", "姓名", "身份证号码", "职业编码", "等级", "发证日期", "状态", "撤销日期", "撤销原因代码"]
    assert [c.value for c in sheet[2]][:6] == ["Y000022000101194000001", "张示例", "220102199003070021",
                                               "6-18-02-04", "4", dt.datetime(2019, 12, 20)]
    assert all(c.comment is not None and c.comment.text == col.hint for c, col in zip(sheet[1], COLUMNS,
                                                                                      strict=True))
    assert sheet.column_dimensions["C"].number_format == "@"  # ID numbers stay text
    assert sheet.column_dimensions["F"].number_format == "yyyy-mm-dd"
    prompts = {str(v.sqref): v.prompt for v in sheet.data_validations.dataValidation}
    assert prompts["C2:C2001"] == COLUMNS[2].hint
    assert "第 2 行为示例" in workbook["填写说明"]["A2"].value
