"""`skills-site import`: put the rows of a sheet into the catalogue, all or nothing.

Rows are checked with the build's own rules: the would-be catalogue is assembled in a scratch
folder (unchanged files linked, changed files written) and validated there by `check_catalogue`;
only when nothing is wrong are the changed files written into the catalogue, each by an atomic
rename. Existing files are edited line by line (see `lines`), so their other bytes never change.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importer.columns import BY_FIELD
from generator.importer.lines import FIELD_ORDER, append_records, new_file, replace_record
from generator.importer.sheet import Row, SheetError, SheetProblem, read_sheet
from generator.inputs.identifiers import check_id, check_label
from generator.inputs.paths import child, inside
from generator.inputs.refday import working_day
from generator.load.yamlio import YamlFileError, load_fast
from generator.lookup.code import new_code

_CERT_FIELD = re.compile(r"^certificates\[(\d+)\](?:\.(\w+))?")
HEADER = ("# yaml-language-server: $schema=../../schemas/certificates.schema.json\n"
          "# 证书数据，由 skills-site import 从 {source} 导入。\n")
SAMPLE_HEADER = ("# yaml-language-server: $schema=../../schemas/certificates.schema.json\n"
                 "# 示例数据：姓名、身份证号码、证书编号、查询码均为程序合成，不对应任何真实人员。\n")
LAYOUT = ("is not laid out one certificate per line (expected '  - {number: …}' lines at the end of "
          "the file, as the import writes them)")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. columns that were ignored


@dataclass
class _Published:
    """An enterprise's certificate files as they are: text, and each record by number."""

    texts: dict[Path, str] = field(default_factory=dict)
    counts: dict[Path, int] = field(default_factory=dict)
    records: dict[str, tuple[Path, int, dict[str, Any]]] = field(default_factory=dict)


def _plain(record: dict[str, Any]) -> dict[str, str]:
    """The fields a sheet row gives; the verification code is the catalogue's own, never a sheet's."""
    return {k: str(v) for k, v in record.items() if k in FIELD_ORDER and k != "query_code"}


def _fresh_code(taken: set[str]) -> str:
    code = new_code()
    while code in taken:  # 60 random bits: practically never taken, but never reused either
        code = new_code()
    taken.add(code)
    return code


def _published(catalogue: Path, ent_dir: Path, title: str) -> _Published:
    found = _Published()
    for path in sorted(ent_dir.glob("*.yaml")) if ent_dir.is_dir() else []:
        display = f"catalogue/{path.relative_to(catalogue).as_posix()}"
        try:
            data = load_fast(path, display)
        except YamlFileError as exc:
            unreadable = SheetProblem(title, 0, "", f"{exc.problem} (fix the file, then import again)")
            raise SheetError([unreadable]) from None
        records = data.get("certificates") if isinstance(data, dict) else None
        records = records if isinstance(records, list) else []
        found.texts[path] = path.read_bytes().decode("utf-8")  # line endings as they are
        found.counts[path] = len(records)
        for index, record in enumerate(records):
            if isinstance(record, dict):
                found.records[str(record.get("number"))] = (path, index, record)
    return found


def _line_of(text: str, number: str) -> int | None:
    pattern = re.compile(rf"^\s*- \{{number: ['\"]?{re.escape(number)}['\"]?[,}}]")
    return next((i for i, line in enumerate(text.splitlines()) if pattern.match(line)), None)


