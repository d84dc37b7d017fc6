"""Byte-level views of a catalogue folder, for before/after comparisons."""

from __future__ import annotations

from pathlib import Path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones included) by relative path, with its bytes."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders an edit might have left behind."""
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp")
