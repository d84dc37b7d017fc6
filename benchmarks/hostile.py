"""Hostile inputs, timed: how fast `check` refuses an alias bomb, and what one bad record costs in a
200,000-record certificate file compared with the same file when valid.

    python -m benchmarks.hostile [--records 200000] [--repeat 3]

Prints a table (time and peak memory of each run, each in a fresh process).
"""

from __future__ import annotations

ALIAS_LEVELS = "abcdefghij"


def alias_bomb(width: int = 20) -> str:
    """A "billion laughs" YAML mapping of about 1 KB: its last key would expand to width**10 strings."""
    laugh = '"lol"'
    lines = [f"a: &a [{', '.join([laugh] * width)}]"]
    for previous, name in zip(ALIAS_LEVELS, ALIAS_LEVELS[1:], strict=False):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * width)}]")
    return "\n".join(lines) + "\n"
