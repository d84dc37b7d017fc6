"""Check a file against its JSON Schema (draft 2020-12) and turn every error into a located problem.

Messages say what arrived and what was expected, in the catalogue's own terms: unknown keys name
the allowed keys and the closest one, wrong types show the value, patterns use the schema's
`x-expected` text (a plain-language description of the pattern).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError, ValidationError

from generator.errors import Problem, field_path
from generator.load.yamlio import LocatedFile
from generator.validate.common import kind_of, show, suggestion

_TYPE_NAMES = {
    "string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping", "null": "null",
}
_CHECKED: set[str] = set()  # schema texts known to be valid JSON Schemas


def _canonical(value: Any) -> Any:
    """A hashable stand-in for a JSON value, equal where JSON Schema calls values equal (true is not
    1, 1 is 1.0, mappings ignore key order). Values nest at most 20 levels (the reader's limit)."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _canonical(item)) for key, item in value.items()))
    return ("other", repr(value))


def _unique_items(validator: Any, unique: bool, instance: Any, _schema: Any) -> Any:
    """`uniqueItems` in linear time: the library compares mixed-type items pairwise, which takes
    hours on a long list."""
    if unique and validator.is_type(instance, "array"):
        seen: set = set()
        for item in instance:
            key = _canonical(item)
            if key in seen:
                yield ValidationError("has repeated items")
                return
            seen.add(key)


Validator = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})


class Schemas:
    """The schemas of one catalogue folder, each read and checked once."""

    def __init__(self, schema_dir: Path, display: Any) -> None:
        self.schema_dir = schema_dir
        self.display = display  # Path -> str
        self._validators: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def validator(self, name: str) -> Any:
        if name not in self._validators:
            self._validators[name] = self._load(name)
        return self._validators[name]

    def _load(self, name: str) -> Any:
        path = self.schema_dir / name
        shown = self.display(path)
        try:
            source = path.read_text(encoding="utf-8")
            schema = json.loads(source)
            if source not in _CHECKED:  # checking against the metaschema is slow; do it once per text
                Draft202012Validator.check_schema(schema)
                _CHECKED.add(source)
        except OSError:
            self.problems.append(Problem(shown, 0, 0, "", "the schema file is missing "
                                                          "(expected a JSON Schema for this kind of file)"))
            return None
        except json.JSONDecodeError as exc:
            self.problems.append(Problem(shown, exc.lineno, exc.colno, "", f"not valid JSON: {exc.msg} "
                                                                          "(expected a JSON Schema)"))
            return None
        except UnicodeDecodeError:
            self.problems.append(Problem(shown, 0, 0, "", "not UTF-8 text (expected a JSON Schema in UTF-8)"))
            return None
        except SchemaError as exc:
            self.problems.append(Problem(shown, 0, 0, "", f"not a valid JSON Schema: {exc.message} "
                                                          "(expected draft 2020-12)"))
            return None
        return Validator(schema)  # no format checker: dates are checked by our own rule

    def check(self, located: LocatedFile, name: str) -> list[Problem]:
        validator = self.validator(name)
        if validator is None:
            return []
        problems: dict[Problem, None] = {}  # in order, each once
        errors = list(validator.iter_errors(located.data))
        typos = _likely_typos(errors)
        for error in errors:
            if error.validator == "required" and isinstance(error.instance, dict):
                missing = [k for k in error.validator_value if k not in error.instance]
                if all((tuple(error.absolute_path), k) in typos for k in missing):
                    continue  # the misspelt key's message already names the key
            problems.update(dict.fromkeys(_problems(located, error)))
        return list(problems)


def _problems(located: LocatedFile, error: ValidationError) -> list[Problem]:
    parts = tuple(error.absolute_path)
    keyword = error.validator
    instance = error.instance
    value = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}

    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        out = []
        for key in instance:
            if key not in allowed:
                expected = f"expected one of: {', '.join(allowed)}{suggestion(key, allowed)}"
                out.append(located.problem((*parts, key), f"unknown key ({expected})", key=True))
        return out
    if keyword == "required" and isinstance(instance, dict):
        return [_problem_at(located, parts, (*parts, key), "required key is missing "
                                                               "(expected it in this mapping)")
                for key in value if key not in instance]
    if keyword == "type":
        return [located.problem(parts, _type_message(instance, value))]
    if keyword in ("enum", "const"):
        choices = value if keyword == "enum" else [value]
        listed = ", ".join(show(c).strip("'") for c in choices)
        return [located.problem(parts, f"{show(instance)} is not allowed "
                                       f"(expected one of: {listed}{suggestion(instance, choices)})")]
    if keyword == "pattern":
        expected = schema.get("x-expected") or f"text matching {value}"
        return [located.problem(parts, f"{show(instance)} does not have the expected form "
                                       f"(expected {expected})")]
    if keyword == "minimum":
        return [located.problem(parts, f"{show(instance)} is too small (expected at least {value})")]
    if keyword == "maximum":
        return [located.problem(parts, f"{show(instance)} is too large (expected at most {value})")]
    if keyword == "minLength":
        what = "empty text" if instance == "" else f"{show(instance)} is too short"
        return [located.problem(parts, f"{what} (expected at least {value} characters)")]
    if keyword == "maxLength":
        return [located.problem(parts, f"{len(instance)} characters is too long "
                                       f"(expected at most {value} characters)")]
    if keyword == "minItems":
        what = "the list is empty" if not instance else f"the list has {len(instance)} item(s)"
        return [located.problem(parts, f"{what} (expected at least {value})")]
    if keyword == "uniqueItems" and isinstance(instance, list):
        return _repeated_items(located, parts, instance)
    return [located.problem(parts, f"{error.message} (expected what the schema allows)")]


def _likely_typos(errors: list[ValidationError]) -> set[tuple[tuple, str]]:
    """(mapping path, key) of allowed keys that an unknown key of the same mapping resembles."""
    out: set[tuple[tuple, str]] = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed and (close := difflib.get_close_matches(str(key), allowed, 1, 0.6)):
                    out.add((tuple(error.absolute_path), close[0]))
    return out


def _problem_at(located: LocatedFile, where: tuple, parts: tuple, message: str) -> Problem:
    """A problem named after `parts` but placed at `where` (a missing key sits at its mapping)."""
    placed = located.problem(where, message)
    return Problem(placed.path, placed.line, placed.column, field_path(parts), message)


def _type_message(instance: Any, expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    got = kind_of(instance)
    shown = "" if isinstance(instance, list | dict) or instance is None else f" {show(instance)}"
    hint = ""
    if "string" in names and isinstance(instance, int | float) and not isinstance(instance, bool):
        hint = f"; put it in quotes: \"{instance}\""
    elif "string" in names and isinstance(instance, bool):
        hint = "; put it in quotes to keep it as text"
    elif "integer" in names and isinstance(instance, str) and instance.strip().isdigit():
        hint = f"; write it without quotes: {instance.strip()}"
    return f"got {got}{shown} (expected {wanted}{hint})"


def _repeated_items(located: LocatedFile, parts: tuple, items: list) -> list[Problem]:
    out: list[Problem] = []
    seen: set = set()
    for index, item in enumerate(items):
        key = _canonical(item)
        if key in seen:
            out.append(located.problem((*parts, index), f"{show(item)} is listed twice "
                                                        "(expected each item once)"))
        else:
            seen.add(key)
    return out
