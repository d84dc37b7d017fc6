"""What Excel and people do to cells: dates in every usual form, ID numbers turned into numbers,
stray spaces, full-width characters, look-alike middle dots, the template's example row, and
.csv files saved as UTF-8 with a byte-order mark or as GB18030."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest

from generator.importer import SheetError, import_sheet
from generator.importer.sheet import convert_cell
from generator.importer.workbook import CSV_FIELD_LIMIT, FileProblem, read_raw
from tests.importer.sheets import ENTERPRISE, good_row, without_codes, write_csv, write_xlsx

NEW_FILE = f"certificates/{ENTERPRISE}/2025-11.yaml"


def records(catalogue: Path) -> list[str]:
    return [without_codes(line) for line in (catalogue / NEW_FILE).read_text(encoding="utf-8").splitlines()
            if line.startswith("  - {")]


@pytest.mark.parametrize("cell", [
    dt.datetime(2025, 11, 20), dt.date(2025, 11, 20), "2025-11-20", "2025/11/20", "2025年11月20日",
    " 2025 年 11 月 20 日 ", "２０２５－１１－２０", "2025.11.20", 45981, 45981.0,
])
def test_an_issue_date_as_an_excel_date_or_as_text_reads_as_the_same_day(cell: object) -> None:
    assert convert_cell("issued", cell) == "2025-11-20"


@pytest.mark.parametrize(("cell", "message"), [
    ("2019-13-45", "2019-13-45 is not a real calendar date (expected a date such as 2019-12-20)"),
    ("2019年2月30日", "2019年2月30日 is not a real calendar date (expected a date such as 2019-12-20)"),
    ("去年十二月", "'去年十二月' is not a date (expected a date such as 2019-12-20)"),
    ("20191220", "'20191220' is not a date (expected a date such as 2019-12-20)"),
    (-3, "the number -3 is not a date (expected a date such as 2019-12-20)"),
])
def test_a_cell_that_is_not_a_date_is_reported(cell: object, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        convert_cell("issued", cell)
    assert str(exc.value) == message


def test_dates_written_every_way_in_one_sheet_all_land_as_iso_dates(catalogue: Path, tmp_path: Path) -> None:
    cells = [dt.datetime(2025, 11, 20), "2025-11-20", "2025/11/20", "2025年11月20日"]
    rows = [good_row(i, issued=cell) for i, cell in enumerate(cells, start=1)]
    for row in rows:
        row[0] = row[0][:13] + "25" + row[0][15:]
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE)
    assert [line.endswith("issued: 2025-11-20}") for line in records(catalogue)] == [True] * 4


@pytest.mark.parametrize(("cell", "shown"), [
    (220102199001011000.0, "2.2010219900101E+17"),
    (2.2010219900101e17, "2.2010219900101E+17"),
    (220102199001011234, "220102199001011234"),
    ("2.20102E+17", "2.20102E+17"),
    ("2.2010219900101E+17", "2.2010219900101E+17"),
])
def test_an_id_number_stored_as_a_number_is_reported_not_guessed(cell: object, shown: str) -> None:
    with pytest.raises(ValueError) as exc:
        convert_cell("id_number", cell)
    assert str(exc.value) == (f"stored as the number {shown}: Excel keeps only 15 digits, so the last digits "
                              "are lost (expected text: format the column as 文本 and type the number again)")


def test_stray_spaces_and_full_width_characters_are_normalised(catalogue: Path, tmp_path: Path) -> None:
    row = good_row(1)
    number, name, id_number = row[0], row[1], row[2]
    full_width = str.maketrans("0123456789Y", "０１２３４５６７８９Ｙ")
    row[0] = f" {number.translate(full_width)}\u3000"
    row[1] = f" {name[0]} {name[1:]} "
    row[2] = f"{id_number[:6]} {id_number[6:]}\t".translate(full_width)
    row[3] = "６-18-02-04 "
    row[4] = " ４ "
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", [row]), ENTERPRISE)
    assert records(catalogue) == [f'  - {{number: {number}, name: {name}, id_number: "{id_number}", '
                                  "occupation: 6-18-02-04, level: 4, issued: 2025-11-20}"]


def test_a_lower_case_x_in_an_id_number_is_stored_as_a_capital(catalogue: Path, tmp_path: Path) -> None:
    row = good_row(51)
    assert row[2].endswith("X")
    expected = row[2]
    row[2] = expected.lower()
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", [row]), ENTERPRISE)
    assert f'id_number: "{expected}"' in records(catalogue)[0]


@pytest.mark.parametrize("dot", ["\u00b7", "\u2022", "\u2027", "\u30fb", "\uff65", "\u2219", "\u22c5", " · "])
def test_every_middle_dot_look_alike_is_stored_as_the_middle_dot(
        catalogue: Path, tmp_path: Path, dot: str) -> None:
    row = good_row(1)
    row[1] = f"阿依古丽{dot}买买提"
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", [row]), ENTERPRISE)
    assert ", name: 阿依古丽\u00b7买买提, " in records(catalogue)[0]


def test_levels_may_be_written_as_names(catalogue: Path, tmp_path: Path) -> None:
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[0][4], rows[1][4], rows[2][4] = "四级", "中级工", 4.0
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE)
    assert all(", level: 4, " in line for line in records(catalogue))
    with pytest.raises(ValueError) as exc:
        convert_cell("level", "特级")
    assert str(exc.value) == "'特级' is not a level (expected 1–5 or a name such as 四级/中级工)"


def test_the_templates_example_row_is_skipped(catalogue: Path, tmp_path: Path) -> None:
    result = import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", [good_row(1), good_row(2)],
                                                keep_example=True), ENTERPRISE)
    assert result.added == 2
    assert len(records(catalogue)) == 2
    only_example = write_xlsx(tmp_path / "b.xlsx", [], keep_example=True)
    result = import_sheet(catalogue, only_example, ENTERPRISE)
    assert (result.added, result.files) == (0, [])


def test_empty_required_cells_are_each_reported(catalogue: Path, tmp_path: Path) -> None:
    row = good_row(1)
    row[1] = "  "
    row[5] = None
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", [row]), ENTERPRISE)
    assert [str(p) for p in exc.value.problems] == ["证书!2: 发证日期: empty (expected a value)",
                                                    "证书!2: 姓名: empty (expected a value)"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-8"])
def test_a_csv_file_gives_the_same_records_as_the_xlsx_file(
        catalogue: Path, tmp_path: Path, encoding: str) -> None:
    rows = [good_row(i) for i in range(1, 6)]
    rows[2][1] = "阿依古丽·买买提"
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE)
    from_xlsx = (catalogue / NEW_FILE).read_text(encoding="utf-8")
    (catalogue / NEW_FILE).unlink()
    sheet = write_csv(tmp_path / "名单.csv", rows, encoding)
    if encoding == "gb18030":
        assert "姓名".encode("gb18030") in sheet.read_bytes()
    result = import_sheet(catalogue, sheet, ENTERPRISE)
    assert result.added == 5
    assert without_codes((catalogue / NEW_FILE).read_text(encoding="utf-8")) == without_codes(
        from_xlsx.replace("a.xlsx", "名单.csv"))


def test_a_huge_csv_field_is_refused_after_another_library_raised_the_limit(tmp_path: Path) -> None:
    sheet = tmp_path / "名单.csv"
    sheet.write_text("证书编号,姓名\n" + "Y" * (CSV_FIELD_LIMIT + 1) + ",样例\n", encoding="utf-8")
    previous = csv.field_size_limit(sys.maxsize)  # what frictionless does when it reads a CSV
    try:
        with pytest.raises(FileProblem, match=r"field larger than field limit \(131072\)"):
            read_raw(sheet)
        assert csv.field_size_limit() == sys.maxsize  # the reader restores what it found
    finally:
        csv.field_size_limit(previous)
