"""What the build cache may reuse, and what it must still look at: a model read from the catalogue
is taken again only while every file but the certificate files is unchanged, the layout is checked
on every run, and a file's remembered digest is trusted only when the file had not changed just
before it was read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cache import BuildCache
from generator.load.catalogue import read_with_problems
from generator.load.files import display_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue"))


def read(catalogue: Path, cache: BuildCache | None) -> list[str]:
    model, problems = read_with_problems(catalogue, display_root=catalogue.parent, cache=cache)
    return [str(p) for p in problems] if problems else ["ok" if model is not None else "no model"]


def test_a_cached_model_is_not_taken_once_an_enterprise_file_changed(catalogue: Path) -> None:
    cache = BuildCache(catalogue.parent / "cache")
    assert read(catalogue, cache) == ["ok"]
    assert read(catalogue, cache) == ["ok"] and cache.hits.get("catalogue") == 1
    entry = catalogue / "enterprises" / "baicheng-heyuan-grain-oil.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("credit_code: ", "credit_code: X"),
                     encoding="utf-8")
    with_cache = read(catalogue, cache)
    assert with_cache == read(catalogue, None)
    assert any("credit_code" in line for line in with_cache), with_cache


def test_a_link_put_among_the_certificates_after_a_cached_read_is_still_reported(catalogue: Path) -> None:
    cache = BuildCache(catalogue.parent / "cache")
    assert read(catalogue, cache) == ["ok"]
    folder = next(p for p in sorted((catalogue / "certificates").iterdir()) if p.is_dir())
    link = folder / "2099-01.yaml"
    os.symlink(next(folder.glob("*.yaml")), link)
    problems = read(catalogue, cache)
    assert problems == read(catalogue, None)
    assert any(display_path(link, catalogue.parent) in line for line in problems), problems


def test_a_digest_is_remembered_only_for_a_file_that_had_settled(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "batch.yaml"
    path.write_text("aaaa\n", encoding="utf-8")
    cache = BuildCache(tmp_path / "cache")
    first = cache.file_digest(path)
    cache.record_build()
    path.write_text("bbbb\n", encoding="utf-8")  # the same size, at once: not trusted, read again
    assert BuildCache(tmp_path / "cache").file_digest(path) != first

    monkeypatch.setattr("generator.cache.RACY_SECONDS", -1)  # as if it had been written long ago
    cache = BuildCache(tmp_path / "cache")
    second = cache.file_digest(path)
    cache.record_build()

    reading = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self == path:
            raise AssertionError(f"{self} was read again")
        return reading(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    assert BuildCache(tmp_path / "cache").file_digest(path) == second


def test_a_cached_read_follows_no_link_in_the_catalogue(catalogue: Path, tmp_path: Path) -> None:
    """The cache's key is taken from the files themselves: a folder linked to the whole file system,
    or a hidden link to an endless device, is reported (or left alone), never read."""
    cache = BuildCache(tmp_path / "cache")
    assert read(catalogue, cache) == ["ok"]
    os.symlink("/dev/zero", catalogue / "enterprises" / ".endless")
    os.symlink("/", catalogue / "reference" / ".everything")
    assert read(catalogue, cache) == read(catalogue, None) == ["ok"]  # hidden entries are not the catalogue's
    shutil.move(catalogue / "schemas", tmp_path / "schemas")
    os.symlink("/", catalogue / "schemas")
    problems = read(catalogue, cache)
    assert problems == read(catalogue, None)
    assert any("catalogue/schemas" in line and "link" in line for line in problems), problems
