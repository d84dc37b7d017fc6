"""Build the encrypted, sharded lookup index into the built site.

Layout (relative to the site root):

    verify/data/manifest.json                      format, version, parameters, path of the data
    verify/data/v1/<content hash>/<prefix>.bin     one shard per hex prefix; every shard the same size
    verify/data/v1/<content hash>/tables.json      public code tables (enterprises, occupations, …)

A shard holds the entries whose query hashes to its prefix, plus dummy entries up to the size of
the fullest shard, sorted by their first bytes so that real and dummy entries interleave.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import multiprocessing
import os
import shutil
import time
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import BuildError
from generator.lookup import crypto
from generator.lookup.format import (
    ENTRY_SIZE,
    FORMAT,
    FORMAT_VERSION,
    RECORD_SIZE,
    certificate_queries,
    encode_record,
)
from generator.model import Catalogue, Certificate
from generator.settings import LookupSettings, Settings

if TYPE_CHECKING:
    from generator.cache import BuildCache

MAX_SHARD_BITS = 20
PARALLEL_FROM = 50_000  # certificates; below this a worker pool costs more than it saves
_CHUNK = 20_000


@dataclass
class LookupReport:
    records: int = 0
    entries: int = 0
    shard_bits: int = 0
    shards: int = 0
    entries_per_shard: int = 0
    shard_bytes: int = 0
    path: str = ""
    seconds_sealing: float = 0.0
    warnings: list[str] = field(default_factory=list)


Job = tuple[bytes, int, bytes]  # query bytes, index among records sharing that query, record


def build_lookup_index(catalogue: Catalogue, catalogue_dir: Path, site_dir: Path,
                       settings: Settings, *, cache: BuildCache | None = None) -> LookupReport:
    """Index every published certificate of the catalogue into `site_dir/verify/data/`.
    With a cache, the sealed entries of an unchanged certificate file are reused."""
    from generator.certificates import iter_certificates

    if cache is not None:
        from generator.lookup.reuse import write_lookup_index_cached

        return write_lookup_index_cached(catalogue, catalogue_dir, site_dir, settings.lookup, cache)

    def certificates() -> Iterator[Certificate]:
        for certificate_file in catalogue.certificate_files:
            yield from iter_certificates(catalogue_dir, certificate_file)

    return write_lookup_index(certificates(), catalogue, site_dir, settings.lookup)


def write_lookup_index(certificates: Iterable[Certificate], catalogue: Catalogue, site_dir: Path,
                       lookup: LookupSettings, *, secret: bytes | None = None,
                       workers: int | None = None) -> LookupReport:
    """Seal every certificate under both of its queries and write the shards, tables and manifest."""
    report = LookupReport()
    if secret is None:
        secret, warning = crypto.build_secret(lookup.secret_env)
        if warning:
            report.warnings.append(warning)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles: the collector would only rescan them
    try:
        start = time.perf_counter()
        prefixes, entries = _seal_all(list(certificates), secret, lookup.salt_bits, workers, report)
        report.seconds_sealing = time.perf_counter() - start
    finally:
        if gc_was_enabled:
            gc.enable()
    write_sealed(prefixes, entries, catalogue, site_dir, lookup, secret, report)
    return report


def write_sealed(prefixes: array, entries: bytes, catalogue: Catalogue, site_dir: Path,
                 lookup: LookupSettings, secret: bytes, report: LookupReport) -> None:
    """Write the shards, tables and manifest for sealed entries (in any order)."""
    report.entries = len(prefixes)
    bits, per_shard = choose_shard_bits(prefixes, lookup)
    shards = _fill_shards(prefixes, entries, bits, per_shard, secret)
    tables = json.dumps(public_tables(catalogue), ensure_ascii=False, sort_keys=True,
                        separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(tables)
    for shard in shards:
        digest.update(shard)
    rel = f"v{FORMAT_VERSION}/{digest.hexdigest()[:16]}/"

    data_dir = site_dir / "verify" / "data"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    out = data_dir / rel
    out.mkdir(parents=True)
    digits = hex_digits(bits)
    for number, shard in enumerate(shards):
        (out / f"{number:0{digits}x}.bin").write_bytes(shard)
    (out / "tables.json").write_bytes(tables)
    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION, "shard_bits": bits, "salt_bits": lookup.salt_bits,
        "entry_size": ENTRY_SIZE, "record_size": RECORD_SIZE, "entries_per_shard": per_shard,
        "path": rel, "tables": rel + "tables.json",
    }
    (data_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    report.shard_bits, report.shards = bits, len(shards)
    report.entries_per_shard, report.shard_bytes = per_shard, per_shard * ENTRY_SIZE
    report.path = "verify/data/" + rel


def hex_digits(bits: int) -> int:
    return (bits + 3) // 4


# Worker processes are forked and read their share of the work from here (copy-on-write), so the
# certificates are never pickled; only the small results travel back.
_SHARED: dict[str, object] = {}


def _queries(span: tuple[int, int]) -> list[tuple[bytes, bytes, bytes]]:
    certs: list[Certificate] = _SHARED["certificates"]  # type: ignore[assignment]
    out = []
    for cert in certs[span[0]:span[1]]:
        q_number, q_id = certificate_queries(cert)
        out.append((q_number, q_id, encode_record(cert)))
    return out


def _seal(span: tuple[int, int]) -> tuple[bytes, bytes]:
    jobs: list[Job] = _SHARED["jobs"]  # type: ignore[assignment]
    secret: bytes = _SHARED["secret"]  # type: ignore[assignment]
    salt_bits: int = _SHARED["salt_bits"]  # type: ignore[assignment]
    prefixes = array("I")
    out = bytearray()
    for q, index, record in jobs[span[0]:span[1]]:
        salt = crypto.salts(secret, q, index + 1, salt_bits)[index]
        prefixes.append(crypto.shard_prefix(q))
        out += crypto.seal(crypto.query_block(q), salt, record)
    return prefixes.tobytes(), bytes(out)


def _run(function, total: int, workers: int) -> list:  # type: ignore[no-untyped-def]
    spans = [(i, min(i + _CHUNK, total)) for i in range(0, total, _CHUNK)]
    if workers > 1 and len(spans) > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(function, spans)
    return [function(span) for span in spans]


def _seal_all(certificates: list[Certificate], secret: bytes, salt_bits: int, workers: int | None,
              report: LookupReport) -> tuple[array, bytes]:
    report.records = len(certificates)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(certificates) >= PARALLEL_FROM else 1
    try:
        _SHARED["certificates"] = certificates
        triples = [t for part in _run(_queries, len(certificates), workers) for t in part]
        seen: Counter[bytes] = Counter()
        jobs: list[Job] = []
        for q_number, q_id, record in triples:
            for q in (q_number, q_id):
                jobs.append((q, seen[q], record))  # records sharing a query get distinct salts
                seen[q] += 1
        del triples, seen
        _SHARED.update(jobs=jobs, secret=secret, salt_bits=salt_bits)
        prefixes = array("I")
        entries = bytearray()
        for prefix_bytes, entry_bytes in _run(_seal, len(jobs), workers):
            prefixes.frombytes(prefix_bytes)
            entries += entry_bytes
    finally:
        _SHARED.clear()
    return prefixes, bytes(entries)


def choose_shard_bits(prefixes: array, lookup: LookupSettings) -> tuple[int, int]:
    """Smallest shard_bits ≥ min_shard_bits whose fullest shard fits shard_target_bytes."""
    # the fullest shard holds at least the average: start where the average fits
    fits = max(lookup.shard_target_bytes // ENTRY_SIZE, 1)
    start = max(lookup.min_shard_bits, math.ceil(math.log2(max(len(prefixes) / fits, 1))))
    for bits in range(start, MAX_SHARD_BITS + 1):
        shift = 32 - bits
        fullest = max(Counter(p >> shift for p in prefixes).values(), default=0)
        per_shard = max(fullest, 1)
        if per_shard * ENTRY_SIZE <= lookup.shard_target_bytes:
            return bits, per_shard
    raise BuildError(f"lookup index: {len(prefixes)} entries do not fit shards of "
                     f"{lookup.shard_target_bytes} bytes with at most {MAX_SHARD_BITS} shard bits")


def _fill_shards(prefixes: array, entries: bytes, bits: int, per_shard: int, secret: bytes) -> list[bytes]:
    buckets: list[list[bytes]] = [[] for _ in range(1 << bits)]
    shift = 32 - bits
    for i, prefix in enumerate(prefixes):
        buckets[prefix >> shift].append(entries[i * ENTRY_SIZE:(i + 1) * ENTRY_SIZE])
    missing = per_shard * len(buckets) - len(prefixes)
    pad = crypto.filler(secret, missing * ENTRY_SIZE)
    offset = 0
    shards = []
    for bucket in buckets:
        for _ in range(per_shard - len(bucket)):
            bucket.append(pad[offset:offset + ENTRY_SIZE])
            offset += ENTRY_SIZE
        bucket.sort()
        shards.append(b"".join(bucket))
    return shards


def public_tables(catalogue: Catalogue) -> dict[str, object]:
    """Code tables the page needs to show a match; public catalogue data, no personal data."""
    return {
        "enterprises": {e.evaluation_code: {"id": e.id, "name": e.name} for e in catalogue.enterprises},
        "occupations": {code: o.name for code, o in catalogue.occupations.items()},
        "levels": {str(code): {"name": lv.name, "title": lv.title} for code, lv in catalogue.levels.items()},
        "revocation_reasons": {str(code): r.text for code, r in catalogue.revocation_reasons.items()},
    }
