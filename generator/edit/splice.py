"""Append one entry to a list of an enterprise file, leaving every other byte as it was.

ruamel.yaml's round-trip loader finds where the list is and how its items are indented; ruamel
renders the new entry; the entry's lines are then inserted into the original text after the list's
last item. Re-dumping the whole document would re-indent or re-wrap parts that staff formatted by
hand, so the text outside the inserted lines is never re-emitted. Layouts that cannot be spliced
this way (a list written in flow style with items) fall back to a full round-trip dump.
The result is read back and compared with the expected values before it is used.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

DEFAULT_DASH, DEFAULT_CONTENT = 2, 4  # `  - key: value` as in the sample catalogue


def _yaml(dash: int = DEFAULT_DASH, content: int = DEFAULT_CONTENT) -> YAML:
    yaml = YAML()  # round-trip
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=content, offset=dash)
    return yaml


def load_document(text: str) -> CommentedMap:
    document = _yaml().load(text)
    if not isinstance(document, CommentedMap):
        raise ValueError("the file does not hold a mapping")
    return document


def plain(text: str) -> Any:
    """Values of a YAML text as plain Python objects (dates as dates), for comparisons."""
    return YAML(typ="safe", pure=True).load(text)


def render_item(item: dict[str, Any], dash: int, content: int, eol: str = "\n") -> list[str]:
    """The lines of one block-sequence item: `<dash spaces>- key: value` then aligned keys."""
    buffer = io.StringIO()
    _yaml().dump(CommentedMap(item), buffer)
    lines = [line + eol for line in buffer.getvalue().splitlines()]
    first = " " * dash + "-" + " " * (content - dash - 1) + lines[0]
    return [first] + [" " * content + line if line.strip() else line for line in lines[1:]]


def _item_indent(lines: list[str], seq: CommentedSeq) -> tuple[int, int] | None:
    """(dash column, content column) of the last item of a block sequence, else None."""
    line, column = seq.lc.data[len(seq) - 1][:2]
    head = lines[line][:column]
    if head.strip() != "-":
        return None
    return head.index("-"), column


def _block_indent(document: CommentedMap, lines: list[str]) -> tuple[int, int]:
    """Indentation used by the file's other block lists, for a list that does not exist yet."""
    for value in document.values():
        if isinstance(value, CommentedSeq) and len(value):
            found = _item_indent(lines, value)
            if found is not None:
                return found
    return DEFAULT_DASH, DEFAULT_CONTENT


def _end_of_value(document: CommentedMap, key: str, lines: list[str]) -> int:
    """Index of the line after the last content line of `key`'s value."""
    keys = list(document)
    position = keys.index(key)
    end = document.lc.key(keys[position + 1])[0] if position + 1 < len(keys) else len(lines)
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _ensure_newline(lines: list[str], index: int, eol: str) -> None:
    if index > 0 and not lines[index - 1].endswith("\n"):
        lines[index - 1] += eol


def append_entry(text: str, key: str, item: dict[str, Any]) -> str:
    """`text` with `item` appended to the top-level list `key` (created at the end if missing)."""
    document = load_document(text)
    lines = text.splitlines(keepends=True)
    expected = plain(text)
    expected.setdefault(key, [])
    expected[key] = [*(expected[key] or []), item]
    result = _splice(document, lines, key, item)
    if result is None:
        result = _dump_whole(document, key, item, _block_indent(document, lines))
    if plain(result) != expected:
        raise ValueError(f"appending to {key} would change other values of the file")
    return result


def _splice(document: CommentedMap, lines: list[str], key: str, item: dict[str, Any]) -> str | None:
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if key not in document:
        dash, content = _block_indent(document, lines)
        lines = list(lines)
        _ensure_newline(lines, len(lines), eol)
        return "".join([*lines, f"{key}:{eol}", *render_item(item, dash, content, eol)])
    value = document[key]
    if isinstance(value, CommentedSeq) and len(value):
        indent = _item_indent(lines, value)
        if indent is None:
            return None
        end = _end_of_value(document, key, lines)
        lines = list(lines)
        _ensure_newline(lines, end, eol)
        return "".join([*lines[:end], *render_item(item, *indent, eol), *lines[end:]])
    if value is None or (isinstance(value, CommentedSeq) and not len(value)):
        line = document.lc.key(key)[0]
        match = re.fullmatch(rf"({re.escape(key)}:)[ \t]*(?:\[[ \t]*\])?([ \t]*#.*)?(\r?\n)?", lines[line])
        if match is None or line + 1 != _end_of_value(document, key, lines):
            return None
        dash, content = _block_indent(document, lines)
        lines = list(lines)
        lines[line] = match.group(1) + (match.group(2) or "") + eol
        return "".join([*lines[: line + 1], *render_item(item, dash, content, eol), *lines[line + 1 :]])
    return None


def _dump_whole(document: CommentedMap, key: str, item: dict[str, Any], indent: tuple[int, int]) -> str:
    value = document.get(key)
    if not isinstance(value, CommentedSeq):
        value = CommentedSeq()
        document[key] = value
    value.fa.set_block_style()
    value.append(CommentedMap(item))
    buffer = io.StringIO()
    _yaml(*indent).dump(document, buffer)
    return buffer.getvalue()
