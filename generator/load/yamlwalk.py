"""Build plain values from libyaml's event stream, refusing what catalogue files never need.

The catalogue is plain data: mappings with text keys, lists, and scalars. Everything else YAML
offers is refused at the event that introduces it, before anything is built from it:

* anchors and aliases (`&a`, `*a`): an alias can stand for a whole tree, so a kilobyte of aliases
  can expand to gigabytes ("billion laughs"), or refer to itself;
* nesting deeper than `MAX_DEPTH` lists and mappings;
* keys that are lists or mappings (`? [a, b]`, `{[x]: 1}`) or not text at all (`1:`, `null:`);
* tags other than the core scalar, list and mapping tags (`!!binary`, `!!set`, `!custom`), merge
  keys (`<<`) and a second document in the file.

Values are built in one pass over the events with an explicit stack (no recursion), so time and
memory grow linearly with the file. Positions are recorded for every value, for a chosen set of
paths, or not at all.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

MAX_DEPTH = 20
PathParts = tuple[Any, ...]
_CORE = "tag:yaml.org,2002:"
STR = _CORE + "str"
_SCALAR_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null"))
_MAPPING_TAGS = frozenset((None, "!", _CORE + "map"))
_SEQUENCE_TAGS = frozenset((None, "!", _CORE + "seq"))
_MISSING = object()
_TAG_NAMES = {_CORE + "int": "an integer", _CORE + "float": "a number", _CORE + "bool": "true or false",
              _CORE + "null": "null"}


class Refusal(Exception):
    """A construct the catalogue does not accept, at a 0-based (line, column)."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        self.line, self.column = mark.line, mark.column
        self.message = message
        super().__init__(message)


class Positions:
    """Where values and keys are, 1-based, for every path (`wanted` None) or for the paths in
    `wanted` and their parents."""

    def __init__(self, wanted: Collection[PathParts] | None = None) -> None:
        self.values: dict[PathParts, tuple[int, int]] = {}
        self.keys: dict[PathParts, tuple[int, int]] = {}
        self.every = wanted is None
        self.prefixes: set[PathParts] = set()
        for parts in wanted or ():
            self.prefixes.update(tuple(parts[:n]) for n in range(len(parts) + 1))

    def wants(self, parts: PathParts) -> bool:
        return self.every or parts in self.prefixes


class _Frame:
    __slots__ = ("container", "has_key", "is_map", "key", "key_mark", "parts", "tracked")

    def __init__(self, container: Any, is_map: bool, parts: PathParts | None, tracked: bool) -> None:
        self.container = container
        self.is_map = is_map
        self.key: Any = None
        self.has_key = False
        self.key_mark: yaml.Mark | None = None
        self.parts = parts  # path of this container; None when no position below it is recorded
        self.tracked = tracked


def _scalar_table(loader: Any) -> dict[str | None, list[tuple[str, Any]]]:
    """The implicit resolvers by first character, the catch-all ones appended to each list."""
    table = loader.yaml_implicit_resolvers
    catch_all = list(table.get(None, []))
    out: dict[str | None, list[tuple[str, Any]]] = {k: list(v) + catch_all for k, v in table.items() if k}
    out[None] = catch_all
    out[""] = list(table.get("", [])) + catch_all
    return out


def build(loader: Any, positions: Positions | None = None) -> Any:
    """The values of the single document `loader` parses; raises Refusal or yaml.YAMLError."""
    resolvers = _scalar_table(loader)
    constructors = loader.yaml_constructors
    built: dict[tuple[str, str], Any] = {}  # non-text scalars repeat (levels, dates): build each once
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    get_event = loader.get_event
    while True:
        event = get_event()
        kind = event.__class__
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _anchor(event)
            value = _scalar(event, resolvers, constructors, built, loader)
            if stack:
                _place(stack[-1], value, event, positions)
            else:
                root = value
                _root_position(event, positions)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise _anchor(event)
            is_map = kind is MappingStartEvent
            if event.tag not in (_MAPPING_TAGS if is_map else _SEQUENCE_TAGS):
                raise Refusal(event.start_mark, _tag_message(event.tag))
            if len(stack) >= MAX_DEPTH:
                raise Refusal(event.start_mark, f"lists and mappings are nested more than {MAX_DEPTH} levels "
                                                f"deep here (expected at most {MAX_DEPTH} levels)")
            value = {} if is_map else []
            if stack:
                parts = _place(stack[-1], value, event, positions)
            else:
                root, parts = value, ()
                _root_position(event, positions)
            tracked = parts is not None and positions is not None and positions.wants(parts)
            stack.append(_Frame(value, is_map, parts if tracked else None, tracked))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is AliasEvent:
            raise Refusal(event.start_mark, f"'*{event.anchor}' is an alias: aliases and anchors are not "
                                            "used in the catalogue (expected every value written out)")
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise Refusal(event.start_mark, "a second YAML document starts here "
                                                "(expected one document per file)")
        elif kind is StreamEndEvent:
            return root


class _Place:
    __slots__ = ("has_key", "index", "is_map", "key", "key_mark", "parts")

    def __init__(self, is_map: bool, parts: PathParts | None) -> None:
        self.is_map = is_map
        self.parts = parts  # None: no wanted path lies below
        self.key: Any = None
        self.key_mark: Any = None
        self.has_key = False
        self.index = 0


