"""Rules for the reference data and the batches: unique ids and codes, real dates, all five levels.

The result, `Reference`, holds what enterprise files may refer to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.inputs.refday import ReferenceDay
from generator.load.yamlio import LocatedFile
from generator.validate.common import date_at, entries, integer, show, text

# kind → (list key, fields whose values must be unique within the list)
UNIQUE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "levels": ("levels", ("code", "name")),
    "reporting_units": ("reporting_units", ("id", "name", "code")),
    "industries": ("industries", ("id", "name")),
    "methods": ("methods", ("id", "name")),
    "occupations": ("occupations", ("code",)),
    "revocation_reasons": ("revocation_reasons", ("code",)),
    "batches": ("batches", ("number", "name")),
}
LEVEL_CODES = (1, 2, 3, 4, 5)


@dataclass
class Reference:
    """What enterprise files may refer to, with the file each kind comes from (for messages)."""

    files: dict[str, str] = field(default_factory=dict)  # kind → display path
    levels: set[int] = field(default_factory=set)
    reporting_units: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    occupations: dict[str, int | None] = field(default_factory=dict)  # code → edition
    batches: dict[int, dt.date | None] = field(default_factory=dict)  # number → published_on
    day: ReferenceDay | None = None  # nothing may be dated after it


def check_unique(located: LocatedFile, list_key: str, names: tuple[str, ...]) -> list[Problem]:
    """Each of `names` has a different value in every item of the list (null values aside)."""
    problems: list[Problem] = []
    for name in names:
        first: dict[object, tuple[int, int]] = {}
        for index, item in entries(located.data, list_key):
            value = item.get(name)
            if value is None or isinstance(value, list | dict):
                continue
            parts = (list_key, index, name)
            key = (type(value).__name__, value)
            if key in first:
                line, _column = first[key]
                problems.append(located.problem(parts, f"{show(value)} is already used at line {line} "
                                                       f"(expected each {name} once)"))
            else:
                first[key] = located.where(parts)
    return problems


def _check_levels(located: LocatedFile) -> list[Problem]:
    codes = {integer(item.get("code")) for _, item in entries(located.data, "levels")}
    missing = [c for c in LEVEL_CODES if c not in codes]
    if not missing:
        return []
    listed = ", ".join(str(c) for c in missing)
    what = f"level code {listed} is missing" if len(missing) == 1 else f"level codes {listed} are missing"
    return [located.problem(("levels",), f"{what} (expected the codes 1 to 5, one entry each)")]


def check_reference(files: dict[str, LocatedFile],
                    day: ReferenceDay | None = None) -> tuple[Reference, list[Problem]]:
    """Check the reference files that could be read; collect what enterprises may refer to."""
    problems: list[Problem] = []
    ref = Reference(day=day)
    for kind, located in files.items():
        ref.files[kind] = located.path
        list_key, names = UNIQUE_FIELDS[kind]
        problems += check_unique(located, list_key, names)
    if "levels" in files:
        problems += _check_levels(files["levels"])
        ref.levels = {c for _, i in entries(files["levels"].data, "levels") if (c := integer(i.get("code")))}
    for kind in ("reporting_units", "industries", "methods"):
        if kind in files:
            ids = [text(item.get("id")) for _, item in entries(files[kind].data, kind)]
            setattr(ref, kind, [i for i in ids if i])
    if "occupations" in files:
        for _, item in entries(files["occupations"].data, "occupations"):
            if code := text(item.get("code")):
                ref.occupations.setdefault(code, integer(item.get("edition")))
    if "batches" in files:
        located = files["batches"]
        for index, item in entries(located.data, "batches"):
            day = date_at(located, ("batches", index, "published_on"), problems)
            if day is not None and ref.day is not None and ref.day.after(day):
                problems.append(located.problem(("batches", index, "published_on"), ref.day.future(day)))
                day = None  # enterprises are not judged by a date reported here
            number = integer(item.get("number"))
            if number is not None:
                ref.batches.setdefault(number, day)
    return ref, problems
