"""Small pieces shared by the validation rules: describing values, suggesting names, safe access."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from generator.codes import parse_date
from generator.errors import Problem
from generator.load.yamlio import LocatedFile, PathParts


def kind_of(value: Any) -> str:
    """`a string`, `an integer`, … as a YAML author would call the value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def show(value: Any) -> str:
    """A value as it appears in a message: strings quoted, short, with line ends and other control
    characters written as escapes (so a message stays one line), everything else as written."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text.translate(_VISIBLE)}'"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def suggestion(word: Any, choices: Iterable[Any]) -> str:
    """`; did you mean 'x'?` for the closest choice, or nothing."""
    if not isinstance(word, str):
        return ""
    names = [str(c) for c in choices]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def entries(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    """(index, item) of the list under `key` whose items are mappings; anything else is skipped."""
    items = mapping(data).get(key)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def date_at(located: LocatedFile, parts: PathParts, problems: list[Problem]) -> dt.date | None:
    """The date at `parts` when it is a string; a string that is not a real day is a problem."""
    value: Any = located.data
    for part in parts:
        inside_list = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if inside_list or (isinstance(value, dict) and part in value):
            value = value[part]
        else:
            return None
    if not isinstance(value, str):
        return None  # missing or of the wrong type: the schema reports it
    day = parse_date(value)
    if day is None:
        problems.append(located.problem(parts, f"{show(value)} is not a real date "
                                               "(expected YYYY-MM-DD, a day of the calendar)"))
    return day
