"""Add an enterprise from a filled 附件1 form (.xlsx written by `write_enterprise_form_template`).

Every cell problem is reported at its place in the workbook (`form.xlsx:row:column: 基本情况!B8
统一社会信用代码: …`); a form with any problem writes nothing. The new file is then checked with the
whole catalogue like every other edit.

Intended command line:

    skills-site enterprise add --from 附件1.xlsx [--sample]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.codes import CREDIT_ALPHABET, EVALUATION_CODE, credit_check_char
from generator.edit import form_template as form
from generator.edit.draft import Contact, EnterpriseDraft, Scope, Subsidiary
from generator.edit.files import EditError, default_display_root, display
from generator.edit.scaffold import (
    ID_PATTERN,
    batch_listing,
    create_enterprise,
    listing_reason,
    reference_items,
)
from generator.errors import Problem, handling
from generator.importer.kinds import mismatch, sniff
from generator.inputs.files import InputFileError, read_bounded
from generator.inputs.refday import working_day

_CODE_KEYS = {"id", "credit_code", "evaluation_code", "batch"}


def _text(value: Any, *, code: bool = False) -> str:
    """A cell as text: Excel numbers without `.0`, dates as YYYY-MM-DD, codes in half-width form."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if code:
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return text


class _Reader:
    def __init__(self, where: str, catalogue_dir: Path, root: Path) -> None:
        self.where = where
        self.problems: list[Problem] = []

        def names(relative: str, key: str) -> dict[str, str]:
            items = reference_items(catalogue_dir, relative, key, root)
            return {**{str(i.get("id")): str(i.get("id")) for i in items},
                    **{str(i.get("name")): str(i.get("id")) for i in items}}

        self.industries = names("reference/industries.yaml", "industries")
        self.units = names("reference/reporting-units.yaml", "reporting_units")
        occupations = reference_items(catalogue_dir, "reference/occupations.yaml", "occupations", root)
        self.batches = {str(b.get("name")): str(b.get("number"))
                        for b in reference_items(catalogue_dir, "batches.yaml", "batches", root)}
        self.occupations = {**{str(o.get("name")): str(o.get("code")) for o in occupations},
                            **{str(o.get("code")): str(o.get("code")) for o in occupations}}

    def bad(self, sheet: str, row: int, column: int, label: str, message: str) -> None:
        cell = f"{get_column_letter(column)}{row}"
        self.problems.append(Problem(self.where, row, column, f"{sheet}!{cell} {label}", message))

    def level(self, sheet: str, row: int, column: int, label: str, value: Any) -> int | None:
        text = _text(value, code=True)
        for code, name in form.LEVEL_LABELS.items():
            if text in (str(code), name, *name.split("/")):
                return code
        self.bad(sheet, row, column, label, f"{text or '空'} is not a level "
                 "(expected one of 五级/初级工, 四级/中级工, 三级/高级工, 二级/技师, 一级/高级技师)")
        return None


def _sheet(workbook: Any, name: str, reader: _Reader) -> Any:
    if name in workbook.sheetnames:
        return workbook[name]
    reader.problems.append(Problem(reader.where, 0, 0, name, (
        "the sheet is missing (expected the sheets of the form template: "
        f"{form.BASICS}, {form.OCCUPATIONS}, {form.CONTACTS}, {form.SUBSIDIARIES})")))
    return None


def _basics(sheet: Any, reader: _Reader) -> tuple[dict[str, str], dict[str, tuple[int, str]]]:
    rows = {}
    for row in range(1, sheet.max_row + 1):
        label = _text(sheet.cell(row=row, column=1).value).removesuffix("*").strip()
        rows[label] = row
    values: dict[str, str] = {}
    where: dict[str, tuple[int, str]] = {}
    for field in form.FIELDS:
        row = rows.get(field.label)
        if row is None:
            reader.problems.append(Problem(reader.where, 0, 0, f"{form.BASICS} {field.label}", (
                "the row is missing (expected a row labelled with this item in column A)")))
            continue
        text = _text(sheet.cell(row=row, column=2).value, code=field.key in _CODE_KEYS)
        where[field.key] = (row, field.label)
        if field.required and not text:
            reader.bad(form.BASICS, row, 2, field.label,
                       f"the item is required but empty (expected {field.hint})")
        values[field.key] = text
    return values, where


