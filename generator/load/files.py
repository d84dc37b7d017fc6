"""Read every catalogue file (reference data, batches, enterprises) with positions.

A file that cannot be read as YAML becomes one located problem; the other files are still read,
so that one run reports every problem of the catalogue. Before anything is read, the folder is
walked once without following links: a symbolic link anywhere in it, and a file or folder that has
no place in the catalogue's layout, is a problem (nothing of a link's target is read or shown).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.inputs.files import CATALOGUE_FILE_LIMIT, LINK_MESSAGE
from generator.inputs.refday import ReferenceDay, reference_day
from generator.load.yamlio import LocatedFile, YamlFileError, load_located

# kind → (file inside the catalogue folder, schema file inside catalogue/schemas)
REFERENCE_FILES: dict[str, tuple[str, str]] = {
    "levels": ("reference/levels.yaml", "levels.schema.json"),
    "reporting_units": ("reference/reporting-units.yaml", "reporting-units.schema.json"),
    "industries": ("reference/industries.yaml", "industries.schema.json"),
    "methods": ("reference/methods.yaml", "methods.schema.json"),
    "occupations": ("reference/occupations.yaml", "occupations.schema.json"),
    "revocation_reasons": ("reference/revocation-reasons.yaml", "revocation-reasons.schema.json"),
    "batches": ("batches.yaml", "batches.schema.json"),
}
ENTERPRISE_SCHEMA = "enterprise.schema.json"
ENTERPRISES_DIR = "enterprises"
CERTIFICATES_DIR = "certificates"
SCHEMAS_DIR = "schemas"
TOP_FILES = ("batches.yaml", "signing-keys.yaml")  # the signing keys: generator.ecert.keyring
TOP_LEVEL = (*TOP_FILES, "reference", SCHEMAS_DIR, ENTERPRISES_DIR, CERTIFICATES_DIR)


def display_path(path: Path, display_root: Path) -> str:
    """The path shown in messages: relative to `display_root` when inside it, always with `/`. A
    link is shown where it is, never where it points."""
    path = Path(path)
    real = path.resolve() if path.name in ("", ".", "..") else path.parent.resolve() / path.name
    try:
        return real.relative_to(Path(display_root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class LoadedCatalogue:
    """The catalogue's files as located YAML; a file that could not be read is absent."""

    catalogue_dir: Path
    display_root: Path
    reference: dict[str, LocatedFile] = field(default_factory=dict)  # kind → file (batches included)
    enterprises: list[LocatedFile] = field(default_factory=list)  # sorted by path
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # display paths of files that could not be read
    day: ReferenceDay | None = None  # nothing may be dated after it (generator.inputs.refday)

    def display(self, path: Path) -> str:
        return display_path(path, self.display_root)


MODELINE = "# yaml-language-server: $schema="


def _modeline_problem(path: Path, display: str, schema: Path) -> Problem | None:
    """The first line names the file's schema, so that editors complete and check the file."""
    expected = MODELINE + Path(os.path.relpath(schema, path.parent)).as_posix()
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8", errors="replace").removeprefix("\ufeff").rstrip("\r\n")
    if first.rstrip() == expected:
        return None
    return Problem(display, 1, 1, "", f"the first line is not the schema line (expected '{expected}', "
                                      "which gives editors completion and checks)")


def _read(path: Path, loaded: LoadedCatalogue, schema: str) -> LocatedFile | None:
    display = loaded.display(path)
    try:
        located = load_located(path, display, CATALOGUE_FILE_LIMIT)
        modeline = _modeline_problem(path, display, loaded.catalogue_dir / "schemas" / schema)
        if modeline is not None:
            loaded.problems.append(modeline)
        return located
    except YamlFileError as exc:
        loaded.problems.append(exc.problem)
    except OSError as exc:
        loaded.problems.append(Problem(display, 0, 0, "", f"cannot read the file: {exc.strerror} "
                                                         "(expected a readable file)"))
    loaded.unreadable.add(display)
    return None


