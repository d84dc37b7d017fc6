"""An import writes every row or none, and lists every bad row as `sheet!row: column: what`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importer import SheetError, import_sheet
from generator.load.catalogue import check_catalogue
from tests.importer.sheets import (
    ENTERPRISE,
    codes_in,
    good_row,
    snapshot,
    without_codes,
    write_csv,
    write_xlsx,
)

NEW_FILE = f"certificates/{ENTERPRISE}/2025-11.yaml"
FIVE_BAD = [
    "证书!12: 身份证号码: stored as the number 2.2010219900101E+17: Excel keeps only 15 digits, so the last "
    "digits are lost (expected text: format the column as 文本 and type the number again)",
    "证书!32: 发证日期: 2019-13-45 is not a real calendar date (expected a date such as 2019-12-20)",
    "证书!52: 身份证号码: the check character is 0 (expected X by GB 11643-1999)",
    "证书!72: 职业编码: 6-99-99-99 is not an occupation registered for changchun-hongda-machinery "
    "(expected one of 6-18-02-04, 6-18-01-01, 6-20-01-01)",
    "证书!92: 证书编号: positions 1–13 are Y000022000102 (expected the issuing enterprise's evaluation code "
    "Y000022000101)",
]


def messages(exc: pytest.ExceptionInfo[SheetError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def hundred_and_five_rows() -> list[list]:
    """105 rows of which rows 12, 32, 52, 72 and 92 of the sheet are bad (sheet row = index + 2)."""
    rows = [good_row(i) for i in range(1, 106)]
    rows[10][2] = 220102199001011000.0  # what Excel keeps of 220102199001011234 typed as a number
    rows[30][5] = "2019-13-45"
    bad_check = rows[50][2]
    assert bad_check.endswith("X")
    rows[50][2] = bad_check[:17] + "0"
    rows[70][3] = "6-99-99-99"
    rows[90][0] = "Y000022000102" + rows[90][0][13:]
    return rows


def test_a_sheet_with_five_bad_rows_among_a_hundred_good_ones_writes_nothing_and_lists_exactly_those_five(
        catalogue: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "名单.xlsx", hundred_and_five_rows())
    before = snapshot(catalogue)
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, sheet, ENTERPRISE)
    assert messages(exc) == FIVE_BAD
    assert snapshot(catalogue) == before


def test_the_same_five_bad_rows_are_listed_from_a_csv_file(catalogue: Path, tmp_path: Path) -> None:
    rows = hundred_and_five_rows()
    rows[10][2] = "2.20102E+17"  # how Excel saves such a cell into a .csv file
    sheet = write_csv(tmp_path / "名单.csv", rows)
    before = snapshot(catalogue)
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, sheet, ENTERPRISE)
    expected = [m.replace("证书!", "名单!").replace("2.2010219900101E+17", "2.20102E+17") for m in FIVE_BAD]
    assert messages(exc) == expected
    assert snapshot(catalogue) == before


def test_a_hundred_good_rows_are_written_into_one_new_file_that_the_build_accepts(
        catalogue: Path, tmp_path: Path) -> None:
    before = snapshot(catalogue)
    result = import_sheet(catalogue, write_xlsx(tmp_path / "名单.xlsx", [good_row(i) for i in range(1, 101)]),
                          ENTERPRISE)
    assert (result.added, result.updated, result.unchanged) == (100, 0, 0)
    assert result.files == [catalogue / NEW_FILE]
    after = snapshot(catalogue)
    assert set(after) - set(before) == {NEW_FILE}
    assert {k: v for k, v in after.items() if k != NEW_FILE} == before
    lines = after[NEW_FILE].decode("utf-8").splitlines()
    assert lines[:6] == [
        "# yaml-language-server: $schema=../../schemas/certificates.schema.json",
        "# 证书数据，由 skills-site import 从 名单.xlsx 导入。",
        f"enterprise: {ENTERPRISE}", "label: 2025-11", "sample: false", "certificates:"]
    assert without_codes(lines[6]) == ('  - {number: Y000022000101254500001, name: 钱伟磊, '
                                       'id_number: "220102197102020012", occupation: 6-18-02-04, level: 4, '
                                       "issued: 2025-11-20}")
    assert len(lines) == 106
    codes = codes_in(after[NEW_FILE].decode("utf-8"))  # every new certificate gets a code of its own
    assert len(codes) == len(set(codes)) == 100
    assert check_catalogue(catalogue, display_root=catalogue.parent) == []


def test_importing_the_same_sheet_again_adds_nothing(catalogue: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "名单.xlsx", [good_row(i) for i in range(1, 101)])
    import_sheet(catalogue, sheet, ENTERPRISE)
    before = snapshot(catalogue)
    result = import_sheet(catalogue, sheet, ENTERPRISE)
    assert (result.added, result.updated, result.unchanged, result.files) == (0, 0, 100, [])
    assert snapshot(catalogue) == before


def test_a_row_that_changes_a_published_certificate_is_refused_without_update_and_applied_with_it(
        catalogue: Path, tmp_path: Path) -> None:
    rows = [good_row(i) for i in range(1, 4)]
    import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE)
    original = (catalogue / NEW_FILE).read_text(encoding="utf-8")
    rows[1][1] = "孙伟军"
    rows[1][4] = 3
    rows[1][0] = rows[1][0][:15] + "3" + rows[1][0][16:]  # a new number: a new certificate, not a change
    rows[2][1] = "李伟军"
    sheet = write_xlsx(tmp_path / "b.xlsx", rows)
    before = snapshot(catalogue)
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, sheet, ENTERPRISE)
    assert messages(exc) == ["证书!4: 姓名: differs from the already published certificate "
                             "(expected the published value; use --update to change it)"]
    assert snapshot(catalogue) == before

    result = import_sheet(catalogue, sheet, ENTERPRISE, update=True)
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    old_lines = original.splitlines(keepends=True)
    new_lines = (catalogue / NEW_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    assert new_lines[:8] == old_lines[:8]  # header and the two untouched records
    assert new_lines[8] == old_lines[8].replace("李伟芳", "李伟军")
    assert new_lines[9].startswith("  - {number: Y000022000101253500002, name: 孙伟军,")
    assert len(new_lines) == 10
    # the correction kept the code printed on the certificate; the new certificate got a new one
    assert codes_in(new_lines[8]) == codes_in(old_lines[8])
    assert codes_in(new_lines[9])[0] not in codes_in(original)


def test_a_certificate_number_on_two_rows_is_reported_on_both(catalogue: Path, tmp_path: Path) -> None:
    rows = [good_row(1), good_row(2), good_row(1)]
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE)
    expected = ("证书编号: the same certificate number appears on several rows "
                "(expected each certificate once)")
    assert messages(exc) == [f"证书!2: {expected}", f"证书!4: {expected}"]


def test_messages_are_the_builds_own_and_land_on_the_row_that_made_the_record(
        catalogue: Path, tmp_path: Path) -> None:
    """Rows appended to an existing file: the catalogue check's message for certificates[k] is shown on
    the sheet row that became record k, word for word."""
    existing = catalogue / "certificates" / ENTERPRISE / "2025-10.yaml"
    count = existing.read_text(encoding="utf-8").count("\n  - {")
    rows = [good_row(i, issued=dt.date(2025, 10, 14)) for i in range(1, 6)]
    rows[3][4] = 1  # level 1 is outside 6-18-02-04's registered range (五级 to 二级)
    rows[3][0] = rows[3][0][:15] + "1" + rows[3][0][16:]
    sheet = write_xlsx(tmp_path / "a.xlsx", rows)
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, sheet, ENTERPRISE)

    # The same record written by hand, checked by the build.
    bad = rows[3]
    line = (f'  - {{number: {bad[0]}, name: {bad[1]}, id_number: "{bad[2]}", occupation: {bad[3]}, '
            f'level: {bad[4]}, issued: 2025-10-14, query_code: "ABCDEFGHJKMN"}}\n')
    existing.write_text(existing.read_text(encoding="utf-8") + line, encoding="utf-8")
    found = check_catalogue(catalogue, display_root=catalogue.parent)
    assert [(p.field, p.path) for p in found] == [
        (f"certificates[{count}].level", f"catalogue/certificates/{ENTERPRISE}/2025-10.yaml")]
    assert messages(exc) == [f"证书!5: 等级: {found[0].message}"]
    assert found[0].message == ("level 1 is outside the range registered for 6-18-02-04 "
                                "(expected 五级/初级工 to 二级/技师)")


def test_a_label_earlier_than_the_issue_date_is_reported_on_the_issue_date_column(
        catalogue: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "a.xlsx", [good_row(1)])
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, sheet, ENTERPRISE, label="2025-10")
    assert messages(exc) == ["证书!2: 发证日期: 2025-11-20 is after the issuing batch 2025-10 "
                             "(expected a date no later than 2025-10-31)"]


def test_an_unknown_enterprise_an_unknown_file_type_and_a_missing_column_are_refused(
        catalogue: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "a.xlsx", [good_row(1)])
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, sheet, "no-such-enterprise")
    assert messages(exc) == ["证书!0: unknown enterprise 'no-such-enterprise' "
                             "(expected the id of a file in catalogue/enterprises)"]
    text = tmp_path / "a.txt"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, text, ENTERPRISE)
    assert messages(exc) == ["a.txt!0: unsupported file type '.txt' (expected .xlsx or .csv)"]
    partial = tmp_path / "b.csv"
    partial.write_text("证书编号,姓名,身份证号码,职业编码,等级\n", encoding="utf-8")
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, partial, ENTERPRISE)
    expected = ("column missing from the header row (expected the template's headers: "
                "证书编号、姓名、身份证号码、职业编码、等级、发证日期、状态、撤销日期、撤销原因代码)")
    assert messages(exc) == [f"b!1: 发证日期: {expected}"]


def test_a_missing_file_and_a_file_that_is_not_a_workbook_are_reported(
        catalogue: Path, tmp_path: Path) -> None:
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, tmp_path / "无此文件.csv", ENTERPRISE)
    assert messages(exc) == ["无此文件.csv!0: cannot read the file: No such file or directory "
                             "(expected a readable file)"]
    fake = tmp_path / "名单.xlsx"
    fake.write_text("证书编号,姓名\n", encoding="utf-8")
    with pytest.raises(SheetError) as exc:
        import_sheet(catalogue, fake, ENTERPRISE)
    assert messages(exc) == ["名单.xlsx!0: the file is UTF-8 text, saved with an .xlsx name (expected: "
                             "rename it to .csv, or open it in Excel or WPS and save it as "
                             "“Excel 工作簿 (*.xlsx)”)"]