def _check_basics(values: dict[str, str], where: dict[str, tuple[int, str]], reader: _Reader) -> None:
    def bad(key: str, message: str) -> None:
        row, label = where[key]
        reader.bad(form.BASICS, row, 2, label, message)

    code = values.get("credit_code", "").upper()
    if code:
        values["credit_code"] = code
        if len(code) != 18 or any(c not in CREDIT_ALPHABET for c in code):
            bad("credit_code", f"{code} is not a credit code (expected 18 characters of "
                               "0-9 and A-Y without I, O, S, V, Z)")
        elif credit_check_char(code[:17]) != code[17]:
            bad("credit_code", f"the check character is {code[17]} but should be "
                               f"{credit_check_char(code[:17])} "
                               "(expected a code copied exactly from the licence)")
    if values.get("evaluation_code") and not EVALUATION_CODE.match(values["evaluation_code"]):
        bad("evaluation_code", f"{values['evaluation_code']} is not an evaluation code "
                               "(expected Y000022 and 6 digits)")
    if values.get("id") and not ID_PATTERN.fullmatch(values["id"]):
        bad("id", f"{values['id']} is not a valid id (expected lowercase letters, digits and single hyphens)")
    for key, known in (("industry", reader.industries), ("reporting_unit", reader.units)):
        if values.get(key):
            if values[key] not in known:
                names = "、".join(sorted(set(known) - set(known.values())))
                bad(key, f"{values[key]} is not in the list (expected one of {names})")
            else:
                values[key] = known[values[key]]
    if values.get("batch"):
        number = reader.batches.get(values["batch"], re.sub(r"^第(\d+)批\Z", r"\1", values["batch"]))
        if not number.isdigit():
            bad("batch", f"{values['batch']} is not a batch number (expected a number such as 1)")
        values["batch"] = number
    if values.get("listed_on"):
        try:
            listed = dt.date.fromisoformat(values["listed_on"])
        except ValueError:
            bad("listed_on", f"{values['listed_on']} is not a real date (expected YYYY-MM-DD)")
        else:
            now = working_day()
            if now.after(listed):
                bad("listed_on", now.future(listed))


def _rows(sheet: Any, width: int) -> list[tuple[int, list[Any]]]:
    out = []
    for row in range(2, sheet.max_row + 1):
        cells = [sheet.cell(row=row, column=c).value for c in range(1, width + 1)]
        if any(_text(c) for c in cells):
            out.append((row, cells))
    return out


def _occupations(sheet: Any, reader: _Reader) -> list[Scope]:
    scopes: list[Scope] = []
    name = form.OCCUPATIONS
    for row, cells in _rows(sheet, len(form.OCCUPATION_HEADERS)):
        given = _text(cells[0])
        code = next((reader.occupations[t] for t in (given, *given.split()) if t in reader.occupations), None)
        if code is None:
            reader.bad(name, row, 1, "职业（工种）", f"{given or '空'} is not a known occupation "
                                                   "(expected a code and name from the drop-down list)")
        low = reader.level(name, row, 3, "起始等级", cells[2])
        high = reader.level(name, row, 4, "最高等级", cells[3])
        if low is not None and high is not None and low < high:
            reader.bad(name, row, 4, "最高等级", f"{form.LEVEL_LABELS[high]} is below the entry level "
                       f"{form.LEVEL_LABELS[low]} (expected a highest level at or above the entry level)")
        methods = tuple(key for (key, _), mark in zip(form.METHODS, cells[4:], strict=True)
                        if _text(mark) in (form.MARK, "√", "✓", "Y", "y"))
        if not methods:
            reader.bad(name, row, 5, "评价方式",
                       f"no method is marked (expected {form.MARK} under at least one method)")
        if code is not None and low is not None and high is not None and methods:
            scopes.append(Scope(code, low, high, methods, _text(cells[1])))
    if not scopes and not any(p.field.startswith(name) for p in reader.problems):
        reader.bad(name, 2, 1, "职业（工种）", "no occupation is filled in (expected at least one row)")
    return scopes


