"""Proof that a path about to be written lies inside its folder.

Identifiers are checked before paths are formed (`identifiers`); this is the last guard, at the
write itself: whatever the name, the file written is a direct child of the folder it belongs to,
and neither the folder nor the file is reached through a symbolic link."""

from __future__ import annotations

import os
from pathlib import Path


class OutsideFolder(Exception):
    """A path to be written is not where it belongs; nothing was written."""


def child(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless `name` is one plain file name and the result is inside the
    real `folder` (and not a link)."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name or os.sep in name:
        raise OutsideFolder(f"{name!r} is not a plain file name (expected a name inside {folder})")
    path = Path(folder) / name
    return inside(folder, path)


def inside(folder: Path, path: Path) -> Path:
    """`path`, refused unless it lies within `folder` once `..` and links in its folders are resolved,
    and is not itself a link."""
    real_folder = Path(folder).resolve()
    real = Path(path).parent.resolve() / Path(path).name
    if real_folder != real.parent and real_folder not in real.parents:
        raise OutsideFolder(f"{path} is outside {folder} (expected a file inside it)")
    if real.is_symlink():
        raise OutsideFolder(f"{path} is a symbolic link (expected a regular file inside {folder})")
    return Path(path)
