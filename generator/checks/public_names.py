"""Names that the site's public sources already contain, so the scan does not mistake them for leaks.

A holder's name is not unique: 张宇 is a contact person in the notice itself, and a common name can
be an enterprise's published contact or part of an ordinary word. The rendered pages are made from
the public catalogue, the hand-written pages and the templates only — never from certificate data —
so a name that occurs in them is public text, not a holder record. Such names are left out of the
built-site scan (certificate numbers, ID numbers and codes never are), and the build reports how many.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from generator.checks.pii_scan import HolderValues, names_in_text

if TYPE_CHECKING:
    from generator.cache import BuildCache

TEXT_SUFFIXES = {".md", ".html", ".j2", ".yml", ".yaml", ".txt", ".js", ".json", ".css"}


def public_names(sources: list[Path], wanted: HolderValues,
                 cache: BuildCache | None = None) -> tuple[np.ndarray, set[str]]:
    """Wanted names that occur in the text files under the given folders: hashes and long names."""
    hashes: list[np.ndarray] = []
    long_names: set[str] = set()
    for folder in sources:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                text = path.read_text(encoding="utf-8", errors="replace")
                found, long_found = names_in_text(text, wanted, cache)
                hashes.append(found)
                long_names |= long_found
    return (np.unique(np.concatenate(hashes)) if hashes else np.empty(0, dtype=np.uint64)), long_names


def without_public_names(wanted: HolderValues, sources: list[Path],
                         cache: BuildCache | None = None) -> tuple[HolderValues, int]:
    """`wanted` less the names its public sources contain, and how many names were left out."""
    hashes, long_names = public_names(sources, wanted, cache)
    return wanted.without_names(hashes, long_names), len(hashes) + len(long_names)
