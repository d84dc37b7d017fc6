"""Revoke one certificate by editing its record in place.

The file is edited round-trip with ruamel.yaml: the record gains `status: revoked`, `revoked_on`
and `revocation_reason` on its own line, in its own flow style, and every other byte of the file
stays as it was. The edit is checked before anything is written; on any problem nothing is.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ruamel.yaml import YAML

from generator.certificates.check import CERTIFICATES_DIR, certificate_paths
from generator.codes import CERTIFICATE_NUMBER, parse_date
from generator.errors import ArgumentError, CatalogueError, Problem, field_path
from generator.inputs.files import InputFileError, read_bounded
from generator.inputs.paths import inside, replace_text
from generator.inputs.refday import working_day
from generator.load.files import display_path
from generator.load.yamlio import YamlFileError, load_fast, load_text

REASONS_FILE = "reference/revocation-reasons.yaml"


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never fold a record's line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _display(path: Path, root: Path) -> str:
    return display_path(path, root)


def _reason_codes(catalogue_dir: Path, root: Path) -> list[int]:
    path = catalogue_dir / REASONS_FILE
    try:
        data = load_fast(path, _display(path, root))
    except YamlFileError as exc:
        raise CatalogueError([exc.problem]) from None
    entries = data.get("revocation_reasons") if isinstance(data, dict) else None
    return sorted(e["code"] for e in entries or [] if isinstance(e, dict) and type(e.get("code")) is int)


def _find(catalogue_dir: Path, number: str, shown_root: Path) -> list[tuple[Path, bytes]]:
    """Certificate files (never through a link) whose bytes hold the number; parsing is left to the
    caller. A file that cannot be read is a problem: the number might be in it."""
    needle = number.encode("ascii")
    root = catalogue_dir / CERTIFICATES_DIR
    found = []
    for path in certificate_paths(root):
        if len(path.relative_to(root).parts) != 2 or path.suffix != ".yaml":
            continue
        try:
            data = read_bounded(path)
        except InputFileError as exc:
            raise CatalogueError([Problem(_display(path, shown_root), 0, 0, "", exc.message)]) from None
        if needle in data:
            found.append((path, data))
    return found


def revoke_certificate(catalogue_dir: Path, number: str, date: dt.date | str, reason_code: int, *,
                       display_root: Path | None = None) -> Path:
    """Mark certificate `number` revoked on `date` for reason `reason_code`; return the edited file."""
    root = display_root or catalogue_dir.parent
    where = _display(catalogue_dir / CERTIFICATES_DIR, root)
    if not CERTIFICATE_NUMBER.match(number):
        raise ArgumentError("number", f"{number!r} is not a certificate number "
                                      "(expected a capital Y or S followed by 21 digits)")
    day = date if isinstance(date, dt.date) else parse_date(str(date))
    if day is None:
        raise CatalogueError([Problem(where, 0, 0, "revoked_on",
                                      f"{date!r} is not a real date (expected YYYY-MM-DD)")])
    now = working_day()
    if now.after(day):
        raise CatalogueError([Problem(where, 0, 0, "revoked_on", now.future(day))])
    codes = _reason_codes(catalogue_dir, root)
    if reason_code not in codes or isinstance(reason_code, bool):
        shown = ", ".join(str(c) for c in codes)
        raise CatalogueError([Problem(_display(catalogue_dir / REASONS_FILE, root), 0, 0, "revocation_reason",
                                      f"{reason_code!r} is not a revocation reason "
                                      f"(expected one of {shown} from {REASONS_FILE})")])
    yaml = _round_trip()
    for path, raw in _find(catalogue_dir, number, root):
        shown = _display(path, root)
        try:
            original = raw.decode("utf-8")
            load_text(original, shown)  # refuses aliases, tags and deep nesting before ruamel reads it
        except UnicodeDecodeError:
            message = "the file is not UTF-8 text (expected a valid certificate file; run skills-site check)"
            raise CatalogueError([Problem(shown, 0, 0, "", message)]) from None
        except YamlFileError as exc:
            raise CatalogueError([exc.problem]) from None
        data = yaml.load(original)
        records = data.get("certificates") if isinstance(data, dict) else None
        for index, record in enumerate(records or []):
            if isinstance(record, dict) and record.get("number") == number:
                edited = _edit(yaml, original, data, index, day, reason_code, shown)
                _write(inside(catalogue_dir / CERTIFICATES_DIR, path), edited)
                return path
    raise CatalogueError([Problem(where, 0, 0, "number", "no certificate file holds this number "
                                  "(expected the number of a published certificate)")])


def _edit(yaml: YAML, original: str, document: dict, index: int, day: dt.date, reason: int,
          display: str) -> str:
    record = document["certificates"][index]
    line = record.lc.line  # 0-based line of the record's flow mapping
    column = record.lc.col
    parts = ("certificates", index)

    def problem(field: str, message: str) -> CatalogueError:
        return CatalogueError([Problem(display, line + 1, column + 1, field_path((*parts, field)), message)])

    if record.get("status") == "revoked":
        since = record.get("revoked_on")
        raise problem("status", f"the certificate was already revoked on {since} "
                                "(expected a valid certificate)")
    issued = record.get("issued")
    issued_day = issued if isinstance(issued, dt.date) else parse_date(str(issued))
    if issued_day is None:
        raise problem("issued", f"{issued!r} is not a real date (expected YYYY-MM-DD)")
    if day < issued_day:
        raise problem("revoked_on", f"{day.isoformat()} is before the issue date {issued_day.isoformat()} "
                                    "(expected on or after the issue date)")
    record["status"] = "revoked"
    record["revoked_on"] = dt.date(day.year, day.month, day.day)
    record["revocation_reason"] = reason
    # The whole document is written back; the result must differ from the original on that line only.
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    edited = buffer.getvalue()
    before, after = original.splitlines(keepends=True), edited.splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    if len(before) != len(after) or changed != [line]:
        raise problem("", "the file's layout could not be kept by the editor "
                          "(expected one record per line in flow style, as the template writes it)")
    check = after[line]
    if "status: revoked" not in check or f"revoked_on: {day.isoformat()}" not in check:
        raise problem("", "the edited record did not read back as revoked (expected status: revoked)")
    return edited


def _write(path: Path, text: str) -> None:
    replace_text(path, text, lambda written: load_fast(written, path.name))  # must read back as YAML
