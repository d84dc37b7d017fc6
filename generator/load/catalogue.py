"""Read the catalogue: load every file, validate it, and assemble the model.

`read_catalogue` is the first step of every build; `check_catalogue` is the same run returning the
problems instead of raising. Certificate files are checked in the same run by
`generator.certificates.check_certificate_files` against the enterprises whose files are valid.

A problem in one file does not hide the checks of another: while a reference file has problems,
the certificates are still checked, against a catalogue that is never published, in which the
entries of that file are stand-ins (what depends on them is not judged). Messages that would only
repeat an earlier problem (certificates of an enterprise whose own file is broken) are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.certificates import check_certificate_files
from generator.ecert.keyring import check_keyring
from generator.errors import CatalogueError, Problem
from generator.inputs.refday import ReferenceDay, reference_day
from generator.load.assemble import assemble_enterprise, assemble_reference
from generator.load.files import (
    ENTERPRISE_SCHEMA,
    ENTERPRISES_DIR,
    REFERENCE_FILES,
    LoadedCatalogue,
    catalogue_inputs,
    layout_problems,
    load_catalogue_files,
)
from generator.model import Catalogue
from generator.validate import validate

if TYPE_CHECKING:
    from generator.cache import BuildCache

__all__ = ["CatalogueError", "check_catalogue", "read_catalogue", "read_with_problems"]


FRONT = "catalogue"  # cache kind of the model read from every file but the certificate files


def read_with_problems(catalogue_dir: Path, *, display_root: Path,
                       cache: BuildCache | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Every problem of the catalogue, and the model of what is valid in it.

    The model is None when the reference data or a schema has a problem (nothing can be trusted);
    otherwise it holds the enterprises whose files have no problem. With a cache, a model read
    without problems is kept under the bytes of every file but the certificate files, and taken
    again while they are unchanged (the layout is still checked on every run).
    """
    catalogue_dir = Path(catalogue_dir)
    display_root = Path(display_root)
    day = reference_day(catalogue_dir)
    # the key is taken only from a catalogue whose layout holds no link or stray entry
    clean = cache is not None and not layout_problems(catalogue_dir, display_root)
    key = _front_key(cache, catalogue_dir, display_root, day) if cache is not None and clean else ""
    catalogue = cache.load(FRONT, key) if cache is not None and clean else None
    if catalogue is not None:
        files, problems = check_certificate_files(catalogue, catalogue_dir, display_root, cache=cache,
                                                  day=day)
        catalogue.certificate_files = files
        problems += check_keyring(catalogue_dir, display_root)
        return catalogue, sorted(set(problems))
    loaded = load_catalogue_files(catalogue_dir, display_root, day=day)
    _reference, found = validate(loaded)
    problems = loaded.problems + found
    bad = {p.path for p in problems}
    catalogue = _assemble(loaded, bad, strict=True)
    if cache is not None and clean and catalogue is not None and not problems:
        cache.save(FRONT, key, catalogue)
    judged = catalogue or _assemble(loaded, bad, strict=False)
    if judged is not None:
        skipped = _skipped(loaded, judged)
        files, certificate_problems = check_certificate_files(judged, catalogue_dir, display_root,
                                                              cache=cache if catalogue else None,
                                                              day=loaded.day, skipped=frozenset(skipped))
        if catalogue is not None:
            catalogue.certificate_files = files
        problems += certificate_problems
    problems += check_keyring(catalogue_dir, display_root)
    return catalogue, sorted(set(problems))


def _front_key(cache: BuildCache, catalogue_dir: Path, display_root: Path, day: ReferenceDay) -> str:
    """Every file of the catalogue but the certificate files (path and bytes), where they are shown
    from, and the reference day."""
    inputs = cache.files_digest(*catalogue_inputs(catalogue_dir))
    return cache.key(FRONT, inputs, str(catalogue_dir.resolve()), str(display_root.resolve()), repr(day))


def check_catalogue(catalogue_dir: Path, *, display_root: Path) -> list[Problem]:
    """Every problem of the catalogue (enterprises, reference data, batches, certificate files)."""
    return read_with_problems(catalogue_dir, display_root=display_root)[1]


def read_catalogue(catalogue_dir: Path, *, display_root: Path, cache: BuildCache | None = None) -> Catalogue:
    """The validated catalogue; raises CatalogueError carrying every problem of the run."""
    catalogue, problems = read_with_problems(catalogue_dir, display_root=display_root, cache=cache)
    if problems or catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def _assemble(loaded: LoadedCatalogue, bad: set[str], *, strict: bool) -> Catalogue | None:
    """The model of the files without problems. `strict`: None unless every reference file and
    schema is without problems (a catalogue to publish); otherwise None only when enterprise files
    cannot be trusted (their schema has problems)."""
    schema_dir = loaded.display(loaded.catalogue_dir / "schemas") + "/"
    broken_schemas = {path.removeprefix(schema_dir) for path in bad if path.startswith(schema_dir)}
    good = {kind: f for kind, f in loaded.reference.items()
            if f.path not in bad and REFERENCE_FILES[kind][1] not in broken_schemas}
    if strict and (broken_schemas or len(good) != len(REFERENCE_FILES)):
        return None
    if ENTERPRISE_SCHEMA in broken_schemas:
        return None
    catalogue = assemble_reference(good)
    enterprises = [assemble_enterprise(f, catalogue) for f in loaded.enterprises if f.path not in bad]
    catalogue.enterprises = sorted(enterprises, key=lambda e: e.id)
    return catalogue


def _skipped(loaded: LoadedCatalogue, catalogue: Catalogue) -> set[str]:
    """Ids of enterprises left out for problems of their own file (read or not): their certificates
    are checked for their form only, and are fully checked once the enterprise file is fixed."""
    kept = {e.id for e in catalogue.enterprises}
    skipped: set[str] = set()
    for located in loaded.enterprises:
        data = located.data if isinstance(located.data, dict) else {}
        for name in (Path(located.path).stem, data.get("id")):
            if isinstance(name, str) and name not in kept:
                skipped.add(name)
    folder = loaded.display(loaded.catalogue_dir / ENTERPRISES_DIR) + "/"
    skipped.update(Path(path).stem for path in loaded.unreadable if path.startswith(folder))
    return skipped