def find(loader: Any, wanted: Collection[PathParts]) -> Positions:
    """The positions of the `wanted` paths (and their parents) in text that `build` has read
    without a refusal. Nothing is built: keys are taken as written (they are text), and reading
    stops as soon as every wanted path has been passed."""
    positions = Positions(wanted)
    remaining = set(positions.prefixes)
    stack: list[_Place] = []
    get_event = loader.get_event
    while remaining:
        event = get_event()
        kind = event.__class__
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            continue
        if kind is StreamEndEvent:
            break
        if kind is not ScalarEvent and kind is not MappingStartEvent and kind is not SequenceStartEvent:
            continue
        mark = event.start_mark
        parts: PathParts | None = ()
        if stack:
            top = stack[-1]
            if top.is_map and not top.has_key:
                top.key, top.key_mark, top.has_key = event.value, mark, True
                continue
            if top.is_map:
                top.has_key = False
                parts = (*top.parts, top.key) if top.parts is not None else None
            else:
                parts = (*top.parts, top.index) if top.parts is not None else None
                top.index += 1
        if parts is not None and parts in positions.prefixes:
            positions.values[parts] = (mark.line + 1, mark.column + 1)
            if stack and stack[-1].is_map:
                key_mark = stack[-1].key_mark
                positions.keys[parts] = (key_mark.line + 1, key_mark.column + 1)
            remaining.discard(parts)
        else:
            parts = None
        if kind is not ScalarEvent:
            stack.append(_Place(kind is MappingStartEvent, parts))
    return positions


def _root_position(event: Any, positions: Positions | None) -> None:
    if positions is not None:
        positions.values[()] = (event.start_mark.line + 1, event.start_mark.column + 1)


def _place(top: _Frame, value: Any, event: Any, positions: Positions | None) -> PathParts | None:
    """Put `value` into the open container `top` (as a key, a mapping's value or a list item);
    return its path when positions are recorded there, else None."""
    container = top.container
    if top.is_map:
        if not top.has_key:
            _check_key(value, event, container)
            top.key, top.has_key, top.key_mark = value, True, event.start_mark
            return None
        key = top.key
        container[key] = value
        top.has_key = False
        if not top.tracked:
            return None
        parts = (*top.parts, key)  # type: ignore[misc]
        if positions is not None and positions.wants(parts):
            mark = top.key_mark
            positions.keys[parts] = (mark.line + 1, mark.column + 1)  # type: ignore[union-attr]
            positions.values[parts] = (event.start_mark.line + 1, event.start_mark.column + 1)
        return parts
    container.append(value)
    if not top.tracked:
        return None
    parts = (*top.parts, len(container) - 1)  # type: ignore[misc]
    if positions is not None and positions.wants(parts):
        positions.values[parts] = (event.start_mark.line + 1, event.start_mark.column + 1)
    return parts


def _check_key(value: Any, event: Any, container: dict) -> None:
    if isinstance(value, dict | list):
        raise Refusal(event.start_mark, f"a key here is {kind_of(value)} (expected a field name: keys are "
                                        "plain text, never lists or mappings)")
    if not isinstance(value, str):
        raise Refusal(event.start_mark, f"the key {_shown(value)} is read as {kind_of(value)} (expected a "
                                        "field name in text; put it in quotes if it is meant as text)")
    if value in container:
        raise Refusal(event.start_mark, f"duplicate key {value!r} (expected each key once per mapping)")


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {int: "an integer", float: "a number", list: "a list", dict: "a mapping"}.get(type(value), "text")


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _scalar(event: ScalarEvent, resolvers: dict, constructors: dict, built: dict, loader: Any) -> Any:
    tag = event.tag
    text = event.value
    if tag is None or tag == "!":
        tag = STR
        if event.implicit[0]:
            for candidate, pattern in resolvers.get(text[:1] if text else "", resolvers[None]):
                if pattern.match(text):
                    tag = candidate
                    break
    elif tag not in _SCALAR_TAGS:
        raise Refusal(event.start_mark, _tag_message(tag))
    if tag == STR:
        return text
    key = (tag, text)
    value = built.get(key, _MISSING)
    if value is _MISSING:
        if tag not in _SCALAR_TAGS:  # a merge key `<<` or a value key `=`
            raise Refusal(event.start_mark, f"'{text}' has a special meaning in YAML that the catalogue does "
                                            "not use (expected a field name or a value; quote it)")
        try:
            value = constructors[tag](loader, ScalarNode(tag, text, event.start_mark, event.end_mark))
        except (ValueError, yaml.YAMLError):
            what = _TAG_NAMES.get(tag, tag)
            raise Refusal(event.start_mark, f"'{text[:40]}' cannot be read as {what} (expected a value "
                                            "YAML can read; put it in quotes to keep it as text)") from None
        built[key] = value
    return value


def _anchor(event: Any) -> Refusal:
    return Refusal(event.start_mark, f"'&{event.anchor}' is an anchor: anchors and aliases are not used in "
                                     "the catalogue (expected every value written out)")


def _tag_message(tag: str | None) -> str:
    shown = f"!!{tag[len(_CORE):]}" if tag and tag.startswith(_CORE) else str(tag)
    return (f"the tag {shown} is not used in the catalogue (expected plain values, lists and mappings "
            "without tags)")
