"""A content-addressed cache of build results, so that a rebuild redoes only what changed.

An entry is stored under `<cache dir>/<kind>/<key[:2]>/<key>`, where the key is the SHA-256 of
everything the result depends on: the bytes of its input, the settings that shape it, and the
generator's own source code (a changed generator misses every entry; nothing stale survives an
upgrade). Entries are written to a temporary name and renamed into place, and never changed
afterwards; an unreadable entry counts as a miss. Deleting the cache folder is always safe.

What is cached (each keyed as described where it is used):

- `certificates`: the result of checking one certificate file (`generator.certificates.check`);
- `holders`, `holder-hashes`: the holder values of one certificate file, as text and hashed by
  shape, for the privacy scan (`generator.checks.pii_scan`); `holder-merged`: those of the last build
  merged, which the next build extends with its new files;
- `site-tokens`: the tokens of one built file, by its content (`generator.checks.tokens`), and the
  list of files that hold none;
- `public-names`: the name windows of all the public sources together, by their contents
  (`generator.checks.public_names`);
- `lookup-units`: one file of lookup shards, by its content (`generator.lookup.shards`);
- `lookup-layout`: which unit file the last build made for which real entries (`generator.lookup.cached`);
- `lookup-entries`: the sealed index entries of one certificate file (`generator.lookup.cached`);
- `certificate-counts`: the certificate counts of one certificate file, for the open-data
  statistics (`generator.opendata.tally`);
- `docs`, `open-data`: the rendered docs tree and the open-data summary of the catalogue part, for
  everything but the certificate files (`generator.build`): a new issuing batch reuses both;
- `site`: the engine's output with its search index, for one rendered docs tree (`generator.build`);
- `catalogue`: the model read from every catalogue file but the certificate files
  (`generator.load.catalogue`);
- `statistics-audit`: the plan of the statistics' suppression audit, for one catalogue (certificate
  files aside) and one set of published cells (`generator.opendata`);
- `file-digests`: the SHA-256 of each input file (catalogue, templates, hand-written pages) by its
  path and status, so that a rebuild does not read the whole catalogue to find the files that
  changed (`BuildCache.file_digest`).

Folders and blobs (`restore_tree`, `store_blob`) reach the staging site as hard links to the cached
files, so restoring thousands of files costs a directory entry each; the build never writes into a
file it did not create. Every build records which entries it used (`builds/<n>.used`), and entries
that none of the last KEEP_BUILDS builds used are removed (`prune`, also `skills-site cache`).

The cache holds holders' names and numbers in plain form, like the catalogue itself: it stays on
the build machine, is ignored by git and is never part of the published site.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_GENERATOR = Path(__file__).resolve().parent
_source_digest: str | None = None
KEEP_BUILDS = 3
BUILDS = "builds"
DIGESTS = "file-digests"  # SHA-256 of catalogue files by path and status (BuildCache.file_digest)
RACY_SECONDS = 2


def generator_digest() -> str:
    """SHA-256 of the generator's source files and word lists (path and bytes), once per process."""
    global _source_digest
    if _source_digest is None:
        digest = hashlib.sha256()
        for path in sorted([*_GENERATOR.rglob("*.py"), *_GENERATOR.rglob("*.yaml")]):
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
        self._root = str(self.root)
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}
        self._files: dict[tuple[str, int, int, int, int, int], str] = {}  # this run's digests
        self._memo: dict[tuple[str, int, int, int, int, int], str] | None = None  # the last build's
        self._stable: dict[tuple[str, int, int, int, int, int], str] = {}  # to keep for the next one
        self.used: set[str] = set()  # entries this run read or wrote, relative to the root

    def key(self, kind: str, *parts: bytes | str) -> str:
        return digest(kind, generator_digest(), *parts)

    def file_digest(self, path: Path) -> str:
        """SHA-256 of a file's bytes, remembered by path and status (size, modification and change
        times, inode), also for the next builds, the way git's index remembers a file: any write
        changes the change time, which no one but the system can set. A file changed less than
        RACY_SECONDS before it was read is hashed again next time (a write within the clock's
        resolution could otherwise go unseen)."""
        if self._memo is None:
            self._memo = self.load(DIGESTS, self.key(DIGESTS, "by path and status")) or {}
        stat = path.stat()
        marker = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
        known = self._files.get(marker) or self._memo.get(marker)
        if known is None:
            known = hashlib.sha256(path.read_bytes()).hexdigest()
            if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_SECONDS * 10**9:
                self._stable[marker] = known
        elif marker in self._memo:
            self._stable[marker] = known
        self._files[marker] = known
        return known

    def files_digest(self, *paths: Path) -> str:
        """SHA-256 of the regular files at or below the paths (relative path and contents, in a fixed
        order), each file's bytes by `file_digest`, so an unchanged file is not read again. Links and
        special files are left out and never followed: nothing outside the paths is read."""
        h = hashlib.sha256()
        for top in paths:
            h.update(b"\1" + top.name.encode() + b"\0")
            if top.is_symlink():
                continue
            if top.is_file():
                h.update(bytes.fromhex(self.file_digest(top)))
                continue
            for folder, dirs, names in os.walk(top):  # links to folders are listed, not entered
                dirs.sort()
                for name in sorted(names):
                    path = os.path.join(folder, name)
                    if os.path.islink(path) or not os.path.isfile(path):
                        continue
                    h.update(os.path.relpath(path, top).encode() + b"\0")
                    h.update(bytes.fromhex(self.file_digest(Path(path))))
        return h.hexdigest()

    def save_digests(self) -> None:
        """Keep the digests of the files this run read (and no others) for the next build."""
        if self._memo is not None and self._stable != self._memo:
            self.save(DIGESTS, self.key(DIGESTS, "by path and status"), self._stable)

    def _path(self, kind: str, key: str) -> Path:
        return Path(self._entry(kind, key))

    def _entry(self, kind: str, key: str) -> str:
        """The entry's path as text (tens of thousands per build: pathlib would cost a second)."""
        relative = f"{kind}/{key[:2]}/{key}"
        self.used.add(relative)
        return f"{self._root}/{relative}"

    def _count(self, kind: str, hit: bool) -> None:
        counts = self.hits if hit else self.misses
        counts[kind] = counts.get(kind, 0) + 1

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under the key, or None."""
        try:
            with open(self._entry(kind, key), "rb") as handle:
                value = pickle.loads(handle.read())
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
        """Put the folder stored under the key at `target` (replacing it); False when absent."""
        source = self._path(kind, key)
        if not source.is_dir():
            self._count(kind, False)
            return False
        if target.exists():
            shutil.rmtree(target)
        try:
            _link_tree(str(source), str(target))
        except (OSError, shutil.Error):  # removed by a prune running meanwhile: a miss after all
            shutil.rmtree(target, ignore_errors=True)
            self._count(kind, False)
            return False
        self._count(kind, True)
        return True

    def save_tree(self, kind: str, key: str, source: Path) -> None:
        target = self._path(kind, key)
        if target.is_dir():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=".tmp-"))
        try:
            shutil.copytree(source, temporary, dirs_exist_ok=True, copy_function=_link_or_copy)
            os.replace(temporary, target)
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)
            if not target.is_dir():
                raise

    def store_blob(self, kind: str, digest: str, data: bytes, target: Path) -> None:
        """Write `data`, whose SHA-256 is `digest`, to `target` by way of the cache: a blob stored
        before is linked; a new one is written to `target` and the cache keeps a link to it (one
        write: writing it into the cache's folders first costs several times as much)."""
        source = self._entry(kind, digest)
        if os.path.isfile(source):
            self._count(kind, True)
            try:
                _link_or_copy(source, str(target))
                return
            except OSError:  # removed by a prune running meanwhile
                pass
        else:
            self._count(kind, False)
        with open(target, "wb") as handle:
            handle.write(data)
        os.makedirs(os.path.dirname(source), exist_ok=True)
        try:
            os.link(target, source)
        except FileExistsError:  # another build stored the same bytes meanwhile
            pass
        except OSError:  # a file system without hard links: keep a copy
            fd, temporary = tempfile.mkstemp(dir=os.path.dirname(source), prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, source)

    def link_blob(self, kind: str, digest: str, target: str | Path) -> bool:
        """Link the blob stored under `digest` to `target`; False (a miss) when it is not kept."""
        try:
            os.link(self._entry(kind, digest), target)
        except FileNotFoundError:
            self._count(kind, False)
            return False
        except OSError:  # a file system without hard links
            try:
                shutil.copy2(self._entry(kind, digest), target)
            except FileNotFoundError:
                self._count(kind, False)
                return False
        self._count(kind, True)
        return True

    def record_build(self) -> Path:
        """Write the list of entries this run used, as the newest build's record (with the file
        digests to keep)."""
        self.save_digests()
        folder = self.root / BUILDS
        folder.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.stem) for p in folder.glob("*.used") if p.stem.isdigit()]
        record = folder / f"{max(numbers, default=0) + 1:06d}.used"
        record.write_text("".join(f"{entry}\n" for entry in sorted(self.used)), encoding="utf-8")
        return record

    def entries(self) -> list[tuple[str, Path]]:
        """Every (kind, entry path) in the cache."""
        out = []
        if not self.root.is_dir():
            return out
        kinds = sorted(p for p in self.root.iterdir() if p.is_dir() and p.name != BUILDS)
        for kind in kinds:
            out += [(kind.name, e) for e in sorted(kind.glob("*/*")) if not e.name.startswith(".")]
        return out

    def prune(self, keep: int = KEEP_BUILDS) -> tuple[int, int]:
        """Remove the entries that none of the last `keep` builds used and that are older than the
        newest build's record (a build running meanwhile keeps what it writes); return (entries,
        bytes) removed."""
        records = sorted((self.root / BUILDS).glob("*.used")) if (self.root / BUILDS).is_dir() else []
        if not records:
            return 0, 0
        for old in records[:-keep]:
            old.unlink()
        kept: set[str] = set()
        for record in records[-keep:]:
            kept.update(record.read_text(encoding="utf-8").split())
        # an entry written after the newest record may belong to a build running now: it stays
        newest = records[-1].stat().st_mtime
        removed = size = 0
        for _kind, entry in self.entries():
            if entry.relative_to(self.root).as_posix() in kept:
                continue
            try:
                if entry.lstat().st_mtime > newest:
                    continue
            except FileNotFoundError:
                continue
            size += _size(entry)
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
        return removed, size

    def prune_later(self, keep: int = KEEP_BUILDS) -> None:
        """`prune` in a separate process, so that walking the cache does not hold the build up."""
        import subprocess
        import sys

        # at the lowest priority: it must not slow down the next build
        script = ("import os, sys; os.nice(19); from generator.cache import BuildCache; "
                  "BuildCache(sys.argv[1]).prune(int(sys.argv[2]))")
        subprocess.Popen([sys.executable, "-c", script, str(self.root), str(keep)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stats(self) -> dict[str, tuple[int, int]]:
        """(entries, bytes) per kind."""
        out: dict[str, tuple[int, int]] = {}
        for kind, entry in self.entries():
            count, size = out.get(kind, (0, 0))
            out[kind] = (count + 1, size + _size(entry))
        return out

    def summary(self) -> str:
        kinds = sorted(set(self.hits) | set(self.misses))
        return ", ".join(f"{k} {self.hits.get(k, 0)} hit / {self.misses.get(k, 0)} missed" for k in kinds)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one (the cached file is never written again)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _link_tree(source: str, target: str) -> None:
    """`shutil.copytree(source, target, copy_function=_link_or_copy)` for a tree of plain files and
    folders, without copying each folder's times and modes (thousands of calls fewer)."""
    start = len(source)
    for folder, _dirs, names in os.walk(source):
        here = target + folder[start:]
        os.mkdir(here)
        for name in names:
            _link_or_copy(f"{folder}/{name}", f"{here}/{name}")


def _size(entry: Path) -> int:
    if entry.is_file():
        return entry.stat().st_size
    return sum(p.stat().st_size for p in entry.rglob("*") if p.is_file())


def site_key(cache: BuildCache, docs: str, engine: str = "mkdocs") -> str:
    """Key of the engine's output and its search index: the key of the rendered docs tree
    (`docs_key`, which covers the configuration and the templates), the engine, and the versions of
    the engine and Pagefind."""
    from importlib.metadata import PackageNotFoundError, version

    from generator.engine import engine_versions

    versions = [engine, engine_versions(engine)]
    for package in ("pagefind", "pagefind-bin-extended"):
        try:
            versions.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package}=none")
    return cache.key("site", docs, ";".join(versions))


def docs_key(cache: BuildCache, catalogue_dir: Path, root: Path, config: Path, edition: str) -> str:
    """Key of the rendered docs tree and the catalogue part of the open data: every catalogue file
    but the certificate files (which the pages never show), the hand-written pages, the templates,
    the lookup's browser modules, the configuration and the edition (date and commit)."""
    from generator.load.files import catalogue_inputs

    inputs = [*catalogue_inputs(catalogue_dir), root / "content", root / "site_templates", root / "lookup"]
    return cache.key("docs", cache.files_digest(*inputs), config.read_bytes(), edition)
