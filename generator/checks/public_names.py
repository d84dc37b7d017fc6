"""Names that the site's public sources already contain, so the scan does not mistake them for leaks.

A holder's name is not unique: 张宇 is a contact person in the notice itself, and a common name can
be an enterprise's published contact or part of an ordinary word. The rendered pages are made from
the public catalogue, the hand-written pages and the templates only — never from certificate data —
so a name that occurs in them is public text, not a holder record. Such names are left out of the
built-site scan (certificate numbers and ID numbers never are), and the build reports how many.
"""

from __future__ import annotations

from pathlib import Path

from generator.checks.pii_scan import HolderValues

TEXT_SUFFIXES = {".md", ".html", ".j2", ".yml", ".yaml", ".txt", ".js", ".json", ".css"}


def public_names(sources: list[Path], wanted: HolderValues, skip: tuple[Path, ...] = ()) -> set[str]:
    """Wanted names that occur in the text files under the given folders (but not under `skip`)."""
    found: set[str] = set()
    for folder in sources:
        for path in sorted(folder.rglob("*")):
            if any(path.is_relative_to(s) for s in skip):
                continue
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                found |= wanted.names_in(path.read_text(encoding="utf-8", errors="replace"))
    return found


def without_public_names(wanted: HolderValues, sources: list[Path],
                         skip: tuple[Path, ...] = ()) -> tuple[HolderValues, int]:
    """`wanted` less the names its public sources contain, and how many names were left out. Output
    made with certificate data (the open-data statistics) goes in `skip`: it is never a source."""
    public = public_names(sources, wanted, skip)
    wanted.names -= public
    wanted.name_lengths = sorted({len(name) for name in wanted.names})
    return wanted, len(public)
