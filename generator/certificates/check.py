"""Validate every certificate file: `certificates/<enterprise-id>/<label>.yaml`.

Files are read with the fast YAML reader and checked record by record (`rules.RecordRules`);
numbers are then compared across the whole catalogue. Only a file that has a problem is read a
second time, for the positions of its problems only (the matching lines of a canonical file, or
one pass over the YAML events of any other), so that each problem carries a line and column
without the cost of locating every value of a large file. A file with any problem yields no
`CertificateFile`: nothing of it is published.

Records are judged against their enterprise; the certificates of an enterprise whose own file has
problems (or whose id is unknown) are checked for their form only, and the message that the
enterprise is unknown is left out when it follows from the enterprise file's problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from generator.certificates.fastread import canonical_located, read_canonical
from generator.certificates.rules import LABEL, Finding, RecordRules
from generator.errors import Problem, field_path, handling
from generator.inputs.refday import ReferenceDay
from generator.load.files import display_path
from generator.load.yamlio import LocatedFile, PathParts, YamlFileError, load_text, locate, read_text
from generator.model import Catalogue, CertificateFile

if TYPE_CHECKING:
    from generator.cache import BuildCache

CERTIFICATES_DIR = "certificates"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/certificates.schema.json"
TOP_KEYS = ("enterprise", "label", "sample", "certificates")
PARALLEL_MIN_FILES = 32  # below this, worker start-up costs more than it saves


@dataclass
class FileResult:
    """What the fast pass found in one file; `findings` carry field parts, not yet positions."""

    path: Path
    display: str
    relative: str
    enterprise_id: str = ""
    label: str = ""
    sample: bool = False
    count: int = 0
    findings: list[Finding] = field(default_factory=list)
    # 64-bit hashes of each record's number and code, in record order (0: none): a million files'
    # worth of values compared across the catalogue in a few arrays instead of millions of strings
    numbers: bytes = b""
    codes: bytes = b""
    unreadable: Problem | None = None
    placed: list[Problem] = field(default_factory=list)  # problems whose position is known already
    canonical: bool = False  # read by the line reader: its problems are placed by the same layout


@dataclass(frozen=True)
class Judge:
    """What every file is checked against."""

    catalogue: Catalogue
    day: ReferenceDay | None = None  # nothing may be dated after it
    skipped: frozenset[str] = frozenset()  # enterprises whose files have problems of their own


def _display(path: Path, display_root: Path) -> str:
    return display_path(path, display_root)


def _top_level(data: object, result: FileResult, judge: Judge) -> tuple[RecordRules | None, list]:
    """Check the file's own keys; return the record rules (None if records cannot be judged)."""
    found = result.findings
    catalogue = judge.catalogue
    if not isinstance(data, dict):
        found.append(((), "a certificate file must be a mapping "
                      f"(expected the keys {', '.join(TOP_KEYS)})", False))
        return None, []
    for key in data:
        if key not in TOP_KEYS:
            found.append(((str(key),), f"unknown field (expected one of {', '.join(TOP_KEYS)})", True))
    missing = [k for k in TOP_KEYS if k not in data]
    if missing:
        found.append(((), f"{', '.join(missing)} missing (expected every one of {', '.join(TOP_KEYS)})",
                      False))
    folder, stem = result.path.parent.name, result.path.stem
    enterprise_id, label = data.get("enterprise"), data.get("label")
    enterprise = None
    if "enterprise" in data:
        if enterprise_id != folder:
            found.append((("enterprise",), f"{enterprise_id} does not match the folder name {folder} "
                          f"(expected the file to be in {CERTIFICATES_DIR}/{enterprise_id}/)", False))
        else:
            try:
                enterprise = catalogue.enterprise(enterprise_id)
            except KeyError:
                if enterprise_id not in judge.skipped:
                    found.append((("enterprise",), f"{enterprise_id} is not an enterprise of the catalogue "
                                  f"(expected the id of a file in enterprises/)", False))
    if "label" in data:
        if not isinstance(label, str) or not LABEL.match(label):
            found.append((("label",), f"{label!r} is not an issuing batch label "
                          "(expected YYYY-MM, optionally followed by -2, -3 … for a further file that month)",
                          False))
        elif label != stem:
            found.append((("label",), f"{label} does not match the file name {result.path.name} "
                          f"(expected {stem})", False))
        elif judge.day is not None and judge.day.after(_month_start(label)):
            found.append((("label",), f"the month of {label} has not begun "
                          f"(expected a month no later than {judge.day.describe()})", False))
    if "sample" in data and not isinstance(data["sample"], bool):
        found.append((("sample",), "sample must be true or false (expected true for synthetic sample data)",
                      False))
    records = data.get("certificates")
    if "certificates" in data and (not isinstance(records, list) or not records):
        found.append((("certificates",), "certificates must be a non-empty list "
                      "(expected one line per certificate, starting with '- ')", False))
        records = []
    result.enterprise_id = enterprise_id if isinstance(enterprise_id, str) else ""
    result.label = label if isinstance(label, str) else ""
    result.sample = data.get("sample") is True
    # A label that does not name this file sets no month limit: one problem, not one per record.
    month = result.label if result.label == stem and LABEL.match(result.label) else ""
    # Without its enterprise a file's records are still checked for their form (see RecordRules).
    rules = RecordRules(catalogue, enterprise, month, judge.day)
    return rules, records if isinstance(records, list) else []


