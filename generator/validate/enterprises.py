"""Rules for enterprise files: references into the reference data, codes, level ranges, histories,
and uniqueness across all enterprises. Each rule is a small function returning problems.

Decisions about histories (the notice's 动态调整 and 退出机制):
* the first status entry is `active` (the listing); each later entry is strictly later than the one
  before and changes the status (active → suspended → active → withdrawn …);
* `listed_on` is the date of that first entry, and not before its batch's `published_on`
  (an enterprise may join a published batch later, never before it was published);
* supervision results are in date order (two on one day are allowed) and not before `listed_on`.
A value the schema already rejected is not checked again here (see `generator.validate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import PurePosixPath

from generator.codes import CREDIT_ALPHABET, credit_check_char
from generator.errors import Problem, handling
from generator.load.yamlio import LocatedFile
from generator.validate.common import date_at, entries, integer, mapping, show, suggestion, text
from generator.validate.reference import Reference

Rule = Callable[[LocatedFile, Reference], list[Problem]]
UNIQUE_ACROSS = ("id", "name", "credit_code", "evaluation_code")
STATUSES = ("active", "suspended", "withdrawn")


def file_name_matches_id(located: LocatedFile, _ref: Reference) -> list[Problem]:
    value = text(mapping(located.data).get("id"))
    stem = PurePosixPath(located.path).stem
    if value is None or value == stem:
        return []
    return [located.problem(("id",), f"{show(value)} differs from the file name {stem}.yaml "
                                     f"(expected the file to be named {value}.yaml)")]


def credit_code_check_character(located: LocatedFile, _ref: Reference) -> list[Problem]:
    code = text(mapping(located.data).get("credit_code"))
    if code is None or len(code) != 18 or any(c not in CREDIT_ALPHABET for c in code):
        return []  # the schema reports the form
    expected = credit_check_char(code[:17])
    if code[17] == expected:
        return []
    return [located.problem(("credit_code",), f"{show(code)} ends in check character {code[17]} (expected "
                                              f"{expected}, computed from the first 17 characters)")]


def _reference_id(located: LocatedFile, key: tuple, value: object, known: list, what: str,
                  source: str | None) -> list[Problem]:
    if source is None or not isinstance(value, str) or value in known:
        return []
    return [located.problem(key, f"{show(value)} is not {what} (expected an id from {source}"
                                 f"{suggestion(value, known)})")]


def known_industry_and_unit(located: LocatedFile, ref: Reference) -> list[Problem]:
    data = mapping(located.data)
    return (_reference_id(located, ("industry",), data.get("industry"), ref.industries, "an industry",
                          ref.files.get("industries"))
            + _reference_id(located, ("reporting_unit",), data.get("reporting_unit"), ref.reporting_units,
                            "a reporting unit", ref.files.get("reporting_units")))


def known_batch(located: LocatedFile, ref: Reference) -> list[Problem]:
    number = integer(mapping(located.data).get("batch"))
    if number is None or "batches" not in ref.files or number in ref.batches:
        return []
    listed = ", ".join(str(n) for n in sorted(ref.batches))
    return [located.problem(("batch",), f"{number} is not a batch (expected a number from "
                                        f"{ref.files['batches']}: {listed})")]


def known_occupations_and_methods(located: LocatedFile, ref: Reference) -> list[Problem]:
    problems: list[Problem] = []
    occupations_file = ref.files.get("occupations")
    seen: dict[tuple[str, str], int] = {}
    for index, item in entries(located.data, "occupations"):
        code = text(item.get("code"))
        if code is not None and occupations_file is not None:
            if code not in ref.occupations:
                problems.append(located.problem(("occupations", index, "code"), (
                    f"{show(code)} is not in the reference data (expected a code from {occupations_file}"
                    f"{suggestion(code, ref.occupations)})")))
            else:
                edition, known = integer(item.get("edition")), ref.occupations[code]
                if edition is not None and known is not None and edition != known:
                    problems.append(located.problem(("occupations", index, "edition"), (
                        f"{edition} differs from the reference data (expected {known}, the edition of "
                        f"{code} in {occupations_file})")))
        if code is not None:
            key = (code, text(item.get("work_type")) or "")
            if key in seen:
                problems.append(located.problem(("occupations", index, "code"), (
                    f"{show(code)} is listed again with the same work type as occupations[{seen[key]}] "
                    "(expected each occupation and work type once)")))
            seen.setdefault(key, index)
        methods = item.get("methods")
        if isinstance(methods, list) and "methods" in ref.files:
            for position, method in enumerate(methods):
                problems += _reference_id(located, ("occupations", index, "methods", position), method,
                                          ref.methods, "an evaluation method", ref.files["methods"])
    return problems


def _level_text(ref: Reference) -> str:
    codes = sorted(ref.levels)
    if codes and codes == list(range(codes[0], codes[-1] + 1)):
        return f"{codes[0]}–{codes[-1]}"
    return ", ".join(str(c) for c in codes)


def level_ranges(located: LocatedFile, ref: Reference) -> list[Problem]:
    if "levels" not in ref.files or not ref.levels:
        return []
    problems: list[Problem] = []
    for index, item in entries(located.data, "occupations"):
        levels = mapping(item.get("levels"))
        ends: dict[str, int] = {}
        for end in ("from", "to"):
            value = integer(levels.get(end))
            if value is None:
                continue
            if value in ref.levels:
                ends[end] = value
            else:
                problems.append(located.problem(("occupations", index, "levels", end),
                                                f"{value} is not a level (expected {_level_text(ref)})"))
        if len(ends) == 2 and ends["from"] < ends["to"]:
            problems.append(located.problem(("occupations", index, "levels"), (
                f"from {ends['from']} is smaller than to {ends['to']} (expected from ≥ to: from is the "
                "entry level, to the highest level, e.g. {from: 5, to: 3})")))
    return problems


def status_history(located: LocatedFile, ref: Reference) -> list[Problem]:
    problems: list[Problem] = []
    previous: tuple[dt.date | None, str | None] = (None, None)
    first_active: dt.date | None = None
    for index, item in entries(located.data, "status_history"):
        day = date_at(located, ("status_history", index, "date"), problems)
        status = text(item.get("status"))
        status = status if status in STATUSES else None  # the schema reports other values
        where = ("status_history", index)
        if index == 0:
            if status is not None and status != "active":
                problems.append(located.problem((*where, "status"), (
                    f"{show(status)} cannot start the history "
                    "(expected active: the first entry records the listing)")))
            elif status == "active":
                first_active = day
        else:
            before, before_status = previous
            if day is not None and before is not None and day <= before:
                problems.append(located.problem((*where, "date"), (
                    f"{day.isoformat()} is not after the previous entry's {before.isoformat()} "
                    "(expected entries in date order, each later than the one before)")))
            if status is not None and status == before_status:
                problems.append(located.problem((*where, "status"), (
                    f"{show(status)} repeats the previous entry (expected a change of status)")))
        previous = (day, status)
    listed_on = date_at(located, ("listed_on",), problems)
    if listed_on is not None and first_active is not None and listed_on != first_active:
        problems.append(located.problem(("listed_on",), (
            f"{listed_on.isoformat()} differs from status_history[0].date {first_active.isoformat()} "
            "(expected the date of the first active entry)")))
    number = integer(mapping(located.data).get("batch"))
    published = ref.batches.get(number) if number is not None else None
    if listed_on is not None and published is not None and listed_on < published:
        problems.append(located.problem(("listed_on",), (
            f"{listed_on.isoformat()} is before batch {number} was published on {published.isoformat()} "
            "(expected on or after the batch's published_on)")))
    return problems


def supervision_dates(located: LocatedFile, _ref: Reference) -> list[Problem]:
    problems: list[Problem] = []
    listed_on = date_at(located, ("listed_on",), [])  # reported by status_history
    before: dt.date | None = None
    for index, _item in entries(located.data, "supervision"):
        day = date_at(located, ("supervision", index, "date"), problems)
        if day is None:
            continue
        where = ("supervision", index, "date")
        if listed_on is not None and day < listed_on:
            problems.append(located.problem(where, (
                f"{day.isoformat()} is before listed_on {listed_on.isoformat()} "
                "(expected on or after the listing)")))
        elif before is not None and day < before:
            problems.append(located.problem(where, f"{day.isoformat()} is before the previous entry's "
                                                   f"{before.isoformat()} (expected entries in date order)"))
        before = day
    return problems


def not_in_the_future(located: LocatedFile, ref: Reference) -> list[Problem]:
    """No listing, status change or supervision result is dated after the reference day."""
    if ref.day is None:
        return []
    places = [("listed_on",)]
    places += [("status_history", index, "date") for index, _ in entries(located.data, "status_history")]
    places += [("supervision", index, "date") for index, _ in entries(located.data, "supervision")]
    problems: list[Problem] = []
    for parts in places:
        day = date_at(located, parts, [])  # a date that is not a real day is reported by the rules above
        if day is not None and ref.day.after(day):
            problems.append(located.problem(parts, ref.day.future(day)))
    return problems


RULES: tuple[Rule, ...] = (
    file_name_matches_id, credit_code_check_character, known_industry_and_unit, known_batch,
    known_occupations_and_methods, level_ranges, status_history, supervision_dates, not_in_the_future,
)


def unique_across(files: list[LocatedFile]) -> list[Problem]:
    """Id, name, credit code and evaluation code each belong to one enterprise only."""
    problems: list[Problem] = []
    for key in UNIQUE_ACROSS:
        first: dict[str, LocatedFile] = {}
        for located in files:
            value = text(mapping(located.data).get(key))
            if value is None:
                continue
            if value in first:
                owner = first[value]
                line, column = owner.where((key,))
                problems.append(located.problem((key,), (
                    f"{show(value)} is already used by {owner.path}:{line}:{column} "
                    f"(expected a unique {key})")))
            else:
                first[value] = located
    return problems


def check_enterprises(files: list[LocatedFile], ref: Reference) -> list[Problem]:
    problems: list[Problem] = []
    for located in files:
        if not isinstance(located.data, dict):
            continue  # the schema reports the top level
        with handling(located.path):
            for rule in RULES:
                problems += rule(located, ref)
    return problems + unique_across([f for f in files if isinstance(f.data, dict)])
