"""Certificate records as text lines: one flow mapping per line, as every certificate file keeps
them. Appending and correcting records are edits of single lines, so every other byte of an
existing file (comments, quoting, key order, blank lines) stays exactly as it was."""

from __future__ import annotations

import json
import re
from typing import Any

FIELD_ORDER = ("number", "name", "id_number", "occupation", "level", "issued", "query_code", "status",
               "revoked_on", "revocation_reason")
_PLAIN = re.compile(r"[0-9A-Za-z\u00b7\u3007\u3400-\u9fff\U00020000-\U0003134f][-0-9A-Za-z\u00b7"
                    r"\u3007\u3400-\u9fff\U00020000-\U0003134f]*")
_NOT_TEXT = re.compile(r"(?i)[-+]?[0-9][0-9_]*(\.[0-9]*)?(e[-+]?[0-9]+)?|true|false|yes|no|on|off|null|"
                       r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_RECORD_LINE = re.compile(r"^(?P<indent>[ ]*)- \{.*\}(?P<tail>[ \t]*(#.*)?)\Z")


def scalar(key: str, value: Any) -> str:
    """A value as YAML reads it back unchanged: ID numbers always quoted, other text quoted only
    when YAML would read it as something else (a number, a date, a boolean) or could not read it."""
    if isinstance(value, bool) or not isinstance(value, str):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if key in ("id_number", "query_code") or not _PLAIN.fullmatch(value) or (
            key not in ("issued", "revoked_on") and _NOT_TEXT.fullmatch(value)):
        return json.dumps(value, ensure_ascii=False)
    return value


def record_line(values: dict[str, Any], indent: str = "  ") -> str:
    fields = ", ".join(f"{key}: {scalar(key, values[key])}" for key in FIELD_ORDER if key in values)
    return f"{indent}- {{{fields}}}\n"


def new_file(header: str, enterprise_id: str, label: str, sample: bool, records: list[dict[str, Any]]) -> str:
    lines = [record_line(r) for r in records]
    return (f"{header}enterprise: {enterprise_id}\nlabel: {label}\nsample: {str(sample).lower()}\n"
            f"certificates:\n{''.join(lines)}")


def append_records(text: str, records: list[dict[str, Any]]) -> str | None:
    """`text` with the records added after its last record line; None when the file does not end with
    its certificate list in one-line-per-record form (the caller reports that)."""
    lines = text.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if _RECORD_LINE.match(line.rstrip("\r\n"))), default=None)
    if last is None or any(line.strip() and not line.lstrip().startswith("#") for line in lines[last + 1:]):
        return None
    indent = _RECORD_LINE.match(lines[last].rstrip("\r\n"))["indent"]  # type: ignore[index]
    newline = "\r\n" if lines[last].endswith("\r\n") else "\n"
    if not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    added = [record_line(r, indent).replace("\n", newline) for r in records]
    return "".join(lines[: last + 1] + added + lines[last + 1:])


def replace_record(text: str, line_index: int, values: dict[str, Any]) -> str | None:
    """`text` with the record on 0-based line `line_index` rewritten, keeping its indent and any
    end-of-line comment; None when that line is not a one-line record."""
    lines = text.splitlines(keepends=True)
    if not 0 <= line_index < len(lines):
        return None
    body = lines[line_index].rstrip("\r\n")
    match = _RECORD_LINE.match(body)
    if match is None:
        return None
    ending = lines[line_index][len(body):]
    lines[line_index] = record_line(values, match["indent"]).rstrip("\n") + match["tail"] + ending
    return "".join(lines)
