"""Problems found in the catalogue, collected as values and reported together."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: `path:line:column: field: message`.

    `line` and `column` are 1-based; 0 means the position is unknown (a whole-file problem).
    """

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CatalogueError(Exception):
    """Raised when the catalogue has problems; carries every problem found in the run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the catalogue")


class BuildError(Exception):
    """A build step failed for a reason other than the catalogue's content (engine, tools, disk)."""


class ArgumentError(Exception):
    """A value given on the command line cannot be used (checked before any path is formed from it);
    nothing was read or written."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}")


@contextmanager
def handling(what: str) -> Iterator[None]:
    """Name the input being handled on any exception that escapes, for the one-line report of an
    unexpected error (the innermost input wins)."""
    try:
        yield
    except Exception as exc:
        if not hasattr(exc, "input_handled"):
            exc.input_handled = what  # type: ignore[attr-defined]
        raise


def input_handled(exc: BaseException) -> str | None:
    return getattr(exc, "input_handled", None)


def format_text(problems: Iterable[Problem]) -> str:
    lines = [str(p) for p in problems]
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def field_path(parts: Iterable[str | int]) -> str:
    """Render a path such as ('occupations', 1, 'levels', 'to') as `occupations[1].levels.to`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
