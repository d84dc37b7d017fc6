"""Read a certificate sheet (.xlsx or .csv) into rows of cleaned text, each problem located as
`sheet!row: column: what is wrong`. Nothing Excel did to a cell is passed on silently.

Columns that are not certificate fields (序号, 备注 …, which most sheets have) are ignored, and
named in a note so that a misspelt header does not go unnoticed."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.certificates.names import canonical_name
from generator.errors import handling
from generator.importer.columns import BY_HEADER, COLUMNS
from generator.importer.workbook import EXCEL_ERRORS, FileProblem, read_raw
from generator.inputs.refday import ReferenceDay, working_day

LEVEL_WORDS = {"五级": 5, "初级工": 5, "初级": 5, "四级": 4, "中级工": 4, "中级": 4, "三级": 3, "高级工": 3,
               "二级": 2, "技师": 2, "一级": 1, "高级技师": 1}
NO_HEADER = "a value in a column without a header (expected the value under one of the headers)"
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_FIELDS = ("issued", "revoked_on")
_SCIENTIFIC = re.compile(r"^[0-9](?:\.[0-9]+)?E\+?[0-9]+\Z", re.IGNORECASE)
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\Z")


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.row}: {self.column}: {self.message}" if self.column else \
            f"{self.sheet}!{self.row}: {self.message}"


@dataclass
class Row:
    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)  # YAML field -> cleaned value


class SheetError(Exception):
    def __init__(self, problems: list[SheetProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the sheet")


def clean_text(value: str) -> str:
    """The stored form of names applied to every cell: NFKC (full-width letters and digits), no
    spaces or zero-width characters anywhere, look-alike middle dots unified."""
    return canonical_name(value.replace("\u200b", "").replace("\ufeff", ""))


def _cell_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # Excel's day numbers end on 9999-12-31
            raise ValueError(f"the number {value:G} is not a date (expected a date such as 2019-12-20)")
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()  # a date cell shown as a number
    text = clean_text(str(value))
    match = _DATE_TEXT.match(text)
    if not match:
        raise ValueError(f"{value!r} is not a date (expected a date such as 2019-12-20)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"{text} is not a real calendar date (expected a date such as 2019-12-20)") from None


def convert_cell(field_name: str, value: Any) -> Any:
    """Turn one cell into the catalogue's value; ValueError explains what is wrong."""
    if field_name == "id_number" and ((isinstance(value, int | float) and not isinstance(value, bool))
                                      or _SCIENTIFIC.match(clean_text(str(value)))):
        shown = f"{value:.14G}" if isinstance(value, float) else clean_text(str(value))
        raise ValueError(f"stored as the number {shown}: Excel keeps only 15 digits, so the last digits "
                         "are lost (expected text: format the column as 文本 and type the number again)")
    if field_name in ("issued", "revoked_on"):
        return _cell_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(str(value))
    if field_name == "level":
        if text in LEVEL_WORDS:
            return LEVEL_WORDS[text]
        if text.isdigit():
            return int(text)
        raise ValueError(f"{text!r} is not a level (expected 1–5 or a name such as 四级/中级工)")
    if field_name == "revocation_reason":
        if not text.isdigit():
            raise ValueError(f"{text!r} is not a reason code (expected a number from the reason table)")
        return int(text)
    if field_name == "status":
        if text in ("", "有效", "valid"):
            return "valid"
        if text in ("撤销", "已撤销", "revoked"):
            return "revoked"
        raise ValueError(f"{text!r} is not a status (expected 有效 or 撤销)")
    if field_name in ("number", "id_number"):
        return text.upper()
    return text


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _formula_message(formula: str) -> str:
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    return (f"the cell holds the formula {shown} but no saved result (expected a value: the file was "
            "written by a program that does not calculate formulas; open it in Excel or WPS and save it "
            "again, or paste the values)")


