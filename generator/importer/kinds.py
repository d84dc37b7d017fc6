"""What a spreadsheet file really is, told from its bytes rather than its name.

Staff receive "Excel files" that are many things: CSV text in UTF-8, GB18030 or UTF-16 (Excel's
"Unicode text"), Excel 97–2003 `.xls` workbooks, password-protected workbooks (an encrypted
package inside an OLE compound file), web pages that a system exported as "Excel", OpenDocument
spreadsheets. Each gets a message naming what the file is and what to do with it, instead of a
parser's error about a ZIP header.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
UNPACKED_LIMIT = 1_000_000_000  # what all parts of a workbook may unpack to (a ZIP bomb is refused)
PARTS_LIMIT = 10_000
SAVE_AS_XLSX = "open it in Excel or WPS and save it as “Excel 工作簿 (*.xlsx)”"


@dataclass(frozen=True)
class Kind:
    name: str  # xlsx, csv, xls, encrypted, html, xml2003, ods, xlsb, zip, ole, pdf, empty, binary
    encoding: str = ""  # for csv: utf-8-sig, utf-16, gb18030
    describe: str = ""  # what the file is, for messages


def _utf16(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = raw[:4096]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return "utf-16-le"
        if even > len(head) // 4 and odd == 0:
            return "utf-16-be"
    return None


def _text_kind(raw: bytes) -> Kind | None:
    """CSV or other text: its encoding, or None for binary data."""
    utf16 = _utf16(raw)
    if utf16:
        return Kind("csv", utf16, "UTF-16 text (Excel's “Unicode 文本”)")
    if b"\x00" in raw:
        return None
    try:
        raw.decode("utf-8")
        encoding, shown = "utf-8-sig", "UTF-8 text"
    except UnicodeDecodeError:
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return None
        encoding, shown = "gb18030", "GB18030/GBK text"
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or b"<html" in head:
        return Kind("html", encoding, "an HTML web page (what many systems export as “Excel”)")
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in raw[:8192]:
        return Kind("xml2003", encoding, "an Excel 2003 XML spreadsheet")
    control = sum(1 for b in raw[:4096] if b < 32 and b not in (9, 10, 13))
    if control > 8:
        return None
    return Kind("csv", encoding, shown)


def _zip_kind(raw: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
        return Kind("zip", "", "a damaged ZIP archive (an .xlsx workbook is a ZIP archive inside)")
    if b"opendocument.spreadsheet" in mimetype:
        return Kind("ods", "", "an OpenDocument spreadsheet (.ods)")
    if "xl/workbook.bin" in names:
        return Kind("xlsb", "", "an Excel binary workbook (.xlsb)")
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else "a ZIP archive"
        return Kind("zip", "", f"{what}, not an Excel workbook (it has no xl/workbook.xml)")
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > PARTS_LIMIT or unpacked > UNPACKED_LIMIT:
        return Kind("bomb", "", f"a workbook of {len(infos):,} parts that unpack to {unpacked:,} bytes, more "
                                f"than the limit of {PARTS_LIMIT:,} parts or {UNPACKED_LIMIT:,} bytes")
    return Kind("xlsx", "", "an Excel workbook (.xlsx)")


def _ole_kind(raw: bytes) -> Kind:
    """An OLE compound file: stream names are stored in UTF-16LE in its directory."""
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in raw

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return Kind("encrypted", "", "a workbook protected with a password (encrypted)")
    if has("Workbook") or has("Book"):
        return Kind("xls", "", "an Excel 97–2003 workbook (.xls)")
    return Kind("ole", "", "an Office 97–2003 document, not a workbook")


def sniff(raw: bytes) -> Kind:
    if not raw:
        return Kind("empty", "", "empty (0 bytes)")
    if raw.startswith(ZIP_MAGIC):
        return _zip_kind(raw)
    if raw.startswith(OLE_MAGIC):
        return _ole_kind(raw)
    if raw.startswith(b"%PDF"):
        return Kind("pdf", "", "a PDF document")
    return _text_kind(raw) or Kind("binary", "", "neither a workbook nor text")


def mismatch(kind: Kind, suffix: str, *, csv_allowed: bool = True) -> str | None:
    """Why a file named `*.suffix` that is really `kind` cannot be imported, and what to do; None
    when it can be read. `csv_allowed`: whether CSV text could be read instead of a workbook."""
    if (suffix, kind.name) in ((".xlsx", "xlsx"), (".csv", "csv")):
        return None
    what = f"the file is {kind.describe}"
    if kind.name == "empty":
        return f"{what} (expected a workbook or CSV file with a header row)"
    if kind.name == "encrypted":
        return (f"{what}, which cannot be read (expected a workbook without a password: in Excel choose "
                "文件 → 信息 → 保护工作簿 → 用密码进行加密, delete the password, and save)")
    if kind.name == "bomb":
        return f"{what} (expected a workbook of ordinary size; check where the file came from)"
    if kind.name == "csv" and suffix == ".xlsx":
        if not csv_allowed:
            return f"{what}, saved with an .xlsx name (expected an .xlsx workbook: {SAVE_AS_XLSX})"
        return f"{what}, saved with an .xlsx name (expected: rename it to .csv, or {SAVE_AS_XLSX})"
    if kind.name == "xlsx" and suffix == ".csv":
        return f"{what}, saved with a .csv name (expected: rename it to .xlsx)"
    if kind.name in ("xls", "html", "xml2003", "ods", "xlsb"):
        return f"{what}, which is not read (expected .xlsx: {SAVE_AS_XLSX})"
    return f"{what} (expected an .xlsx workbook or a .csv file: {SAVE_AS_XLSX})"
