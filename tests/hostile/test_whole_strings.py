"""Patterns match whole strings: `$` also matches before a final line end, so no regex of the
generator ends in `$`, and every schema pattern refuses a value followed by a line end."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REGEX_CALLS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def test_no_regex_of_the_generator_ends_in_a_dollar() -> None:
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in REGEX_CALLS and node.args):
                pattern = _literal(node.args[0])
                if pattern is not None and re.search(r"(?<!\\)\$\)?$", pattern):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {pattern}")
    assert found == []


def _schema_patterns() -> list[tuple[str, str]]:
    out = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "pattern" and isinstance(item, str):
                    out.append((where, item))
                else:
                    walk(item, f"{where}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}/{index}")

    for path in sorted((ROOT / "catalogue" / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    return out


PATTERNS = _schema_patterns()
EXAMPLES = ["changchun-hongda-machinery", "2020-06", "2020-06-2", "Y000022000101194000001",
            "220102199003070021", "6-18-02-04", "91220101MA14X2K7LG", "Y000022000101", "0431-80000101",
            "hr@example.cn", "220100",
            "ABCDEFGHJKMN", "8d2a82d47cf1fa6a"]  # a verification code, a signing key id


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[w for w, _ in PATTERNS])
def test_a_schema_pattern_matches_a_value_but_not_the_value_and_a_line_end(where: str, pattern: str) -> None:
    matching = [value for value in EXAMPLES if re.search(pattern, value)]
    assert matching, f"{where}: no example matches {pattern}"
    for value in matching:
        assert re.search(pattern, value + "\n") is None, (where, value)
