"""The lookup index built with a cache: the sealed entries of an unchanged certificate file are reused.

The entries of one certificate file depend only on its bytes, the secret and the salt bits (every
certificate has its own query, so no file's entries depend on another's). They are stored per file
under a key of those three (`generator.cache`) and fed to the same writer as a fresh build, so the
output is byte for byte that of `index.build_lookup_index`. Unit files are stored by content too,
and known by the real entries they hold: a unit that a new batch did not touch is linked from the
cache instead of being made again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from generator.cache import BuildCache
from generator.lookup.index import write_index
from generator.lookup.seal import Sealed, seal_files
from generator.lookup.shards import LookupReport
from generator.model import Catalogue
from generator.settings import LookupSettings

KIND = "lookup-entries"
UNITS = "lookup-units"
LAYOUT = "lookup-layout"  # which unit holds which real entries (CachedUnits)


def build_lookup_index_cached(catalogue: Catalogue, catalogue_dir: Path, site_dir: Path, work: Path,
                              lookup: LookupSettings, secret: bytes, cache: BuildCache) -> LookupReport:
    files = catalogue.certificate_files
    secret_digest = hashlib.sha256(b"lookup build secret\0" + secret).hexdigest()
    keys = [cache.key(KIND, cache.file_digest(catalogue_dir / f.path), secret_digest, str(lookup.salt_bits))
            for f in files]

    def sealed() -> Iterator[Sealed]:
        missing = []
        for index, key in enumerate(keys):
            found = cache.load(KIND, key)
            if found is None:
                missing.append(index)
            else:
                yield found
        if missing:
            subset = [files[i] for i in missing]
            for position, result in seal_files(catalogue_dir, subset, secret, lookup.salt_bits):
                cache.save(KIND, keys[missing[position]], result)
                yield result

    def store(target: Path, data: bytes, digest: bytes) -> None:
        cache.store_blob(UNITS, digest.hex(), data, target)

    units = CachedUnits(cache)
    report = write_index(sealed(), catalogue, site_dir, work, lookup, secret, store, units)
    units.save()
    return report


class CachedUnits:
    """The units of the last build by the real entries they hold (one map, kept whole), and the
    unit files themselves as blobs of the cache: a unit that a new batch did not touch is linked
    without being padded, sorted or hashed again."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.key = cache.key(LAYOUT, "units by their real entries")
        self.before: dict[bytes, bytes] = cache.load(LAYOUT, self.key) or {}
        self.now: dict[bytes, bytes] = {}

    def known(self, key: bytes) -> bytes | None:
        return self.before.get(key)

    def link(self, target: str, digest: bytes) -> bool:
        return self.cache.link_blob(UNITS, digest.hex(), target)

    def remember(self, key: bytes, digest: bytes) -> None:
        self.now[key] = digest

    def save(self) -> None:
        if self.now != self.before:
            self.cache.save(LAYOUT, self.key, self.now)
