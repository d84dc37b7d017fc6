"""Write a `Table` as CSV (UTF-8 with a byte order mark, so that Excel reads the Chinese text),
XLSX and JSON. Every writer is deterministic: the same table gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from generator.opendata.table import Cell, Table

FORMATS = ("csv", "xlsx", "json")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold: no clock in the output


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_field(text: str) -> str:
    if any(ch in text for ch in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(table: Table) -> bytes:
    """RFC 4180 CSV: CRLF line ends, quotes only where needed, the Chinese titles as the header."""
    lines = [",".join(_csv_field(c.title) for c in table.columns)]
    lines += [",".join(_csv_field(_text(v)) for v in row) for row in table.rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def json_bytes(table: Table) -> bytes:
    """An array of objects with the English keys, one object per line."""
    records = [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()}
               for r in table.records()]
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    return ("[\n" + body + "\n]\n" if records else "[]\n").encode("utf-8")


def xlsx_bytes(table: Table, when: dt.datetime) -> bytes:
    """One worksheet named after the table, the Chinese titles in the first row (frozen)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    sheet.append([c.title for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Rows are numbered here: openpyxl's max_row and max_column scan every cell, so asking them
    # once per row makes writing a table quadratic in its size
    for number, row in enumerate(table.rows, 2):
        sheet.append(list(row))
        for column, value in enumerate(row, 1):
            if isinstance(value, str) and value.startswith("="):
                # text, never a formula, whatever a catalogue entry starts with
                sheet.cell(row=number, column=column).data_type = "s"
    for index, column in enumerate(table.columns, 1):
        if column.type == "date":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # Workbook.save would stamp the clock as the modified time
    return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry's time set to a constant (openpyxl stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def table_bytes(table: Table, fmt: str, when: dt.datetime) -> bytes:
    if fmt == "csv":
        return csv_bytes(table)
    if fmt == "json":
        return json_bytes(table)
    if fmt == "xlsx":
        return xlsx_bytes(table, when)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
