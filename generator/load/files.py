"""Read every catalogue file (reference data, batches, enterprises) with positions.

A file that cannot be read as YAML becomes one located problem; the other files are still read,
so that one run reports every problem of the catalogue.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
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


def display_path(path: Path, display_root: Path) -> str:
    """The path shown in messages: relative to `display_root` when inside it, always with `/`."""
    try:
        return path.resolve().relative_to(display_root.resolve()).as_posix()
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
        located = load_located(path, display)
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


def load_catalogue_files(catalogue_dir: Path, display_root: Path) -> LoadedCatalogue:
    """Read reference data, batches and every `enterprises/*.yaml` file of `catalogue_dir`."""
    loaded = LoadedCatalogue(catalogue_dir, display_root)
    for kind, (relative, schema) in REFERENCE_FILES.items():
        path = catalogue_dir / relative
        if not path.is_file():
            loaded.problems.append(Problem(loaded.display(path), 0, 0, "",
                                           f"the file is missing (expected the {kind} data here)"))
            loaded.unreadable.add(loaded.display(path))
            continue
        located = _read(path, loaded, schema)
        if located is not None:
            loaded.reference[kind] = located
    folder = catalogue_dir / ENTERPRISES_DIR
    if not folder.is_dir():
        loaded.problems.append(Problem(loaded.display(folder), 0, 0, "",
                                       "the folder is missing (expected one <id>.yaml file per enterprise)"))
        return loaded
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".yaml":
            loaded.problems.append(Problem(loaded.display(path), 0, 0, "",
                                           f"unexpected file name ending '{path.suffix}' "
                                           "(expected <id>.yaml; other files do not belong here)"))
            continue
        located = _read(path, loaded, ENTERPRISE_SCHEMA)
        if located is not None:
            loaded.enterprises.append(located)
    return loaded
