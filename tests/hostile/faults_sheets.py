"""Faulty spreadsheets and import arguments, each run through `skills-site import`."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import msoffcrypto.format.ooxml
import xlwt
from openpyxl import load_workbook

from generator.importer import write_certificate_template
from tests.hostile.project import DAY, Fault, id_number, write

ENTERPRISE = "test-welding"
NOTHING = " — 未执行 / nothing done"
SAVE_AS = "open it in Excel or WPS and save it as “Excel 工作簿 (*.xlsx)”"
HEADERS = "证书编号、姓名、身份证号码、职业编码、等级、发证日期、状态、撤销日期、撤销原因代码"
ENCRYPTED = ("the file is a workbook protected with a password (encrypted), which cannot be read (expected "
             "a workbook without a password: in Excel choose 文件 → 信息 → 保护工作簿 → 用密码进行加密, "
             "delete the password, and save)")
XLS = f"the file is an Excel 97–2003 workbook (.xls), which is not read (expected .xlsx: {SAVE_AS})"


def row(serial: int, *, issued: Any = dt.date(2025, 11, 20)) -> list[Any]:
    """One valid certificate of test-welding, in the template's column order."""
    number = f"Y000022000901{issued.year % 100:02d}4{500000 + serial:06d}"
    return [number, "王示例", id_number(f"220102198801{serial % 28 + 1:02d}123"),
            "6-18-02-04", 4, issued, None, None, None]


def workbook_bytes(rows: list[list[Any]], *, tweak: Any = None) -> bytes:
    """The command's own template filled with `rows` from row 2; `tweak(sheet)` may change cells."""
    buffer = io.BytesIO()
    template = Path(os.environ.get("TMPDIR", "/tmp")) / f"template-{os.getpid()}.xlsx"
    write_certificate_template(template)
    workbook = load_workbook(template)
    template.unlink()
    sheet = workbook.worksheets[0]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=2 + offset, column=column).value = value
    if tweak is not None:
        tweak(sheet)
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    return "".join(delimiter.join(cells) + "\r\n" for cells in rows)


def importing(name: str, data: bytes | str | None, *extra: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    """A setup that writes the sheet `name` next to the catalogue and imports it for test-welding."""
    def setup(root: Path) -> list[str]:
        if data is not None:
            write(root, name, data.encode(encoding) if isinstance(data, str) else data)
        return ["import", name, "--enterprise", ENTERPRISE, *extra]
    return setup


def arguments(*argv: str):  # type: ignore[no-untyped-def]
    def setup(root: Path) -> list[str]:
        write(root, "证书.xlsx", workbook_bytes([row(1)]))
        return list(argv)
    return setup


def encrypted() -> bytes:
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(workbook_bytes([row(1)]))).encrypt("口令", out)
    return out.getvalue()


def old_workbook() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("证书")
    for column, header in enumerate(HEADERS.split("、")):
        sheet.write(0, column, header)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def formula_without_result(sheet: Any) -> None:
    sheet["F2"] = "=DATE(2025,11,20)"  # openpyxl saves formulas without a calculated value


def error_value(sheet: Any) -> None:
    sheet["B2"].value = "#N/A"
    sheet["B2"].data_type = "e"


def extra_column_and_stray_value(sheet: Any) -> None:
    sheet["K2"] = "备用"


def sparse(name: str, size: int):  # type: ignore[no-untyped-def]
    def setup(root: Path) -> list[str]:
        with open(root / name, "wb") as handle:
            handle.truncate(size)
        return ["import", name, "--enterprise", ENTERPRISE]
    return setup


def import_beside_a_link(root: Path) -> list[str]:
    write(root, "证书.xlsx", workbook_bytes([row(1)]))
    os.symlink("/etc/passwd", root / "catalogue" / "enterprises" / "evil.yaml")
    return ["import", "证书.xlsx", "--enterprise", ENTERPRISE]


def linked_sheet(root: Path) -> list[str]:
    write(root, "elsewhere/证书.xlsx", workbook_bytes([row(1)]))
    os.symlink(root / "elsewhere" / "证书.xlsx", root / "证书.xlsx")
    return ["import", "证书.xlsx", "--enterprise", ENTERPRISE]


HEADER_ROW = HEADERS.split("、")
VALID_CSV_ROW = ["Y000022000901254500001", "王示例", id_number("22010219880101121"), "6-18-02-04", "4",
                 "2025-11-20", "", "", ""]