def read_sheet(path: Path, notes: list[str] | None = None,
               day: ReferenceDay | None = None) -> tuple[list[Row], list[SheetProblem]]:
    """Rows whose cells all convert, and a problem for every cell that does not.

    A sheet that cannot be read at all (type, header) raises SheetError. Columns that are not
    certificate fields are ignored and named in `notes`. No date may be after `day` (by default
    today, or the day of SOURCE_DATE_EPOCH)."""
    with handling(path.name):
        return _read_sheet(path, notes, day or working_day())


def _read_sheet(path: Path, notes: list[str] | None,
                day: ReferenceDay) -> tuple[list[Row], list[SheetProblem]]:
    try:
        raw = read_raw(path)
    except FileProblem as exc:
        raise SheetError([SheetProblem(path.name, 0, "", exc.message)]) from None
    title, raw_rows = raw.title, raw.rows
    if not raw_rows:
        raise SheetError([SheetProblem(title, 1, "", "the sheet is empty (expected the header row)")])
    header_row, headers = raw_rows[0]
    names = [clean_text(str(h)) if not _blank(h) else "" for h in headers]
    expected = f"(expected the template's headers: {'、'.join(x.header for x in COLUMNS)})"
    ignored = [name for name in dict.fromkeys(names) if name and name not in BY_HEADER]
    problems = []
    for column in COLUMNS:
        if column.required and column.header not in names:
            close = difflib.get_close_matches(column.header, ignored, n=1, cutoff=0.5)
            hint = f"; the column {close[0]} is ignored: is it meant to be {column.header}?" if close else ""
            problems.append(SheetProblem(title, header_row, column.header,
                                         f"column missing from the header row {expected[:-1]}{hint})"))
    problems += [SheetProblem(title, header_row, name, f"the column appears {names.count(name)} times "
                              "(expected each header once)")
                 for name in dict.fromkeys(names) if name in BY_HEADER and names.count(name) > 1]
    if problems:
        raise SheetError(problems)
    if ignored and notes is not None:
        notes.append(f"{title}!{header_row}: ignored the column(s) {'、'.join(ignored)} "
                     "(not certificate fields)")
    example = {c.field: c.example for c in COLUMNS}
    rows: list[Row] = []
    formula_rows = {row for row, _ in raw.formulas}
    for number, cells in raw_rows[1:]:
        if all(_blank(c) for c in cells) and number not in formula_rows:
            continue
        row = Row(title, number)
        for index, value in enumerate(cells):
            header = names[index] if index < len(names) else ""
            if header in ignored:
                continue
            column = BY_HEADER.get(header)
            shown = column.header if column else f"第 {index + 1} 列"
            formula = raw.formulas.get((number, index))
            if formula is not None:
                problems.append(SheetProblem(title, number, shown, _formula_message(formula)))
                continue
            if _blank(value):
                continue
            if column is None:  # a value under no header would be lost without a word
                problems.append(SheetProblem(title, number, shown, NO_HEADER))
                continue
            if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                problems.append(SheetProblem(title, number, shown, (
                    f"the cell shows the error {value.strip()}: its formula failed (expected a value)")))
                continue
            try:
                converted = row.values[column.field] = convert_cell(column.field, value)
            except ValueError as exc:
                problems.append(SheetProblem(title, number, shown, str(exc)))
                continue
            if column.field in DATE_FIELDS and day.after(dt.date.fromisoformat(converted)):
                problems.append(SheetProblem(title, number, shown, day.future(converted)))
        for column in COLUMNS:
            if column.required and column.field not in row.values and not any(
                    p.row == number and p.column == column.header for p in problems):
                problems.append(SheetProblem(title, number, column.header, "empty (expected a value)"))
        if all(str(row.values.get(f, "")) == str(v) for f, v in example.items() if v):
            continue  # the template's example row
        if row.values.get("status") == "valid":
            del row.values["status"]
        if not any(p.row == number for p in problems):
            rows.append(row)
    return rows, problems
