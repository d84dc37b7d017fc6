"""Read the catalogue: load every file, validate it, and assemble the model.

`read_catalogue` is the first step of every build; `check_catalogue` is the same run returning the
problems instead of raising. Certificate files are checked in the same run by
`generator.certificates.check_certificate_files` against the enterprises whose files are valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.certificates import check_certificate_files
from generator.ecert.keyring import check_keyring
from generator.errors import CatalogueError, Problem
from generator.load.assemble import assemble_enterprise, assemble_reference
from generator.load.files import REFERENCE_FILES, LoadedCatalogue, load_catalogue_files
from generator.model import Catalogue
from generator.validate import validate

if TYPE_CHECKING:
    from generator.cache import BuildCache

__all__ = ["CatalogueError", "check_catalogue", "read_catalogue", "read_with_problems"]


def read_with_problems(catalogue_dir: Path, *, display_root: Path,
                       cache: BuildCache | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Every problem of the catalogue, and the model of what is valid in it.

    The model is None when the reference data or a schema has a problem (nothing can be trusted);
    otherwise it holds the enterprises whose files have no problem.
    """
    catalogue_dir = Path(catalogue_dir)
    display_root = Path(display_root)
    loaded = load_catalogue_files(catalogue_dir, display_root)
    _reference, found = validate(loaded)
    problems = loaded.problems + found + check_keyring(catalogue_dir, display_root)
    catalogue = _assemble(loaded, {p.path for p in problems})
    if catalogue is not None:
        files, certificate_problems = check_certificate_files(catalogue, catalogue_dir, display_root,
                                                              cache=cache)
        catalogue.certificate_files = files
        problems += _without_skipped(certificate_problems, loaded, catalogue)
    return catalogue, sorted(set(problems))


def check_catalogue(catalogue_dir: Path, *, display_root: Path) -> list[Problem]:
    """Every problem of the catalogue (enterprises, reference data, batches, certificate files)."""
    return read_with_problems(catalogue_dir, display_root=display_root)[1]


def read_catalogue(catalogue_dir: Path, *, display_root: Path, cache: BuildCache | None = None) -> Catalogue:
    """The validated catalogue; raises CatalogueError carrying every problem of the run."""
    catalogue, problems = read_with_problems(catalogue_dir, display_root=display_root, cache=cache)
    if problems or catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def _assemble(loaded: LoadedCatalogue, bad: set[str]) -> Catalogue | None:
    schema_dir = loaded.display(loaded.catalogue_dir / "schemas") + "/"
    if any(path.startswith(schema_dir) for path in bad):
        return None
    if len(loaded.reference) != len(REFERENCE_FILES) or any(f.path in bad for f in loaded.reference.values()):
        return None
    catalogue = assemble_reference(loaded.reference)
    enterprises = [assemble_enterprise(f, catalogue) for f in loaded.enterprises if f.path not in bad]
    catalogue.enterprises = sorted(enterprises, key=lambda e: e.id)
    return catalogue


def _without_skipped(problems: list[Problem], loaded: LoadedCatalogue, catalogue: Catalogue) -> list[Problem]:
    """Drop certificate problems of enterprises left out for their own problems: they are reported
    once the enterprise file is fixed, instead of as a flood of follow-on messages."""
    kept = {e.id for e in catalogue.enterprises}
    skipped: set[str] = set()
    for located in loaded.enterprises:
        data = located.data if isinstance(located.data, dict) else {}
        for name in (Path(located.path).stem, data.get("id")):
            if isinstance(name, str) and name not in kept:
                skipped.add(name)
    base = loaded.display(loaded.catalogue_dir / "certificates")
    prefixes = tuple(f"{base}/{name}/" for name in skipped)
    return [p for p in problems if not (prefixes and p.path.startswith(prefixes))]
