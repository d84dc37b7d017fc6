"""Read YAML files into plain Python values, remembering where each value came from.

Two readers share one set of YAML rules (YAML 1.1 core types, but dates stay text, only
true/false are booleans, and a key may not appear twice):

* `load_located` composes the node tree with libyaml and records the line and column of every
  key and value, so that any problem found later can be reported at its place in the file.
* `load_fast` builds the same values without positions; it is used for the large certificate
  files, and a file with a problem is read again with `load_located` to find where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, field_path

try:  # libyaml is normally present; the pure-Python classes give the same values, slower.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

PathParts = tuple[str | int, ...]

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _resolvers(base: dict) -> dict:
    """Copy the implicit resolvers, dropping timestamps and YAML 1.1's yes/no/on/off booleans."""
    out: dict = {}
    for first, entries in base.items():
        kept = [(tag, rx) for tag, rx in entries if tag not in ("tag:yaml.org,2002:timestamp",
                                                                 "tag:yaml.org,2002:bool")]
        if kept:
            out[first] = kept
    for first in "tTfF":
        out.setdefault(first, []).append(("tag:yaml.org,2002:bool", _BOOL))
    return out


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping holds the same key twice."""


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers = _resolvers(_BaseLoader.yaml_implicit_resolvers)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise DuplicateKey(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass
class LocatedFile:
    """A YAML file's values with the (line, column) of every value and mapping key, 1-based."""

    path: str
    data: Any
    values: dict[PathParts, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathParts, tuple[int, int]] = field(default_factory=dict)

    def where(self, parts: PathParts, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or of the key) at `parts`, else of its nearest located parent."""
        if key and parts in self.keys:
            return self.keys[parts]
        probe = tuple(parts)
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, parts: PathParts, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(parts, key=key)
        return Problem(self.path, line, column, field_path(parts), message)


class YamlFileError(Exception):
    """The file cannot be read as YAML at all; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text (a BOM is allowed); an undecodable byte is a located problem."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise YamlFileError(Problem(display, line, column, "",
                                    f"byte 0x{bad} is not valid UTF-8 (expected a UTF-8 text file; "
                                    "save it again as UTF-8)")) from None
    return text.removeprefix("\ufeff")


def _yaml_problem(display: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, DuplicateKey):
        return Problem(display, line, column, "", f"{exc.problem} (expected each key once per mapping)")
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{context}, {problem}" if context else problem
    return Problem(display, line, column, "", f"malformed YAML: {detail} (expected valid YAML syntax)")


def _empty(display: str) -> YamlFileError:
    return YamlFileError(Problem(display, 1, 1, "", "the file is empty (expected a YAML mapping)"))


def load_fast(path: Path, display: str) -> Any:
    """Values of a YAML file, without positions. Raises YamlFileError."""
    text = read_text(path, display)
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader subclass
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(display, exc)) from None
    if data is None:
        raise _empty(display)
    return data


def load_located(path: Path, display: str) -> LocatedFile:
    """Values of a YAML file with the position of each value and key. Raises YamlFileError."""
    text = read_text(path, display)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _empty(display)
        located = LocatedFile(display, None)
        located.data = _convert(loader, node, (), located)
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(display, exc)) from None
    finally:
        loader.dispose()
    return located


def _convert(loader: _Loader, node: yaml.Node, parts: PathParts, out: LocatedFile) -> Any:
    out.values[parts] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise DuplicateKey(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
            child = (*parts, key)
            out.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(loader, value_node, child, out)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, (*parts, i), out) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