def _overlay(catalogue: Path, scratch: Path, changed: dict[Path, str]) -> Path:
    """A copy of the catalogue made of hard links (copies across file systems), with the changed
    files written out. Links in the catalogue stay links, so the check reports them."""
    root = scratch / "catalogue"
    root.mkdir(parents=True)
    for folder, dirs, files in os.walk(catalogue):
        here = Path(folder)
        for name in [*dirs, *files]:
            source = here / name
            target = root / source.relative_to(catalogue)
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            elif source.is_dir():
                target.mkdir()
            elif source not in changed:
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copyfile(source, target)
    for path, text in changed.items():
        target = root / path.relative_to(catalogue)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def import_sheet(catalogue: Path, sheet: Path, enterprise_id: str, *, label: str | None = None,
                 update: bool = False, sample: bool = False) -> ImportResult:
    """Import every row of `sheet` for one enterprise, or raise SheetError listing every bad row.
    The enterprise id and label are checked (ArgumentError) before any path is formed from them."""
    from generator.load.catalogue import check_catalogue

    check_id(enterprise_id, "--enterprise")
    if label is not None:
        check_label(label, "--label", working_day())
    catalogue = catalogue.resolve()
    notes: list[str] = []
    rows, problems = read_sheet(sheet, notes)
    title = rows[0].sheet if rows else sheet.stem
    ent_dir = child(catalogue / "certificates", enterprise_id)
    if not (catalogue / "enterprises" / f"{enterprise_id}.yaml").exists():
        raise SheetError([SheetProblem(title, 0, "", f"unknown enterprise {enterprise_id!r} "
                                                     "(expected the id of a file in catalogue/enterprises)")])
    published = _published(catalogue, ent_dir, title)
    edited: dict[Path, str] = {}
    seen = Counter(str(r.values.get("number")) for r in rows)
    result = ImportResult(notes=notes)
    placed: dict[tuple[Path, int], Row] = {}
    new_rows: list[Row] = []
    for row in rows:
        number = str(row.values.get("number"))
        if seen[number] > 1:
            problems.append(SheetProblem(row.sheet, row.row, BY_FIELD["number"].header,
                                         "the same certificate number appears on several rows "
                                         "(expected each certificate once)"))
            continue
        if number not in published.records:
            new_rows.append(row)
            continue
        path, index, record = published.records[number]
        old, new = _plain(record), _plain(row.values)
        if old == new:
            result.unchanged += 1
        elif not update:
            problems += [SheetProblem(row.sheet, row.row, BY_FIELD[key].header,
                                      "differs from the already published certificate "
                                      "(expected the published value; use --update to change it)")
                         for key in FIELD_ORDER if old.get(key) != new.get(key)]
        else:
            text = edited.get(path, published.texts[path])
            line = _line_of(text, number)
            values = dict(row.values)
            if record.get("query_code"):  # a correction keeps the code printed on the certificate
                values["query_code"] = record["query_code"]
            changed = replace_record(text, line, values) if line is not None else None
            if changed is None:
                where = path.relative_to(catalogue).as_posix()
                problems.append(SheetProblem(row.sheet, row.row, "", f"catalogue/{where} {LAYOUT}"))
                continue
            edited[path] = changed
            placed[(path, index)] = row
            result.updated += 1

    if new_rows:
        issued = max(str(r.values.get("issued", "")) for r in new_rows)
        target = child(ent_dir, f"{label or issued[:7]}.yaml")
        taken = {str(r[2].get("query_code")) for r in published.records.values()}
        records = [{**r.values, "query_code": _fresh_code(taken)} for r in new_rows]
        start = published.counts.get(target, 0)
        if target in published.texts:
            text = append_records(edited.get(target, published.texts[target]), records)
            if text is None:
                where = target.relative_to(catalogue).as_posix()
                raise SheetError([SheetProblem(title, 0, "", f"catalogue/{where} {LAYOUT}")])
        else:
            header = (SAMPLE_HEADER if sample else HEADER).format(source=sheet.name)
            text = new_file(header, enterprise_id, target.stem, sample, records)
        edited[target] = text
        placed.update({(target, start + i): row for i, row in enumerate(new_rows)})
        result.added = len(new_rows)

    if edited:  # rows that read cleanly are still checked, so that every bad row is listed at once
        with tempfile.TemporaryDirectory() as scratch:
            root = _overlay(catalogue, Path(scratch), edited)
            for problem in check_catalogue(root, display_root=root.parent):
                problems.append(_to_sheet_problem(problem, catalogue, placed, title))
    if problems:
        raise SheetError(sorted(set(problems), key=lambda p: (p.row, p.column, p.message)))
    for path, text in sorted(edited.items()):
        inside(ent_dir, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.import")
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, path)
        result.files.append(path)
    return result


def _to_sheet_problem(problem: Any, catalogue: Path, placed: dict[tuple[Path, int], Row],
                      title: str) -> SheetProblem:
    """Place a catalogue problem on the sheet row that produced the record, where there is one."""
    match = _CERT_FIELD.match(problem.field)
    if match:
        for (path, index), row in placed.items():
            display = f"catalogue/{path.relative_to(catalogue).as_posix()}"
            if int(match.group(1)) == index and problem.path == display:
                column = BY_FIELD.get(match.group(2) or "")
                return SheetProblem(row.sheet, row.row, column.header if column else "", problem.message)
    return SheetProblem(title, 0, "", str(problem))
