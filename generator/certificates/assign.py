"""Give every certificate that has no verification code (查询码) one, by editing its line in place.

`skills-site certificate codes` runs this. It is idempotent: a certificate that has a code keeps it,
and a second run changes nothing. Every new code is drawn from the CSPRNG and differs from every
code already in the catalogue. A record gains `, query_code: "…"` right after its issue date; every
other byte of the file stays as it was. All files are edited in memory and read back first; if any
file cannot be edited, nothing is written.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.certificates.check import CERTIFICATES_DIR
from generator.errors import CatalogueError, Problem
from generator.inputs.paths import replace_text
from generator.load.yamlio import YamlFileError, load_fast
from generator.lookup.code import new_code

_RECORD = re.compile(r"^(?P<head>[ ]*- \{.*?\bissued: ['\"]?[0-9]{4}-[0-9]{2}-[0-9]{2}['\"]?)"
                     r"(?P<rest>[,}].*)\Z")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HAS_CODE = re.compile(r"[{,]\s*query_code\s*:")


@dataclass
class AssignResult:
    assigned: int = 0
    files: list[Path] = field(default_factory=list)


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _records(path: Path, display: str) -> list[dict]:
    try:
        data = load_fast(path, display)
    except YamlFileError as exc:
        raise CatalogueError([exc.problem]) from None
    records = data.get("certificates") if isinstance(data, dict) else None
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


def _edit(text: str, display: str, taken: set[str]) -> tuple[str, int, list[Problem]]:
    lines = text.splitlines(keepends=True)
    added = 0
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        body = line.rstrip("\r\n")
        if not body.lstrip().startswith("- {") or _HAS_CODE.search(body):
            continue
        match = _RECORD.match(body)
        if match is None:
            problems.append(Problem(display, number, 1, "query_code", "the record has no code and its line "
                                    "cannot be edited (expected one record per line with an issued date)"))
            continue
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        lines[number - 1] = f'{match["head"]}, query_code: "{code}"{match["rest"]}{line[len(body):]}'
        added += 1
    return "".join(lines), added, problems


def assign_codes(catalogue_dir: Path, *, enterprise_id: str | None = None,
                 display_root: Path | None = None) -> AssignResult:
    """Assign codes in every certificate file (or one enterprise's); raises CatalogueError on problems."""
    root = display_root or catalogue_dir.parent
    known = enterprise_id is None or (_ID.fullmatch(enterprise_id) is not None and (
        catalogue_dir / "enterprises" / f"{enterprise_id}.yaml").is_file())
    if not known:
        raise CatalogueError([Problem(_display(catalogue_dir / "enterprises", root), 0, 0, "enterprise",
                                      f"{enterprise_id!r} is not an enterprise of the catalogue "
                                      "(expected the id of a file in enterprises/)")])
    folder = catalogue_dir / CERTIFICATES_DIR
    paths = sorted(folder.glob("*/*.yaml")) if folder.is_dir() else []
    taken: set[str] = set()
    before: dict[Path, list[dict]] = {}
    for path in paths:
        before[path] = _records(path, _display(path, root))
        taken.update(str(r["query_code"]) for r in before[path] if r.get("query_code"))
    chosen = [p for p in paths if enterprise_id is None or p.parent.name == enterprise_id]
    edited: dict[Path, str] = {}
    problems: list[Problem] = []
    result = AssignResult()
    for path in chosen:
        if all(r.get("query_code") for r in before[path]):
            continue
        display = _display(path, root)
        text, added, found = _edit(path.read_bytes().decode("utf-8"), display, taken)
        problems += found
        missing = sum(1 for r in before[path] if not r.get("query_code"))
        if not found and added < missing:
            problems.append(Problem(display, 0, 0, "query_code",
                                    f"{missing - added} record(s) without a code are not written one per "
                                    "line and cannot be edited (expected one record per line, as the "
                                    "import writes them)"))
        if added:
            edited[path] = text
            result.assigned += added
    problems += _read_back(edited, before, root)
    if problems:
        raise CatalogueError(problems)
    for path, text in edited.items():
        replace_text(path, text)
        result.files.append(path)
    return result


def _read_back(edited: dict[Path, str], before: dict[Path, list[dict]], root: Path) -> list[Problem]:
    """Each edited file must read back as the same records, each now with a code."""
    problems = []
    for path, text in edited.items():
        display = _display(path, root)
        with tempfile.TemporaryDirectory() as scratch:
            probe = Path(scratch) / path.name
            probe.write_text(text, encoding="utf-8", newline="")
            after = _records(probe, display)
        stripped = [{k: v for k, v in r.items() if k != "query_code"} for r in after]
        if stripped != [{k: v for k, v in r.items() if k != "query_code"} for r in before[path]] or not all(
                r.get("query_code") for r in after):
            problems.append(Problem(display, 0, 0, "query_code", "the file did not read back unchanged after "
                                    "adding codes (expected one record per line, as the import writes them)"))
    return problems


