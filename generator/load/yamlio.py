"""Read YAML files into plain Python values, remembering where each value came from.

One set of YAML rules (YAML 1.1 core types, but dates stay text, only true/false are booleans, a
key may not appear twice) and one reader, `yamlwalk.build`, which refuses anchors, aliases, tags,
deep nesting and keys that are not text before anything is built from them:

* `load_fast` builds the values without positions (the large certificate files);
* `load_located` records the line and column of every key and value, so that any problem found
  later can be reported at its place in the file;
* `locate` finds the positions of chosen paths only, without building values and stopping once
  they are passed: a problem found in a large file is placed at a fraction of reading it.

Every file is read within a size limit checked before parsing, never through a symbolic link, and
a character YAML does not allow (a NUL byte, other control characters) is reported where it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, field_path, handling
from generator.inputs.files import INPUT_FILE_LIMIT, InputFileError, read_bounded
from generator.load.yamlwalk import Positions, Refusal, build, find

try:  # libyaml is normally present; the pure-Python classes give the same values, slower.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

PathParts = tuple[str | int, ...]

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z")


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


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers = _resolvers(_BaseLoader.yaml_implicit_resolvers)


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


# Characters YAML does not allow in a stream (YAML 1.1 §5.1): C0 controls other than tab and line
# ends, DEL, C1 controls other than NEL, surrogates, U+FFFE and U+FFFF.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character `index` of `text` (or of its end)."""
    index = min(index, len(text))
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def read_text(path: Path, display: str, limit: int = INPUT_FILE_LIMIT) -> str:
    """Read a file as UTF-8 text (a BOM is allowed), at most `limit` bytes; a link, an oversized
    file, an undecodable byte or a character YAML does not allow is a located problem."""
    try:
        raw = read_bounded(path, limit)
    except InputFileError as exc:
        raise YamlFileError(Problem(display, 0, 0, "", exc.message)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw[: exc.start].decode("utf-8"), exc.start)
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise YamlFileError(Problem(display, line, column, "",
                                    f"byte 0x{bad} is not valid UTF-8 (expected a UTF-8 text file; "
                                    "save it again as UTF-8)")) from None
    text = text.removeprefix("\ufeff")
    check_printable(text, display)
    return text


def check_printable(text: str, display: str) -> None:
    """A character YAML does not allow is a problem at its line and column."""
    found = _NOT_PRINTABLE.search(text)
    if found is not None:
        line, column = _line_column(text, found.start())
        char = found.group()
        name = _CONTROL_NAMES.get(char, "")
        shown = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        raise YamlFileError(Problem(display, line, column, "", (
            f"the character {shown} cannot appear in a YAML file (expected text without control "
            "characters; delete it, it is often left by copying from another program)")))


_CONTROL_NAMES = {"\x00": "NUL", "\x1a": "SUB", "\x7f": "DEL", "\x0b": "vertical tab", "\x0c": "form feed",
                  "\x08": "backspace", "\x1b": "ESC"}


def _yaml_problem(display: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    opened = getattr(exc, "context_mark", None)
    unclosed = {"while parsing a flow mapping": ("the '{' here", "'}'"),
                "while parsing a flow sequence": ("the '[' here", "']'"),
                "while scanning a quoted scalar": ("the quoted text starting here", "a closing quote")}
    if opened is not None and context in unclosed:
        # The parser notices an unclosed bracket or quote only where the next thing starts: point at
        # the bracket or quote that was opened instead.
        what, closing = unclosed[context]
        return Problem(display, opened.line + 1, opened.column + 1, "", (
            f"malformed YAML: {what} is never closed (expected {closing} before line {line}, "
            f"column {column})"))
    detail = f"{context}, {problem}" if context else problem
    return Problem(display, line, column, "", f"malformed YAML: {detail} (expected valid YAML syntax)")


def _empty(display: str) -> YamlFileError:
    return YamlFileError(Problem(display, 1, 1, "", "the file is empty (expected a YAML mapping)"))


def _parse(text: str, display: str, positions: Positions | None) -> Any:
    loader = _Loader(text)
    try:
        with handling(display):
            data = build(loader, positions)
    except Refusal as exc:
        raise YamlFileError(Problem(display, exc.line + 1, exc.column + 1, "", exc.message)) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(display, exc)) from None
    finally:
        loader.dispose()
    if data is None:
        raise _empty(display)
    return data


def load_text(text: str, display: str) -> Any:
    """Values of YAML text, without positions. Raises YamlFileError."""
    check_printable(text, display)
    return _parse(text, display, None)


def load_fast(path: Path, display: str, limit: int = INPUT_FILE_LIMIT) -> Any:
    """Values of a YAML file, without positions. Raises YamlFileError."""
    return _parse(read_text(path, display, limit), display, None)


def load_located(path: Path, display: str, limit: int = INPUT_FILE_LIMIT) -> LocatedFile:
    """Values of a YAML file with the position of each value and key. Raises YamlFileError."""
    positions = Positions()
    data = _parse(read_text(path, display, limit), display, positions)
    return LocatedFile(display, data, positions.values, positions.keys)


def locate(text: str, display: str, wanted: Collection[PathParts]) -> LocatedFile:
    """The positions of the `wanted` paths (and their parents) of YAML text that `load_text` has read
    without a problem; no values are built (`data` is None)."""
    loader = _Loader(text)
    try:
        with handling(display):
            positions = find(loader, wanted)
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(display, exc)) from None
    finally:
        loader.dispose()
    return LocatedFile(display, None, positions.values, positions.keys)