CASES = [
    # arguments, checked before any path is formed
    Fault("a label climbing out of the catalogue", arguments(
        "import", "证书.xlsx", "--enterprise", ENTERPRISE, "--label", "../../evil"),
        ("skills-site import: --label: '../../evil' is not an issuing batch label (expected YYYY-MM, "
         "optionally followed by -2, -3 … for a further file that month, e.g. 2020-06)" + NOTHING,)),
    Fault("an absolute path as a label", arguments(
        "import", "证书.xlsx", "--enterprise", ENTERPRISE, "--label", "/abs/path"),
        ("skills-site import: --label: '/abs/path' is not an issuing batch label (expected YYYY-MM, "
         "optionally followed by -2, -3 … for a further file that month, e.g. 2020-06)" + NOTHING,)),
    Fault("an enterprise id pointing at the reference data", arguments(
        "import", "证书.xlsx", "--enterprise", "../reference/levels"),
        ("skills-site import: --enterprise: '../reference/levels' is not an enterprise id (expected "
         "lowercase letters, digits and single hyphens, e.g. changchun-hongda-machinery, at most 60 "
         "characters)" + NOTHING,)),
    Fault("an --enterprise with a line end",
          arguments("import", "证书.xlsx", "--enterprise", "test-welding\n"),
          ("skills-site import: --enterprise: 'test-welding\\n' is not an enterprise id (expected lowercase "
           "letters, digits and single hyphens, e.g. changchun-hongda-machinery, at most 60 characters)"
           + NOTHING,)),
    Fault("an unknown enterprise", arguments("import", "证书.xlsx", "--enterprise", "no-such-works"),
          ("证书!0: unknown enterprise 'no-such-works' (expected the id of a file in "
           "catalogue/enterprises)",)),
    Fault("a label for a month to come", arguments(
        "import", "证书.xlsx", "--enterprise", ENTERPRISE, "--label", "2099-01"),
        (f"skills-site import: --label: the month of 2099-01 has not begun (expected a month no later than "
         f"{DAY})" + NOTHING,)),
    Fault("a catalogue folder that does not exist", arguments(
        "import", "证书.xlsx", "--enterprise", ENTERPRISE, "--catalogue", "/nonexistent"),
        ("skills-site import: --catalogue: /nonexistent does not exist (expected the catalogue folder, e.g. "
         "catalogue)" + NOTHING,)),
    Fault("a sheet that does not exist", importing("无此文件.xlsx", None),
          ("skills-site import: file: 无此文件.xlsx does not exist (expected a file to read)" + NOTHING,)),
    # files that only look like spreadsheets
    Fault("UTF-16 text saved as .xlsx",
          importing("名单.xlsx", csv_text([HEADER_ROW], "\t"), encoding="utf-16"),
          ("名单.xlsx!0: the file is UTF-16 text (Excel's “Unicode 文本”), saved with an .xlsx name "
           f"(expected: rename it to .csv, or {SAVE_AS})",)),
    Fault("UTF-8 CSV saved as .xlsx", importing("名单.xlsx", csv_text([HEADER_ROW])),
          (f"名单.xlsx!0: the file is UTF-8 text, saved with an .xlsx name (expected: rename it to .csv, or "
           f"{SAVE_AS})",)),
    Fault("GB18030 CSV saved as .xlsx", importing("名单.xlsx", csv_text([HEADER_ROW]), encoding="gb18030"),
          ("名单.xlsx!0: the file is GB18030/GBK text, saved with an .xlsx name (expected: rename it to "
           f".csv, or {SAVE_AS})",)),
    Fault("a workbook protected with a password", importing("名单.xlsx", encrypted()),
          (f"名单.xlsx!0: {ENCRYPTED}",)),
    Fault("an Excel 97-2003 workbook", importing("名单.xls", old_workbook()),
          (f"名单.xls!0: {XLS}",)),
    Fault("an .xls renamed to .xlsx", importing("名单.xlsx", old_workbook()),
          (f"名单.xlsx!0: {XLS}",)),
    Fault("a web page saved as .xlsx", importing(
        "名单.xlsx", "<html><body><table><tr><td>证书编号</td></tr></table></body></html>"),
        ("名单.xlsx!0: the file is an HTML web page (what many systems export as “Excel”), which is not read "
         f"(expected .xlsx: {SAVE_AS})",)),
    Fault("an Excel 2003 XML file saved as .xlsx", importing(
        "名单.xlsx", '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                     "</Workbook>\n"),
        (f"名单.xlsx!0: the file is an Excel 2003 XML spreadsheet, which is not read (expected .xlsx: "
         f"{SAVE_AS})",)),
    Fault("an OpenDocument spreadsheet", importing(
        "名单.ods", zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                           "content.xml": b"<office:document-content/>"})),
        (f"名单.ods!0: the file is an OpenDocument spreadsheet (.ods), which is not read (expected .xlsx: "
         f"{SAVE_AS})",)),
    Fault("a Word document renamed to .xlsx", importing(
        "名单.xlsx", zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})),
        ("名单.xlsx!0: the file is a Word document, not an Excel workbook (it has no xl/workbook.xml) "
         f"(expected an .xlsx workbook or a .csv file: {SAVE_AS})",)),
    Fault("a damaged workbook", importing("名单.xlsx", workbook_bytes([row(1)])[:300]),
          ("名单.xlsx!0: the file is a damaged ZIP archive (an .xlsx workbook is a ZIP archive inside) "
           f"(expected an .xlsx workbook or a .csv file: {SAVE_AS})",)),
    Fault("a workbook of too many parts", importing(
        "名单.xlsx", zipped({"xl/workbook.xml": b"<workbook/>",
                            **{f"xl/media/{i}.bin": b"" for i in range(10_001)}})),
        ("名单.xlsx!0: the file is a workbook of 10,002 parts that unpack to 11 bytes, more than the limit "
         "of 10,000 parts or 1,000,000,000 bytes (expected a workbook of ordinary size; check where the file "
         "came from)",)),
    Fault("an empty workbook file", importing("名单.xlsx", b""),
          ("名单.xlsx!0: the file is empty (0 bytes) (expected a workbook or CSV file with a header row)",)),
    Fault("binary data saved as .csv", importing("名单.csv", bytes(range(256)) * 4),
          (f"名单.csv!0: the file is neither a workbook nor text (expected an .xlsx workbook or a .csv file: "
           f"{SAVE_AS})",)),
    Fault("a text file of another type", importing("名单.txt", "名单"),
          ("名单.txt!0: unsupported file type '.txt' (expected .xlsx or .csv)",)),
    Fault("a sheet over the size limit", sparse("名单.xlsx", 64_000_001),
          ("名单.xlsx!0: the file has 64,000,001 bytes, more than the limit of 64,000,000 bytes (expected a "
           "smaller file; a long certificate list can be split into several files)",)),
    Fault("a sheet reached through a link", linked_sheet,
          ("证书.xlsx!0: the file is a symbolic link (expected a regular file: links are not followed, so "
           "that nothing outside the catalogue is read or published)",)),
    Fault("an import into a catalogue holding a link", import_beside_a_link,
          ("证书!0: catalogue/enterprises/evil.yaml:0:0: the file is a symbolic link (expected a regular "
           "file: links are not followed, so that nothing outside the catalogue is read or published)",)),
    Fault("a CSV field longer than any certificate field", importing(
        "名单.csv", csv_text([HEADER_ROW, ["Y" * 200_000, *VALID_CSV_ROW[1:]]])),
        ("名单.csv!0: cannot read the CSV text: field larger than field limit (131072) (expected "
         "comma-separated values as Excel saves them)",)),
    # cells
    Fault("a formula without a saved result", importing(
        "名单.xlsx", workbook_bytes([row(1)], tweak=formula_without_result)),
        ("证书!2: 发证日期: the cell holds the formula =DATE(2025,11,20) but no saved result (expected a "
         "value: the file was written by a program that does not calculate formulas; open it in Excel or WPS "
         "and save it again, or paste the values)",)),
    Fault("an Excel error value", importing("名单.xlsx", workbook_bytes([row(1)], tweak=error_value)),
          ("证书!2: 姓名: the cell shows the error #N/A: its formula failed (expected a value)",)),
    Fault("a value under no header", importing(
        "名单.xlsx", workbook_bytes([row(1)], tweak=extra_column_and_stray_value)),
        ("证书!2: 第 11 列: a value in a column without a header (expected the value under one of the "
         "headers)",)),
    Fault("a misspelt header among extra columns", importing(
        "名单.csv", csv_text([["序号", "证书编码", *HEADER_ROW[1:]], ["1", *VALID_CSV_ROW]])),
        (f"名单!1: 证书编号: column missing from the header row (expected the template's headers: {HEADERS}; "
         "the column 证书编码 is ignored: is it meant to be 证书编号?)",)),
    Fault("a sheet row issued in 2099", importing(
        "名单.xlsx", workbook_bytes([row(1, issued=dt.date(2099, 1, 5))])),
        (f"证书!2: 发证日期: 2099-01-05 is in the future (expected a date no later than {DAY})",)),
    Fault("a UTF-16 CSV with a bad ID number", importing(
        "名单.csv", csv_text([HEADER_ROW, [*VALID_CSV_ROW[:2], "220102198801011210", *VALID_CSV_ROW[3:]]],
                            "\t"), encoding="utf-16"),
        ("名单!2: 身份证号码: the check character is 0 (expected 6 by GB 11643-1999)",)),
]