def _month_start(label: str) -> dt.date:
    return dt.date(int(label[:4]), int(label[5:7]), 1)


def check_file(path: Path, display: str, relative: str, judge: Judge) -> FileResult:
    """The fast pass over one file: every finding without positions, and its numbers in order."""
    with handling(display):
        return _check_file(FileResult(path, display, relative), judge)


def _check_file(result: FileResult, judge: Judge) -> FileResult:
    path, display = result.path, result.display
    try:
        text = read_text(path, display)
        data = read_canonical(text)
        result.canonical = data is not None
        if data is None:  # not in the canonical layout: read it as YAML
            data = load_text(text, display)
    except YamlFileError as exc:
        result.unreadable = exc.problem
        return result
    except OSError as exc:
        result.unreadable = Problem(display, 0, 0, "", f"cannot read the file: {exc.strerror} "
                                                        "(expected a readable file)")
        return result
    if text.partition("\n")[0].rstrip("\r") != SCHEMA_LINE:
        result.placed.append(Problem(display, 1, 1, "", f"the first line must be {SCHEMA_LINE!r} "
                                     "(expected the schema reference that editors use)"))
    rules, records = _top_level(data, result, judge)
    result.count = len(records)
    if rules is None:
        return result
    check = rules.check
    findings = result.findings
    numbers: list[int] = []
    codes: list[int] = []
    for index, record in enumerate(records):
        problems = check(record)
        if problems:
            findings.extend((("certificates", index, *parts), message, key)
                            for parts, message, key in problems)
        if isinstance(record, dict):
            number, code = record.get("number"), record.get("query_code")
        else:
            number = code = None
        numbers.append(_value_hash(number) if isinstance(number, str) else 0)
        codes.append(_value_hash(code) if isinstance(code, str) else 0)
    result.numbers = np.array(numbers, dtype=np.uint64).tobytes()
    result.codes = np.array(codes, dtype=np.uint64).tobytes()
    return result


_WORKER_JUDGE: Judge | None = None


def _init_worker(judge: Judge) -> None:
    global _WORKER_JUDGE
    _WORKER_JUDGE = judge


def _check_in_worker(task: tuple[Path, str, str]) -> FileResult:
    assert _WORKER_JUDGE is not None
    return check_file(*task, _WORKER_JUDGE)


def _run(tasks: list[tuple[Path, str, str]], judge: Judge) -> list[FileResult]:
    workers = min(os.cpu_count() or 1, 4)
    if len(tasks) < PARALLEL_MIN_FILES or workers < 2:
        return [check_file(*task, judge) for task in tasks]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(judge,)) as pool:
        return list(pool.map(_check_in_worker, tasks, chunksize=8))


