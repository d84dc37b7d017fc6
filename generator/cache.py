"""A content-addressed cache of build results, so that a rebuild redoes only what changed.

An entry is stored under `<cache dir>/<kind>/<key[:2]>/<key>`, where the key is the SHA-256 of
everything the result depends on: the bytes of its input, the settings that shape it, and the
generator's own source code (a changed generator misses every entry; nothing stale survives an
upgrade). Entries are written to a temporary name and renamed into place, and never changed
afterwards; an unreadable entry counts as a miss. Deleting the cache folder is always safe.

What is cached (each keyed as described where it is used):

- `certificates`: the result of checking one certificate file (`generator.certificates.check`);
- `holders`, `holder-shapes`: the holder values of one certificate file, as a list and sorted by
  shape, for the PII scan (`generator.checks.pii_scan`);
- `lookup-queries`, `lookup-entries`: the query digests and the sealed index entries of one
  certificate file (`generator.lookup.reuse`);
- `certificate-counts`: the certificates of one file counted by year, occupation, level and
  status, for the open data's statistics (`generator.opendata.tally`);
- `site`: the engine's output with its search index, for one rendered docs tree (`generator.build`).

The cache holds holders' names and numbers in plain form, like the catalogue itself: it stays on
the build machine, is ignored by git and is never part of the published site.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_GENERATOR = Path(__file__).resolve().parent
_source_digest: str | None = None


def generator_digest() -> str:
    """SHA-256 of the generator's source files (path and bytes), computed once per process."""
    global _source_digest
    if _source_digest is None:
        digest = hashlib.sha256()
        for path in sorted(_GENERATOR.rglob("*.py")):
            digest.update(path.relative_to(_GENERATOR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
        _source_digest = digest.hexdigest()
    return _source_digest


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def tree_digest(*folders: Path) -> str:
    """SHA-256 of the files below the folders: relative paths and contents, in a fixed order."""
    h = hashlib.sha256()
    for folder in folders:
        h.update(b"\1" + str(folder.name).encode())
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class BuildCache:
    """A cache folder; `hits` and `misses` count the lookups of this run, per kind."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}
        self._files: dict[tuple[str, int, int], str] = {}

    def key(self, kind: str, *parts: bytes | str) -> str:
        return digest(kind, generator_digest(), *parts)

    def file_digest(self, path: Path) -> str:
        """SHA-256 of a file's bytes, remembered for this run by path, size and modification time."""
        stat = path.stat()
        marker = (str(path), stat.st_size, stat.st_mtime_ns)
        known = self._files.get(marker)
        if known is None:
            known = self._files[marker] = hashlib.sha256(path.read_bytes()).hexdigest()
        return known

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def _count(self, kind: str, hit: bool) -> None:
        counts = self.hits if hit else self.misses
        counts[kind] = counts.get(kind, 0) + 1

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under the key, or None."""
        try:
            data = self._path(kind, key).read_bytes()
            value = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            self._count(kind, False)
            return None
        self._count(kind, True)
        return value

    def save(self, kind: str, key: str, value: Any) -> None:
        target = self._path(kind, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def reuse(self, kind: str, keys: list[str], compute: Callable[[list[int]], list[T]],
              keep: Callable[[T], bool] = lambda _value: True) -> list[T]:
        """One value per key: the stored one where there is one, else from `compute(indexes of the
        missing keys)` (called once, for all of them), stored when `keep(value)`."""
        values: list[Any] = [self.load(kind, key) for key in keys]
        missing = [i for i, value in enumerate(values) if value is None]
        if missing:
            for i, value in zip(missing, compute(missing), strict=True):
                values[i] = value
                if keep(value):
                    self.save(kind, keys[i], value)
        return values

    def restore_tree(self, kind: str, key: str, target: Path) -> bool:
        """Copy the folder stored under the key to `target` (replacing it); False when absent."""
        source = self._path(kind, key)
        if not source.is_dir():
            self._count(kind, False)
            return False
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)
        self._count(kind, True)
        return True

    def save_tree(self, kind: str, key: str, source: Path) -> None:
        target = self._path(kind, key)
        if target.is_dir():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=".tmp-"))
        try:
            shutil.copytree(source, temporary, dirs_exist_ok=True)
            os.replace(temporary, target)
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)
            if not target.is_dir():
                raise

    def summary(self) -> str:
        kinds = sorted(set(self.hits) | set(self.misses))
        return ", ".join(f"{k} {self.hits.get(k, 0)} hit / {self.misses.get(k, 0)} missed" for k in kinds)


def site_key(cache: BuildCache, docs: Path, config: Path, templates: Path) -> str:
    """Key of the engine's output and its search index: the rendered docs tree, the engine
    configuration, the templates and theme overrides, and the versions of the engine and Pagefind."""
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("mkdocs", "mkdocs-material", "pagefind", "pagefind-bin-extended"):
        try:
            versions.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package}=none")
    return cache.key("site", tree_digest(docs, templates), config.read_bytes(), ";".join(versions))
