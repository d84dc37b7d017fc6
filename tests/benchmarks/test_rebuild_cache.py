"""The rebuild cache (generator.cache) gives exactly what a build without it gives: the same
certificate files and problems, the same holder values and a byte-identical lookup index, also
when a new file repeats a number that a cached file holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from benchmarks.data import add_batch
from generator.cache import BuildCache
from generator.checks.pii_scan import HolderValues, holder_value_sets, holder_values
from generator.load.catalogue import read_catalogue, read_with_problems
from generator.lookup.cached import build_lookup_index_cached
from generator.lookup.index import build_lookup_index
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SECRET = b"rebuild test secret (test data only)"


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", target)
    return target


def _tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def _index(catalogue_dir: Path, site: Path, cache: BuildCache | None) -> dict[str, bytes]:
    catalogue = read_catalogue(catalogue_dir, display_root=catalogue_dir.parent, cache=cache)
    lookup = load_settings(ROOT / "mkdocs.yml").lookup
    args = (catalogue, catalogue_dir, site, site.parent / f"{site.name}-work", lookup, SECRET)
    if cache is None:
        build_lookup_index(*args)
    else:
        build_lookup_index_cached(*args, cache)
    return _tree(site / "verify" / "data")


def test_a_cached_rebuild_after_a_new_batch_equals_a_build_without_cache(catalogue_dir: Path,
                                                                          tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    _index(catalogue_dir, tmp_path / "cold", cache)
    add_batch(catalogue_dir, 50)

    cache.hits.clear()
    cache.misses.clear()
    warm = _index(catalogue_dir, tmp_path / "warm", cache)
    plain = _index(catalogue_dir, tmp_path / "plain", None)

    assert warm == plain
    assert cache.misses["certificates"] == 1  # only the new file is checked again
    assert cache.misses["lookup-entries"] == 1  # and sealed again: no file's entries depend on another's
    catalogue = read_catalogue(catalogue_dir, display_root=catalogue_dir.parent)
    assert holder_values(catalogue, catalogue_dir, cache=cache) == holder_values(catalogue, catalogue_dir)
    merged = holder_value_sets(catalogue, catalogue_dir, cache=cache)
    whole = HolderValues.of(holder_values(catalogue, catalogue_dir))
    for kind in ("numbers", "ids", "codes", "names"):
        assert np.array_equal(getattr(merged, kind), getattr(whole, kind)), kind
    assert (merged.long_names, merged.others) == (whole.long_names, whole.others)


def test_a_number_repeated_in_a_new_file_is_reported_in_the_cached_file_too(catalogue_dir: Path,
                                                                             tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    read_catalogue(catalogue_dir, display_root=catalogue_dir.parent, cache=cache)
    new_file = add_batch(catalogue_dir, 20)
    old_file = sorted((catalogue_dir / "certificates").glob("*/*.yaml"))[0]
    taken = next(line for line in old_file.read_text(encoding="utf-8").splitlines()
                 if line.startswith("  - {")).split("number: ", 1)[1].split(",", 1)[0]
    text = new_file.read_text(encoding="utf-8")
    first = text.split("number: ", 1)[1].split(",", 1)[0]
    new_file.write_text(text.replace(first, taken, 1), encoding="utf-8")

    cached = read_with_problems(catalogue_dir, display_root=catalogue_dir.parent, cache=cache)
    plain = read_with_problems(catalogue_dir, display_root=catalogue_dir.parent)

    assert cached[1] == plain[1]
    assert {p.path for p in cached[1]} == {f"catalogue/{old_file.relative_to(catalogue_dir).as_posix()}",
                                           f"catalogue/{new_file.relative_to(catalogue_dir).as_posix()}"}
    assert [f.path for f in cached[0].certificate_files] == [f.path for f in plain[0].certificate_files]


def test_entries_no_recent_build_used_are_pruned(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.save("certificates", "a" * 64, 1)
    cache.save("certificates", "b" * 64, 2)
    cache.record_build()  # build 1 used a and b
    for _ in range(3):
        fresh = BuildCache(tmp_path / "cache")
        assert fresh.load("certificates", "a" * 64) == 1  # builds 2, 3, 4 use a only
        fresh.record_build()
        fresh.prune(keep=3)
    assert BuildCache(tmp_path / "cache").load("certificates", "b" * 64) is None
    later = BuildCache(tmp_path / "cache")
    assert later.load("certificates", "a" * 64) == 1
    assert later.stats()["certificates"][0] == 1
    assert len(list((tmp_path / "cache" / "builds").glob("*.used"))) == 3


def test_the_cache_command_shows_and_prunes(tmp_path: Path) -> None:
    import subprocess
    import sys

    cache = BuildCache(tmp_path / ".cache")
    cache.save("certificates", "c" * 64, 3)
    cache.record_build()
    BuildCache(tmp_path / ".cache").record_build()
    command = [str(Path(sys.executable).with_name("skills-site")), "cache", "--root", str(tmp_path)]
    shown = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "certificates" in shown.stdout and "2 build record(s)" in shown.stdout
    pruned = subprocess.run([*command, "--prune", "--keep", "1"], capture_output=True, text=True, check=True)
    assert pruned.stdout.startswith("已清理 1 项")
    assert "certificates" not in pruned.stdout.split("\n", 1)[1]


def test_a_prune_leaves_what_a_build_running_meanwhile_writes(tmp_path: Path) -> None:
    """A prune started by one build may still be walking the cache when the next build writes: what
    that build writes after the last record is not the prune's to remove."""
    import os
    import time

    cache = BuildCache(tmp_path / "cache")
    cache.save("certificates", "a" * 64, 1)
    record = cache.record_build()
    past = time.time() - 60
    os.utime(record, (past, past))  # the last build ended a minute ago
    running = BuildCache(tmp_path / "cache")
    running.save("certificates", "d" * 64, 4)  # written by a build not yet recorded
    BuildCache(tmp_path / "cache").prune(keep=3)
    assert BuildCache(tmp_path / "cache").load("certificates", "d" * 64) == 4