def _run_cached(tasks: list[tuple[Path, str, str]], judge: Judge,
                cache: BuildCache | None) -> list[FileResult]:
    """`_run`, reusing the result of a file without problems when the file's bytes, its enterprise,
    the reference data and the reference day it is checked against are unchanged."""
    if cache is None:
        return _run(tasks, judge)
    catalogue = judge.catalogue
    context = repr((catalogue.levels, catalogue.revocation_reasons, judge.day and judge.day.day))
    enterprises = {e.id: repr(e) for e in catalogue.enterprises}
    keys = [cache.key("certificates", cache.file_digest(path), relative, context,
                      enterprises.get(path.parent.name, "")) for path, _display, relative in tasks]
    results = cache.reuse("certificates", keys, lambda missing: _run([tasks[i] for i in missing], judge),
                          keep=lambda r: not (r.findings or r.placed or r.unreadable))
    return [replace(result, path=path, display=display, relative=relative)
            for result, (path, display, relative) in zip(results, tasks, strict=True)]


# field checked for repeats → what the message says is expected of it
UNIQUE = {"number": "each certificate number once in the whole catalogue",
          "query_code": "every certificate to have a code of its own: a code is never reused"}


def _value_hash(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "little") or 1


def _duplicates(results: list[FileResult], field_name: str) -> list[tuple[int, int, int, int]]:
    """(file, record, other file, other record) for every value seen twice, by hash: each later
    place points at the first, and the first at the second. The caller checks the values."""
    arrays = [np.frombuffer(r.numbers if field_name == "number" else r.codes, dtype=np.uint64)
              for r in results]
    if not arrays:
        return []
    hashes = np.concatenate(arrays)
    ordered = np.sort(hashes)
    if not (ordered[1:] == ordered[:-1]).any():  # the usual case, found without the slower argsort
        return []
    files = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])
    records = np.concatenate([np.arange(len(a)) for a in arrays])
    present = hashes != 0
    hashes, files, records = hashes[present], files[present], records[present]
    order = np.argsort(hashes, kind="stable")  # within one hash, catalogue order
    hashes, files, records = hashes[order], files[order], records[order]
    out: list[tuple[int, int, int, int]] = []
    first = -1
    for i in (np.flatnonzero(hashes[1:] == hashes[:-1]) + 1).tolist():
        if first < 0 or hashes[first] != hashes[i]:  # a new group: the first place points at the second
            first = i - 1
            out.append((int(files[first]), int(records[first]), int(files[i]), int(records[i])))
        out.append((int(files[i]), int(records[i]), int(files[first]), int(records[first])))
    return out


def _records(result: FileResult) -> list:
    """The records of a file the fast pass read a moment ago (to confirm a repeat by its values)."""
    try:
        text = read_text(result.path, result.display)
        data = read_canonical(text) or load_text(text, result.display)
        records = data.get("certificates") if isinstance(data, dict) else None
        return records if isinstance(records, list) else []
    except (YamlFileError, OSError):  # pragma: no cover - changed since the fast pass read it
        return []


def _value(records: dict[int, list], f: int, r: int, field_name: str) -> object:
    try:
        return records[f][r][field_name]
    except (KeyError, IndexError, TypeError):
        return None


def _locate(result: FileResult, wanted: set[PathParts]) -> LocatedFile | None:
    """Positions of the `wanted` paths of a file that the fast pass read a moment ago."""
    try:
        text = read_text(result.path, result.display)
        if result.canonical:
            found = canonical_located(text, result.display, wanted)
            if found is not None:
                return found
        return locate(text, result.display, wanted)
    except (YamlFileError, OSError):  # pragma: no cover - changed since the fast pass read it
        return None


def _problem(located: LocatedFile | None, display: str, finding: Finding) -> Problem:
    parts, message, at_key = finding
    if located is None:
        return Problem(display, 0, 0, field_path(parts), message)
    return located.problem(parts, message, key=at_key)


