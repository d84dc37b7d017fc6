"""Proof that a path about to be written lies inside its folder.

Identifiers are checked before paths are formed (`identifiers`); this is the last guard, at the
write itself: whatever the name, the file written is a direct child of the folder it belongs to,
and neither the folder nor the file is reached through a symbolic link."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
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


def enclosing(path: Path, folders: Iterable[Path]) -> Path | None:
    """The first of `folders` that is `path` or holds it, once links and `..` are resolved; None when
    none does. For outputs that must stay out of the site and the repository (keys, codes)."""
    real = Path(path).resolve()
    for folder in folders:
        real_folder = Path(folder).resolve()
        if real == real_folder or real_folder in real.parents:
            return real_folder
    return None


def replace_text(path: Path, text: str, check: Callable[[Path], object] | None = None) -> None:
    """Write `text` to `path` through a temporary file in the same folder renamed into place, so a
    reader sees the old file or the new one, never half of either. `check(temporary)` may refuse the
    written text by raising; then the old file stays. The file keeps its mode (0644 when new)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if check is not None:
            check(Path(temporary))
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
