"""Validation of the catalogue: each file against its JSON Schema, then the rules across files.

Every rule runs on every file that could be read, so one run reports every problem.
"""

from __future__ import annotations

from generator.errors import Problem, handling
from generator.load.files import ENTERPRISE_SCHEMA, REFERENCE_FILES, LoadedCatalogue
from generator.validate.enterprises import check_enterprises
from generator.validate.reference import Reference, check_reference
from generator.validate.schema import Schemas

__all__ = ["Reference", "validate"]


def validate(loaded: LoadedCatalogue) -> tuple[Reference, list[Problem]]:
    """Check the loaded files; returns what enterprises may refer to and every problem found."""
    schemas = Schemas(loaded.catalogue_dir / "schemas", loaded.display)
    problems: list[Problem] = []
    for kind, located in loaded.reference.items():
        with handling(located.path):
            problems += schemas.check(located, REFERENCE_FILES[kind][1])
    for located in loaded.enterprises:
        with handling(located.path):
            problems += schemas.check(located, ENTERPRISE_SCHEMA)
    reference, found = check_reference(loaded.reference, loaded.day)
    found += check_enterprises(loaded.enterprises, reference)
    return reference, schemas.problems + problems + _not_follow_on(found, problems)


def _not_follow_on(found: list[Problem], schema_problems: list[Problem]) -> list[Problem]:
    """Rule problems, except those at (or inside) a value the schema already reported: one fault,
    one message."""
    reported: dict[str, set[str]] = {}
    for problem in schema_problems:
        reported.setdefault(problem.path, set()).add(problem.field)
    kept = []
    for problem in found:
        fields = reported.get(problem.path)
        if not fields or not any(outer in fields for outer in _enclosing(problem.field)):
            kept.append(problem)
    return kept


def _enclosing(field: str) -> list[str]:
    """The field and every field that contains it: `a[1].b` → '', 'a', 'a[1]', 'a[1].b'."""
    return ["", *(field[:i] for i, char in enumerate(field) if char in ".[" and i), field]
