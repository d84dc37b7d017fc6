"""Identifiers that name files: enterprise ids and issuing batch labels. A value from the command
line is checked against its pattern before any path is formed from it, so `../x`, `/abs/path` or a
name with a line end never reaches the file system."""

from __future__ import annotations

import datetime as dt
import re

from generator.errors import ArgumentError
from generator.inputs.refday import ReferenceDay

# `\Z`, not `$`, throughout: `$` also matches before a final line end.
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
ID_MAX_LENGTH = 60
LABEL = re.compile(r"^((?:19|20)[0-9]{2})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9][0-9]))?\Z")
ID_EXPECTED = "lowercase letters, digits and single hyphens, e.g. changchun-hongda-machinery"
LABEL_EXPECTED = "YYYY-MM, optionally followed by -2, -3 … for a further file that month, e.g. 2020-06"


def shown(value: object) -> str:
    """A value as typed, quoted and short, with line ends and control characters made visible."""
    text = repr(str(value))
    return text if len(text) <= 70 else text[:66] + "…" + text[0]


def check_id(value: object, option: str) -> str:
    """An enterprise id (the name of its file and certificate folder), else ArgumentError."""
    text = value if isinstance(value, str) else ""
    if not ID.match(text) or len(text) > ID_MAX_LENGTH:
        raise ArgumentError(option, f"{shown(value)} is not an enterprise id "
                                    f"(expected {ID_EXPECTED}, at most {ID_MAX_LENGTH} characters)")
    return text


def check_label(value: object, option: str, day: ReferenceDay | None = None) -> str:
    """An issuing batch label (the name of a certificate file), not after `day`'s month."""
    text = value if isinstance(value, str) else ""
    match = LABEL.match(text)
    if match is None:
        raise ArgumentError(option, f"{shown(value)} is not an issuing batch label "
                                    f"(expected {LABEL_EXPECTED})")
    if day is not None and day.after(dt.date(int(match[1]), int(match[2]), 1)):
        raise ArgumentError(option, f"the month of {text} has not begun (expected a month no later than "
                                    f"{day.describe()})")
    return text


def check_day(value: object, option: str, day: ReferenceDay) -> dt.date:
    """A real date written YYYY-MM-DD, not after `day`."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    try:
        parsed = dt.date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise ArgumentError(option, f"{shown(value)} is not a real date (expected YYYY-MM-DD)")
    if day.after(parsed):
        raise ArgumentError(option, day.future(parsed))
    return parsed