def _layout_problems(loaded: LoadedCatalogue) -> set[Path]:
    """Problems for links and for entries outside the catalogue's layout; returns the links found.
    Hidden entries (a leading dot: editor and tool files) are left alone."""
    links: set[Path] = set()
    reference_names = {Path(relative).name for relative, _ in REFERENCE_FILES.values()
                       if relative.startswith("reference/")}

    def stray(path: Path, expected: str) -> None:
        what = "folder" if path.is_dir() else "file"
        loaded.problems.append(Problem(loaded.display(path), 0, 0, "", (
            f"this {what} has no place in the catalogue (expected {expected}; "
            "other files are never read, so nothing in them would be published or checked)")))

    for folder, dirs, files in os.walk(loaded.catalogue_dir):
        here = Path(folder)
        inside = here.relative_to(loaded.catalogue_dir).parts
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted([*dirs, *(f for f in files if not f.startswith("."))]):
            path = here / name
            if path.is_symlink():
                links.add(path)
                loaded.problems.append(Problem(loaded.display(path), 0, 0, "", LINK_MESSAGE))
                continue
            if not inside and name not in TOP_LEVEL:
                stray(path, f"{', '.join(TOP_FILES)} and the folders {', '.join(TOP_LEVEL[len(TOP_FILES):])}")
            elif inside == ("reference",) and name not in reference_names:
                stray(path, "the reference files " + ", ".join(sorted(reference_names)))
            elif inside == (SCHEMAS_DIR,) and not (name.endswith(".schema.json") and path.is_file()):
                stray(path, "<kind>.schema.json files")
            elif inside == (ENTERPRISES_DIR,) and path.is_dir():
                stray(path, "one <id>.yaml file per enterprise, no folders")
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()
                   and (inside or d in TOP_LEVEL) and inside not in (("reference",), (ENTERPRISES_DIR,))]
    return links


def catalogue_inputs(catalogue_dir: Path) -> list[Path]:
    """The catalogue's top-level entries but the certificate folder: what its model is read from."""
    if not catalogue_dir.is_dir():
        return []
    return [p for p in sorted(catalogue_dir.iterdir()) if p.name != CERTIFICATES_DIR]


def layout_problems(catalogue_dir: Path, display_root: Path) -> list[Problem]:
    """The problems of the catalogue's layout alone (links, stray files and folders)."""
    loaded = LoadedCatalogue(catalogue_dir, display_root)
    if catalogue_dir.is_dir():
        _layout_problems(loaded)
    return loaded.problems


def load_catalogue_files(catalogue_dir: Path, display_root: Path, *,
                         day: ReferenceDay | None = None) -> LoadedCatalogue:
    """Read reference data, batches and every `enterprises/*.yaml` file of `catalogue_dir`."""
    loaded = LoadedCatalogue(catalogue_dir, display_root)
    loaded.day = day or reference_day(catalogue_dir)
    if not catalogue_dir.is_dir():
        loaded.problems.append(Problem(loaded.display(catalogue_dir), 0, 0, "", (
            "the catalogue folder does not exist (expected a folder holding batches.yaml, reference/, "
            "enterprises/ …)")))
        loaded.unreadable.update(loaded.display(catalogue_dir / relative)
                                 for relative, _ in REFERENCE_FILES.values())
        return loaded
    links = _layout_problems(loaded)
    for kind, (relative, schema) in REFERENCE_FILES.items():
        path = catalogue_dir / relative
        if path in links or any(parent in links for parent in path.parents):
            loaded.unreadable.add(loaded.display(path))
            continue
        if not path.is_file():
            loaded.problems.append(Problem(loaded.display(path), 0, 0, "",
                                           f"the file is missing (expected the {kind} data here)"))
            loaded.unreadable.add(loaded.display(path))
            continue
        located = _read(path, loaded, schema)
        if located is not None:
            loaded.reference[kind] = located
    folder = catalogue_dir / ENTERPRISES_DIR
    if folder in links:
        return loaded
    if not folder.is_dir():
        loaded.problems.append(Problem(loaded.display(folder), 0, 0, "",
                                       "the folder is missing (expected one <id>.yaml file per enterprise)"))
        return loaded
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path in links or path.is_dir():
            continue
        if path.suffix != ".yaml":
            loaded.problems.append(Problem(loaded.display(path), 0, 0, "",
                                           f"unexpected file name ending '{path.suffix}' "
                                           "(expected <id>.yaml; other files do not belong here)"))
            loaded.unreadable.add(loaded.display(path))
            continue
        located = _read(path, loaded, ENTERPRISE_SCHEMA)
        if located is not None:
            loaded.enterprises.append(located)
    return loaded
