"""Shared ground of the editing commands: where files are, how a new text is checked against the
whole catalogue before it replaces anything, and how scalars are written.

An edit never touches the catalogue until the edited text has passed the build's own validation.
The check runs on a shadow copy of the catalogue (hard links where the file system allows, copies
otherwise) in which only the edited file differs, so every rule of the build applies (cross-file
uniqueness included) and the messages name the same paths as a real `skills-site check`. The real
file is then replaced atomically (a temporary file in the same folder and `os.replace`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import yaml

from generator.errors import CatalogueError, Problem
from generator.inputs.identifiers import check_id
from generator.inputs.paths import child, inside, replace_text
from generator.inputs.refday import working_day
from generator.load.catalogue import check_catalogue
from generator.load.files import display_path

ENTERPRISES = "enterprises"
CERTIFICATES = "certificates"
SHADOW_PREFIX = ".edit-check-"


class EditError(CatalogueError):
    """An edit was refused; nothing was written. Carries every problem found."""


def default_display_root(catalogue_dir: Path) -> Path:
    return Path(catalogue_dir).resolve().parent


def display(path: Path, display_root: Path) -> str:
    return display_path(path, display_root)


def enterprise_path(catalogue_dir: Path, enterprise_id: str) -> Path:
    """The file of an enterprise; the id is checked first (ArgumentError), so no other path is formed."""
    return child(Path(catalogue_dir) / ENTERPRISES, f"{check_id(enterprise_id, 'enterprise id')}.yaml")


def existing_enterprise(catalogue_dir: Path, enterprise_id: str, display_root: Path) -> Path:
    """The file of an enterprise that must exist, else an EditError naming the folder searched."""
    path = enterprise_path(catalogue_dir, enterprise_id)
    if not path.is_file():
        folder = display(Path(catalogue_dir) / ENTERPRISES, display_root)
        raise EditError([Problem(display(path, display_root), 0, 0, "", (
            f"no enterprise with id {enterprise_id!r} (expected a file {folder}/{enterprise_id}.yaml)"))])
    return path


def parse_day(value: str | dt.date, field: str, where: str) -> dt.date:
    """A real date given as `YYYY-MM-DD` text or a date, not in the future, else an EditError."""
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    text = str(value).strip()
    try:
        if day is None and len(text) == 10:
            day = dt.date.fromisoformat(text)
    except ValueError:
        pass
    if day is None:
        raise EditError([Problem(where, 0, 0, field, f"{text!r} is not a real date (expected YYYY-MM-DD)")])
    now = working_day()
    if now.after(day):
        raise EditError([Problem(where, 0, 0, field, now.future(day))])
    return day


def required_text(value: str | None, field: str, where: str, what: str) -> str:
    text = (value or "").strip()
    if len(text) < 2 or "\n" in text:
        raise EditError([Problem(where, 0, 0, field, (
            f"{text!r} is too short or spans lines (expected {what}, one line of at least 2 characters)"))])
    return text


def scalar(value: object) -> str:
    """One YAML scalar as it would be typed by hand: plain when that reads back as the same value,
    else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        back = yaml.safe_load(f"k: {text}\n")
    except yaml.YAMLError:
        back = None
    if isinstance(back, dict) and back.get("k") == text and "#" not in text and text == text.strip():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link to `source` (a copy across file systems); a symbolic link stays a symbolic link,
    so that the check reports it instead of reading what it points to."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _mirror(source: Path, target: Path) -> None:
    """Recreate the folder `source` at `target`, files hard-linked (or copied), links kept as links."""
    for folder, dirs, files in os.walk(source):
        here = target / Path(folder).relative_to(source)
        here.mkdir(parents=True, exist_ok=True)
        links = [d for d in dirs if (Path(folder) / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if not d.startswith(SHADOW_PREFIX) and d not in links)
        for name in [*files, *links]:
            _link_or_copy(Path(folder) / name, here / name)


def _shadow_base(catalogue_dir: Path) -> Path:
    """A temporary folder on the catalogue's file system, so that hard links work."""
    system = Path(tempfile.gettempdir())
    try:
        if system.stat().st_dev == catalogue_dir.stat().st_dev:
            return system
    except OSError:
        pass
    return catalogue_dir.parent


def check_with(catalogue_dir: Path, changed: dict[str, str], *, display_root: Path,
               certificates_of: Iterable[str] = ()) -> list[Problem]:
    """Problems of the catalogue as it would be with `changed` (path relative to the catalogue →
    new text) written. Certificate folders are included only for the enterprises named in
    `certificates_of`: an edit of one enterprise cannot affect another enterprise's certificates."""
    catalogue_dir = Path(catalogue_dir).resolve()
    root = display_root.resolve()
    try:
        relative = catalogue_dir.relative_to(root)
    except ValueError:
        relative = Path(catalogue_dir.name)
    with tempfile.TemporaryDirectory(prefix=SHADOW_PREFIX, dir=_shadow_base(catalogue_dir)) as tmp:
        shadow_root = Path(tmp)
        shadow = shadow_root / relative
        shadow.mkdir(parents=True)
        for entry in sorted(catalogue_dir.iterdir()):
            if entry.name.startswith(SHADOW_PREFIX):
                continue
            if entry.is_symlink():
                _link_or_copy(entry, shadow / entry.name)
            elif entry.name == CERTIFICATES and entry.is_dir():
                (shadow / CERTIFICATES).mkdir()
                for name in certificates_of:
                    if (entry / name).is_symlink():
                        _link_or_copy(entry / name, shadow / CERTIFICATES / name)
                    elif (entry / name).is_dir():
                        _mirror(entry / name, shadow / CERTIFICATES / name)
            elif entry.is_dir():
                _mirror(entry, shadow / entry.name)
            elif entry.is_file():
                _link_or_copy(entry, shadow / entry.name)
        for name, text in changed.items():
            target = shadow / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()  # a hard link: never write through it
            target.write_text(text, encoding="utf-8")
        return check_catalogue(shadow, display_root=shadow_root)


def write_checked(catalogue_dir: Path, target: Path, text: str, *, display_root: Path,
                  enterprise_id: str) -> Path:
    """Write `text` to `target` (inside the catalogue) if the resulting catalogue is valid;
    otherwise raise EditError with every problem and leave every file as it was."""
    catalogue_dir = Path(catalogue_dir)
    inside(catalogue_dir, target)
    name = target.resolve().relative_to(catalogue_dir.resolve()).as_posix()
    problems = check_with(catalogue_dir, {name: text}, display_root=display_root,
                          certificates_of=[enterprise_id])
    if problems:
        raise EditError(problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_text(target, text)
    return target