def certificate_paths(root: Path) -> list[Path]:
    """Files below `root`, without following links or entering hidden folders; links themselves
    are left out (the catalogue's layout check reports them)."""
    found: list[Path] = []
    if not root.is_dir() or root.is_symlink():
        return found
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
        found += [here / name for name in files
                  if not name.startswith(".") and not (here / name).is_symlink()]
    return sorted(found)


def check_certificate_files(catalogue: Catalogue, catalogue_dir: Path, display_root: Path, *,
                            cache: BuildCache | None = None, day: ReferenceDay | None = None,
                            skipped: frozenset[str] = frozenset(),
                            ) -> tuple[list[CertificateFile], list[Problem]]:
    """Check every certificate file; return the files without problems and every problem found.
    With a cache, a file checked before without problems is not read again. Nothing may be dated
    after `day`; the enterprises in `skipped` have problems of their own (see the module's notes)."""
    root = catalogue_dir / CERTIFICATES_DIR
    judge = Judge(catalogue, day, frozenset(skipped))
    problems: list[Problem] = []
    tasks: list[tuple[Path, str, str]] = []
    shown_root = _display(root, display_root)  # no link below it is followed: each path shows under it
    for path in certificate_paths(root):
        relative = path.relative_to(catalogue_dir).as_posix()
        display = f"{shown_root}/{path.relative_to(root).as_posix()}"
        inside = path.relative_to(root).parts
        if len(inside) != 2 or path.suffix != ".yaml":
            problems.append(Problem(display, 0, 0, "", "not a certificate file "
                                    f"(expected {CERTIFICATES_DIR}/<enterprise-id>/<label>.yaml)"))
            continue
        tasks.append((path, display, relative))
    results = _run_cached(tasks, judge, cache)

    pairs = [(name, *pair) for name in UNIQUE for pair in _duplicates(results, name)]
    involved = {f for _name, f, _r, other, _o in pairs} | {other for _name, _f, _r, other, _o in pairs}
    values = {f: _records(results[f]) for f in sorted(involved) if results[f].unreadable is None}
    extra: dict[int, list[tuple[str, int, int, int]]] = {}
    for field_name, f, r, other_f, other_r in pairs:
        # equal hashes: the values themselves must be equal too (a hash collision is not a repeat)
        value = _value(values, f, r, field_name)
        if value is not None and value == _value(values, other_f, other_r, field_name):
            extra.setdefault(f, []).append((field_name, r, other_f, other_r))
    needs = {f for f, result in enumerate(results) if result.findings or result.placed} | set(extra)
    for f in sorted({other for items in extra.values() for _, _, other, _ in items}):
        needs.add(f)
    wanted: dict[int, set[PathParts]] = {f: {parts for parts, _, _ in results[f].findings} for f in needs}
    for f, items in extra.items():
        for field_name, r, other_f, other_r in items:
            wanted[f].add(("certificates", r, field_name))
            wanted[other_f].add(("certificates", other_r, field_name))
    located = {f: _locate(results[f], wanted[f]) for f in sorted(needs) if results[f].unreadable is None}

    files: list[CertificateFile] = []
    for f, result in enumerate(results):
        if result.unreadable is not None:
            problems.append(result.unreadable)
            continue
        if f not in needs:
            files.append(CertificateFile(result.relative, result.enterprise_id, result.label,
                                         result.sample, result.count))
            continue
        here = located.get(f)
        problems.extend(result.placed)
        problems.extend(_problem(here, result.display, finding) for finding in result.findings)
        for field_name, r, other_f, other_r in extra.get(f, []):
            other = located.get(other_f)
            line, column = other.where(("certificates", other_r, field_name)) if other else (0, 0)
            what = "number" if field_name == "number" else "verification code"
            message = (f"the same {what} is also at {results[other_f].display}:{line}:{column} "
                       f"(expected {UNIQUE[field_name]})")
            problems.append(_problem(here, result.display, (("certificates", r, field_name), message, False)))
    files.sort(key=lambda cf: (cf.enterprise_id, cf.label))
    return files, problems
