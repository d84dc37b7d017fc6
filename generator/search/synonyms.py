"""Synonym groups of the site search (`synonyms.yaml`): the other ways a text can be written."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from generator.errors import BuildError
from generator.search.fold import fold

SYNONYMS = Path(__file__).with_name("synonyms.yaml")


@lru_cache(maxsize=4)
def load_groups(path: Path = SYNONYMS) -> tuple[tuple[str, ...], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = data.get("groups")
    if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(w, str) and w for w in g) for g in groups):
        raise BuildError(f"{path}: groups: expected a list of lists of two or more words")
    # Compared with folded text, so written folded too (NFKC turns （ into ().
    return tuple(tuple(fold(word) for word in group) for group in groups)


def variants(text: str, groups: tuple[tuple[str, ...], ...] | None = None) -> list[str]:
    """`text` written with each other word of every group it holds a word of, one change at a time."""
    out: list[str] = []
    for group in groups if groups is not None else load_groups():
        for word in group:
            if word in text:
                out.extend(text.replace(word, other) for other in group if other != word)
    return out
