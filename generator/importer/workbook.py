"""The cells of a certificate sheet, from an .xlsx workbook or a CSV file, as raw values.

The file is read within a size limit and never through a link, and is first told apart from the
many files that only look like spreadsheets (`kinds`). A formula whose result was never saved
(a file written by a program that does not calculate) is reported as such, not read as empty.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importer.columns import SHEET_NAME
from generator.importer.kinds import mismatch, sniff
from generator.inputs.files import INPUT_FILE_LIMIT, InputFileError, read_bounded

SUFFIXES = (".xlsx", ".csv")
EXCEL_ERRORS = frozenset(("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"))


@dataclass
class RawSheet:
    title: str
    rows: list[tuple[int, list[Any]]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, 0-based column) → formula


class FileProblem(Exception):
    """The file cannot be read as a sheet at all; `message` says what it is and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def read_raw(path: Path) -> RawSheet:
    """The first sheet (or the sheet named 证书) of a workbook, or the rows of a CSV file."""
    suffix = path.suffix.lower()
    try:
        raw = read_bounded(path, INPUT_FILE_LIMIT)
    except InputFileError as exc:
        raise FileProblem(exc.message) from None
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror} (expected a readable file)") from None
    kind = sniff(raw)
    if suffix not in SUFFIXES:
        hint = ""
        if kind.name == "xlsx" or (kind.name == "csv" and _looks_delimited(raw, kind.encoding)):
            hint = f"; the file is {kind.describe}: rename it to {'.csv' if kind.name == 'csv' else '.xlsx'}"
        special = mismatch(kind, suffix) if kind.name not in ("csv", "xlsx", "binary", "empty") else None
        raise FileProblem(special or f"unsupported file type {suffix!r} (expected .xlsx or .csv{hint})")
    problem = mismatch(kind, suffix)
    if problem:
        raise FileProblem(problem)
    if kind.name == "csv":
        return _csv(raw, kind.encoding, path.stem)
    return _xlsx(raw)


CSV_FIELD_LIMIT = 131_072  # characters in one CSV field: far above any certificate field


def _looks_delimited(raw: bytes, encoding: str) -> bool:
    first = raw[:4096].decode(encoding, errors="replace").split("\n", 1)[0]
    return "," in first or "\t" in first


def _csv(raw: bytes, encoding: str, title: str) -> RawSheet:
    text = raw.decode(encoding, errors="replace").removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    # The csv module's field limit is process-wide and other libraries raise it (frictionless sets it
    # to the largest integer when it reads a CSV), so the reader sets its own for the read and restores it.
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        rows = [(i, list(r)) for i, r in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                              delimiter=delimiter), start=1)]
    except csv.Error as exc:
        raise FileProblem(f"cannot read the CSV text: {exc} (expected comma-separated values "
                          "as Excel saves them)") from None
    finally:
        csv.field_size_limit(previous)
    return RawSheet(title, rows)


def _has_formulas(raw: bytes) -> bool:
    """Whether any worksheet part holds a formula (`<f>` elements), without parsing the XML."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as part:
                    tail = b""
                    while chunk := part.read(1 << 20):
                        block = tail + chunk
                        if b"<f>" in block or b"<f " in block or b":f>" in block or b":f " in block:
                            return True
                        tail = block[-8:]
    return False


def _sheet_rows(raw: bytes, *, values: bool) -> tuple[str, list[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # openpyxl warns about styles and odd cells; cells are judged here
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=values)
        return _first_sheet_rows(workbook)


def _first_sheet_rows(workbook: Any) -> tuple[str, list[tuple[int, list[Any]]]]:
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        return sheet.title, [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


def _xlsx(raw: bytes) -> RawSheet:
    try:
        title, rows = _sheet_rows(raw, values=True)
        formulas: dict[tuple[int, int], str] = {}
        if _has_formulas(raw):
            _title, written = _sheet_rows(raw, values=False)
            for (number, cells), (_number, text) in zip(rows, written, strict=False):
                for index, value in enumerate(cells):
                    typed = text[index] if index < len(text) else None
                    if value is None and isinstance(typed, str) and typed.startswith("="):
                        formulas[(number, index)] = typed
    except Exception as exc:  # openpyxl raises many kinds for a workbook it cannot read
        raise FileProblem(f"cannot open the workbook: {type(exc).__name__} "
                          "(expected an .xlsx file saved by Excel or WPS)") from None
    return RawSheet(title, rows, formulas)
