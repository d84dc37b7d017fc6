"""Build the lookup index into the built site: seal every published certificate, lay the entries
out in shards (`generator.lookup.shards`). `generator.lookup.cached` wraps this with a cache."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.lookup.seal import Sealed, seal_certificates, seal_files
from generator.lookup.shards import LookupReport, ShardWriter, Store, UnitCache, public_tables, write_file
from generator.model import Catalogue, Certificate
from generator.settings import LookupSettings

CHUNK = 20_000  # certificates sealed at a time from an in-memory sequence


def write_index(sealed: Iterable[Sealed], catalogue: Catalogue, site_dir: Path, work: Path,
                lookup: LookupSettings, secret: bytes, store: Store = write_file,
                units: UnitCache | None = None) -> LookupReport:
    """Spill the sealed entries, then write shards, tables and manifest (`ShardWriter.finish`)."""
    writer = ShardWriter(work, lookup)
    try:
        start = time.perf_counter()
        for prefixes, entries in sealed:
            writer.add(prefixes, entries)
        sealing = time.perf_counter() - start
        report = writer.finish(site_dir, public_tables(catalogue), secret, store, units)
    finally:
        writer.close()
    report.seconds_sealing = sealing
    return report


def build_lookup_index(catalogue: Catalogue, catalogue_dir: Path, site_dir: Path, work: Path,
                       lookup: LookupSettings, secret: bytes) -> LookupReport:
    """Index every certificate of the catalogue's checked certificate files."""
    files = catalogue.certificate_files
    sealed = (result for _index, result in seal_files(catalogue_dir, files, secret, lookup.salt_bits))
    return write_index(sealed, catalogue, site_dir, work, lookup, secret)


def write_lookup_index(certificates: Iterable[Certificate], catalogue: Catalogue, site_dir: Path, work: Path,
                       lookup: LookupSettings, secret: bytes) -> LookupReport:
    """Index certificates held in memory (tests, benchmarks)."""

    def chunks() -> Iterator[Sealed]:
        batch: list[Certificate] = []
        for cert in certificates:
            batch.append(cert)
            if len(batch) == CHUNK:
                yield seal_certificates(batch, secret, lookup.salt_bits)
                batch = []
        if batch:
            yield seal_certificates(batch, secret, lookup.salt_bits)

    return write_index(chunks(), catalogue, site_dir, work, lookup, secret)
