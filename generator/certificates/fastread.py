"""A reader for certificate files written in the canonical layout, line by line.

The files are YAML, and any YAML reader gives the same values; but a million records through a
YAML loader cost most of a build. Files in the layout the generator, the importer and the
template write (the header keys in order, then one flow mapping per line with the fields in their
usual order and plain values) are read here with one regular expression per line. Every token the
expression admits has exactly one YAML meaning (a plain string, a small integer, true/false), so
the values are those `yamlio.load_fast` would give; `tests/certificates/test_fastread.py` holds
the two readers to that. Anything else — a comment after a record, another key order, quoting,
CRLF line ends — returns None and the caller reads the file with `yamlio.load_fast`.

A problem found in a canonical file is placed by `canonical_located`, which matches only the lines
of the records concerned: placing one bad record costs a small part of reading the file, however
large it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from generator.certificates.names import HAN, MIDDLE_DOT
from generator.load.yamlio import LocatedFile, PathParts
from generator.lookup.code import ALPHABET, LENGTH

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
RECORD = re.compile(
    r"  - \{number: ([YS][0-9]{21}), "
    rf"name: ([{HAN}{MIDDLE_DOT}]+), "
    r'id_number: "([0-9]{17}[0-9X])", '
    r"occupation: ([1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}), "
    r"level: ([1-5]), "
    rf"issued: ({_DATE}), "
    rf'query_code: "([{ALPHABET}]{{{LENGTH}}})"'
    r"(?:, status: (valid|revoked))?"
    rf"(?:, revoked_on: ({_DATE}))?"
    r"(?:, revocation_reason: (0|[1-9][0-9]{0,2}))?"
    r"\}"
)
_ENTERPRISE = re.compile(r"enterprise: ([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")
_LABEL = re.compile(r"label: ([0-9]{4}-[0-9]{2}(?:-[0-9]{1,2})?)")
_SAMPLE = re.compile(r"sample: (true|false)")
_NOT_STRINGS = frozenset(("null", "true", "false"))  # would not read back as text
RECORD_FIELDS = ("number", "name", "id_number", "occupation", "level", "issued", "query_code", "status",
                 "revoked_on", "revocation_reason")  # RECORD's groups, in order
_HEADER_KEYS = ("enterprise", "label", "sample")


def _header(lines: list[str]) -> tuple[dict[str, Any], int] | None:
    """The four header keys in their usual order after comment lines; None for any other shape."""
    index = 0
    while index < len(lines) and lines[index].startswith("#"):
        index += 1
    if len(lines) < index + 4:
        return None
    enterprise = _ENTERPRISE.fullmatch(lines[index])
    label = _LABEL.fullmatch(lines[index + 1])
    sample = _SAMPLE.fullmatch(lines[index + 2])
    if not (enterprise and label and sample and lines[index + 3] == "certificates:"):
        return None
    if enterprise[1] in _NOT_STRINGS:
        return None
    return {"enterprise": enterprise[1], "label": label[1], "sample": sample[1] == "true"}, index + 4


def split_lines(text: str) -> list[str] | None:
    if "\r" in text or not text.endswith("\n"):
        return None
    return text[:-1].split("\n")


def read_canonical(text: str) -> dict[str, Any] | None:
    """The file's values when it is in the canonical layout, else None (read it as YAML then)."""
    lines = split_lines(text)
    if lines is None:
        return None
    head = _header(lines)
    if head is None:
        return None
    data, first = head
    records: list[dict[str, Any]] = []
    match = RECORD.fullmatch
    for line in lines[first:]:
        found = match(line)
        if found is None:
            return None
        number, name, id_number, occupation, level, issued, code, status, revoked_on, reason = found.groups()
        record: dict[str, Any] = {"number": number, "name": name, "id_number": id_number,
                                  "occupation": occupation, "level": int(level), "issued": issued,
                                  "query_code": code}
        if status is not None:
            record["status"] = status
        if revoked_on is not None:
            record["revoked_on"] = revoked_on
        if reason is not None:
            record["revocation_reason"] = int(reason)
        records.append(record)
    if not records:
        return None
    data["certificates"] = records
    return data


def canonical_located(text: str, display: str, wanted: Collection[PathParts]) -> LocatedFile | None:
    """The positions `yamlio.locate` would give for the `wanted` paths of a file in the canonical
    layout (values are not read: `data` is None); None when the file is not in that layout."""
    lines = split_lines(text)
    head = _header(lines) if lines is not None else None
    if lines is None or head is None:
        return None
    first = head[1]
    located = LocatedFile(display, None)
    top = first - 4  # the line index of `enterprise:`
    located.values[()] = (top + 1, 1)
    for offset, key in enumerate(_HEADER_KEYS):
        located.keys[(key,)] = (top + offset + 1, 1)
        located.values[(key,)] = (top + offset + 1, len(key) + 3)
    located.keys[("certificates",)] = (first, 1)
    located.values[("certificates",)] = (first + 1, 3)
    for parts in wanted:
        if len(parts) < 2 or parts[0] != "certificates" or not isinstance(parts[1], int):
            continue
        index = parts[1]
        if not 0 <= index < len(lines) - first:
            continue
        line = lines[first + index]
        found = RECORD.fullmatch(line)
        if found is None:
            return None
        number = first + index + 1
        located.values[("certificates", index)] = (number, 5)
        for group, key in enumerate(RECORD_FIELDS, start=1):
            start = found.start(group)
            if start < 0:
                continue
            quoted = line[start - 1] == '"'
            value = start if quoted else start + 1  # 1-based column of the value (its quote)
            located.values[("certificates", index, key)] = (number, value)
            located.keys[("certificates", index, key)] = (number, value - len(key) - 2)
    return located
