"""`skills-site import`: put the rows of a sheet into the catalogue, all or nothing.

Rows are checked with the build's own rules: the would-be catalogue is assembled in a scratch
folder (unchanged files linked, changed files written) and validated there; only when it has no
problem are the changed files written into the catalogue, each by an atomic rename.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.importer.columns import BY_FIELD
from generator.importer.sheet import Row, SheetError, SheetProblem, read_sheet
from generator.yamlio import load_fast

FIELD_ORDER = ("number", "name", "id_number", "occupation", "level", "issued", "status", "revoked_on",
               "revocation_reason")
_CERT_FIELD = re.compile(r"^certificates\[(\d+)\](?:\.(\w+))?")
HEADER = ("# yaml-language-server: $schema=../../schemas/certificates.schema.json\n"
          "# 证书数据，由 skills-site import 从 {source} 导入。\n")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    files: list[Path] = field(default_factory=list)


def round_trip_yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _record_map(values: dict[str, Any]) -> CommentedMap:
    record = CommentedMap()
    for key in FIELD_ORDER:
        if key not in values:
            continue
        value = values[key]
        if key == "id_number":
            value = DoubleQuotedScalarString(value)
        elif key in ("issued", "revoked_on"):
            value = dt.date.fromisoformat(value)
        record[key] = value
    record.fa.set_flow_style()
    return record


def _plain(record: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in record.items() if k in FIELD_ORDER}


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _overlay(catalogue: Path, scratch: Path, changed: dict[Path, str]) -> Path:
    """A copy of the catalogue made of links, with the changed files written out."""
    root = scratch / "catalogue"
    for source in catalogue.rglob("*"):
        target = root / source.relative_to(catalogue)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif source not in changed:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(source.resolve(), target)
    for path, text in changed.items():
        target = root / path.relative_to(catalogue)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def import_sheet(catalogue: Path, sheet: Path, enterprise_id: str, *, label: str | None = None,
                 update: bool = False) -> ImportResult:
    """Import every row of `sheet` for one enterprise, or raise SheetError listing every bad row."""
    from generator.catalogue import check_catalogue

    catalogue = catalogue.resolve()
    rows, problems = read_sheet(sheet)
    title = rows[0].sheet if rows else sheet.stem
    ent_dir = catalogue / "certificates" / enterprise_id
    if not (catalogue / "enterprises" / f"{enterprise_id}.yaml").exists():
        raise SheetError([SheetProblem(title, 0, "", f"unknown enterprise {enterprise_id!r} "
                                                     "(expected the id of a file in catalogue/enterprises)")])
    yaml = round_trip_yaml()
    documents: dict[Path, Any] = {}
    existing: dict[str, tuple[Path, int, dict[str, Any]]] = {}
    for path in sorted(ent_dir.glob("*.yaml")) if ent_dir.is_dir() else []:
        data = load_fast(path, str(path))
        for index, record in enumerate(data.get("certificates") or []):
            existing[str(record.get("number"))] = (path, index, record)

    seen = Counter(str(r.values.get("number")) for r in rows)
    result = ImportResult()
    placed: dict[tuple[Path, int], Row] = {}
    new_rows: list[Row] = []
    for row in rows:
        number = str(row.values.get("number"))
        if seen[number] > 1:
            problems.append(SheetProblem(row.sheet, row.row, BY_FIELD["number"].header,
                                         "the same certificate number appears on several rows "
                                         "(expected each certificate once)"))
            continue
        if number not in existing:
            new_rows.append(row)
            continue
        path, index, record = existing[number]
        if _plain(record) == _plain(row.values):
            result.unchanged += 1
        elif not update:
            problems.append(SheetProblem(row.sheet, row.row, "", "would change an already published "
                                         "certificate (expected the same values; use --update to change it)"))
        else:
            if path not in documents:
                documents[path] = yaml.load(path.read_text(encoding="utf-8"))
            documents[path]["certificates"][index] = _record_map(row.values)
            placed[(path, index)] = row
            result.updated += 1

    if new_rows:
        issued = max(str(r.values.get("issued", "")) for r in new_rows)
        target = ent_dir / f"{label or issued[:7]}.yaml"
        if target not in documents:
            if target.exists():
                documents[target] = yaml.load(target.read_text(encoding="utf-8"))
            else:
                text = HEADER.format(source=sheet.name) + (
                    f"enterprise: {enterprise_id}\nlabel: {target.stem}\nsample: false\ncertificates: []\n")
                documents[target] = yaml.load(text)
        records = documents[target]["certificates"]
        if not isinstance(records, CommentedSeq) or not records:
            documents[target]["certificates"] = records = CommentedSeq()
        for row in new_rows:
            placed[(target, len(records))] = row
            records.append(_record_map(row.values))
        result.added = len(new_rows)

    texts = {path: _dump(yaml, doc) for path, doc in documents.items()}
    if texts and not problems:
        with tempfile.TemporaryDirectory() as scratch:
            root = _overlay(catalogue, Path(scratch), texts)
            for problem in check_catalogue(root, display_root=root.parent):
                problems.append(_to_sheet_problem(problem, catalogue, placed, title))
    if problems:
        raise SheetError(sorted(set(problems), key=lambda p: (p.row, p.column, p.message)))
    for path, text in sorted(texts.items()):
        tmp = path.with_name(path.name + ".tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
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
