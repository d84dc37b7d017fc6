"""Sheets for import tests: synthetic rows for a sample enterprise, written as real .xlsx files
(from the template the command itself writes) or as .csv files in the encodings Excel uses."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from generator.codes import id_check_char
from generator.importer import write_certificate_template
from generator.importer.columns import COLUMNS

ENTERPRISE = "changchun-hongda-machinery"
PREFIX = "Y000022000101"  # its evaluation code
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
HEADERS = [c.header for c in COLUMNS]


def id_number(serial: int, born: dt.date = dt.date(1990, 1, 1), area: str = "220102") -> str:
    first17 = f"{area}{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def good_row(serial: int, *, level: int = 4, issued: Any = dt.date(2025, 11, 20),
             occupation: str = "6-18-02-04") -> list[Any]:
    """One valid certificate of the sample enterprise, in the template's column order."""
    year = issued.year if isinstance(issued, dt.date) else int(str(issued)[:4])
    name = SURNAMES[serial % 20] + GIVEN[(serial // 20) % 20] + GIVEN[(serial * 7) % 20]
    born = dt.date(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28)
    number = f"{PREFIX}{year % 100:02d}{level}{500000 + serial:06d}"
    return [number, name, id_number(serial, born), occupation, level, issued, None, None, None]


def write_xlsx(path: Path, rows: list[list[Any]], *, keep_example: bool = False) -> Path:
    """Fill the command's own template: data from row 3 (row 2 is its example) or from row 2."""
    write_certificate_template(path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    start = 3 if keep_example else 2
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=start + offset, column=column).value = value
    workbook.save(path)
    return path


def csv_text(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for values in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in values])
    return out.getvalue()


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(csv_text(rows).encode(encoding))
    return path


def snapshot(catalogue: Path) -> dict[str, bytes]:
    """Every file of the catalogue, byte for byte."""
    return {p.relative_to(catalogue).as_posix(): p.read_bytes() for p in sorted(catalogue.rglob("*"))
            if p.is_file()}


_CODE = re.compile(r', query_code: "([23456789A-HJ-NP-Z]{12})"')


def without_codes(text: str) -> str:
    """Text of certificate records with their verification codes taken out (codes are random)."""
    return _CODE.sub("", text)


def codes_in(text: str) -> list[str]:
    return _CODE.findall(text)
