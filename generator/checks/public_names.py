"""Names that the site's public sources already contain, so the scan does not mistake them for leaks.

A holder's name is not unique: 张宇 is a contact person in the notice itself, and a common name can
be an enterprise's published contact or part of an ordinary word. The rendered pages are made from
the public catalogue, the hand-written pages and the templates only — never from certificate data —
so a name that occurs in them is public text, not a holder record. Such names are left out of the
built-site scan (certificate numbers, ID numbers and codes never are), and the build reports how many.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from generator.checks.pii_scan import HolderValues, sorted_unique
from generator.checks.tokens import Tokens, view_tokens

if TYPE_CHECKING:
    from generator.cache import BuildCache

TEXT_SUFFIXES = {".md", ".html", ".j2", ".yml", ".yaml", ".txt", ".js", ".json", ".css"}


def public_names(sources: list[Path], wanted: HolderValues, cache: BuildCache | None = None,
                 skip: tuple[Path, ...] = (), sources_key: str = "") -> tuple[np.ndarray, set[str]]:
    """Wanted names that occur in the text files under the given folders: hashes and long names.
    The name windows of all the sources together are kept under the digest of their contents (or
    under `sources_key`, a key that already identifies them, so that they are not read at all), so a
    build whose public text did not change matches against one array. Files under `skip` are left out."""

    def texts() -> list[str]:
        return [path.read_text(encoding="utf-8", errors="replace")
                for folder in sources for path in sorted(folder.rglob("*"))
                if path.is_file() and path.suffix in TEXT_SUFFIXES
                and not any(path.is_relative_to(folder) for folder in skip)]

    read = None
    key = ""
    union = None
    if cache is not None:
        if not sources_key:
            read = texts()
            digest = hashlib.sha256()
            for text in read:
                digest.update(hashlib.sha256(text.encode("utf-8")).digest())
            sources_key = digest.hexdigest()
        key = cache.key("public-names", sources_key)
        union = cache.load("public-names", key)
    if union is None:
        tokens = [view_tokens(text) for text in (read if read is not None else texts())]
        names = np.concatenate([t.names for t in tokens]) if tokens else np.empty(0, np.uint64)
        union = (sorted_unique(names), "\n".join(t.runs for t in tokens))
        if cache is not None:
            cache.save("public-names", key, union)
    hashes, runs = union
    return wanted.name_hashes_in(Tokens(names=hashes)), {n for n in wanted.long_names if n in runs}


def without_public_names(wanted: HolderValues, sources: list[Path], cache: BuildCache | None = None,
                         skip: tuple[Path, ...] = (), sources_key: str = "") -> tuple[HolderValues, int]:
    """`wanted` less the names its public sources contain, and how many names were left out. Output
    made with certificate data (the open-data statistics) goes in `skip`: it is never a source."""
    hashes, long_names = public_names(sources, wanted, cache, skip, sources_key)
    return wanted.without_names(hashes, long_names), len(hashes) + len(long_names)