def _contacts(sheet: Any, reader: _Reader) -> list[Contact]:
    contacts = []
    for row, cells in _rows(sheet, len(form.CONTACT_HEADERS)):
        name, role, phone, email = (_text(c, code=i in (2, 3)) for i, c in enumerate(cells))
        if not name:
            reader.bad(form.CONTACTS, row, 1, "姓名", "the name is empty (expected the contact's name)")
        if not re.fullmatch(r"[0-9][0-9-]{6,19}", phone):
            reader.bad(form.CONTACTS, row, 3, "联系电话", f"{phone or '空'} is not a phone number "
                       "(expected digits and hyphens, e.g. 0431-88690000)")
        contacts.append(Contact(name, phone, role, email))
    if not contacts:
        reader.bad(form.CONTACTS, 2, 1, "姓名", "no contact is filled in (expected at least one row)")
    return contacts


def _subsidiaries(sheet: Any, reader: _Reader) -> list[Subsidiary]:
    found = []
    for row, cells in _rows(sheet, len(form.SUBSIDIARY_HEADERS)):
        name, address, note = (_text(c) for c in cells)
        if not name or not address:
            column, label = (1, "名称") if not name else (2, "地址")
            reader.bad(form.SUBSIDIARIES, row, column, label,
                       "the cell is empty (expected a name and an address)")
        found.append(Subsidiary(name, address, note))
    return found


def add_enterprise_from_form(catalogue_dir: Path, xlsx_path: Path, *, sample: bool = False,
                             display_root: Path | None = None) -> Path:
    """Read a filled 附件1 form and write the new enterprise file; return its path.

    Raises EditError with every problem of the form (or, once the form is clean, of the catalogue
    with the new file); nothing is written then.
    """
    display_root = display_root or default_display_root(catalogue_dir)
    where = display(Path(xlsx_path), display_root)
    with handling(where):
        return _add_from_form(catalogue_dir, Path(xlsx_path), where, sample, display_root)


def _add_from_form(catalogue_dir: Path, xlsx_path: Path, where: str, sample: bool,
                   display_root: Path) -> Path:
    try:
        raw = read_bounded(Path(xlsx_path))
    except InputFileError as exc:
        raise EditError([Problem(where, 0, 0, "", exc.message)]) from None
    problem = mismatch(sniff(raw), ".xlsx", csv_allowed=False)
    if problem:
        raise EditError([Problem(where, 0, 0, "", problem)])
    try:
        with warnings.catch_warnings():  # openpyxl warns about styles it cannot read; cells are judged here
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(raw), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise EditError([Problem(where, 0, 0, "", (
            f"cannot open the workbook: {type(exc).__name__} "
            "(expected an .xlsx file made from the form template)"))]) from None
    reader = _Reader(where, Path(catalogue_dir), display_root)
    sheets = {n: _sheet(workbook, n, reader) for n in (form.BASICS, form.OCCUPATIONS, form.CONTACTS,
                                                       form.SUBSIDIARIES)}
    if reader.problems:
        raise EditError(reader.problems)
    values, rows = _basics(sheets[form.BASICS], reader)
    _check_basics(values, rows, reader)
    occupations = _occupations(sheets[form.OCCUPATIONS], reader)
    contacts = _contacts(sheets[form.CONTACTS], reader)
    subsidiaries = _subsidiaries(sheets[form.SUBSIDIARIES], reader)
    if reader.problems:
        raise EditError(reader.problems)
    listing = batch_listing(Path(catalogue_dir), int(values["batch"]), display_root)
    if listing is None:
        row, label = rows["batch"]
        reader.bad(form.BASICS, row, 2, label,
                   f"there is no batch {values['batch']} (expected a published batch)")
        raise EditError(reader.problems)
    draft = EnterpriseDraft(
        id=values["id"], name=values["name"], credit_code=values["credit_code"],
        evaluation_code=values["evaluation_code"], industry=values["industry"],
        reporting_unit=values["reporting_unit"], batch=int(values["batch"]),
        listed_on=dt.date.fromisoformat(values["listed_on"] or str(listing.get("published_on"))),
        address=values["address"], assessment_body=values["assessment_body"],
        supervisory_body=values["supervisory_body"], contacts=contacts, occupations=occupations,
        reason=listing_reason(listing),
        document=values["document"] or str(listing.get("document", "")),
        summary=values["summary"], subsidiaries=subsidiaries)
    return create_enterprise(catalogue_dir, draft, sample=sample, display_root=display_root)
