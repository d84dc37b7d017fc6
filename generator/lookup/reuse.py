"""The lookup index built with a cache: the sealed entries of an unchanged certificate file are reused.

The entries of one file depend on its bytes, the build secret, the salt bits, and — because records
sharing a query get distinct salts, counted in catalogue order — on how many records of earlier
files share each of its ID-number queries. Entries are cached per file under a key made of all of
these. The ID-number queries of each file are cached too (as 16-byte digests), so that the counts
can be made without reading unchanged files again. The output is byte for byte the output of
`write_lookup_index` on the same certificates.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from array import array
from collections import Counter
from pathlib import Path

from generator.cache import BuildCache
from generator.lookup import crypto, index
from generator.lookup.format import ENTRY_SIZE
from generator.model import Catalogue, CertificateFile
from generator.settings import LookupSettings

Triple = tuple[bytes, bytes, bytes]  # number query, ID query, record
PREFIX_SIZE = array("I").itemsize


def _short(query: bytes) -> bytes:
    return hashlib.sha256(query).digest()[:16]


def _workers(records: int) -> int:
    return min(2, os.cpu_count() or 1) if records >= index.PARALLEL_FROM else 1


def _triples(catalogue_dir: Path, files: list[CertificateFile]) -> list[list[Triple]]:
    """The queries and record of every certificate of the files, one list per file."""
    from generator.certificates import iter_certificates

    certificates = [c for f in files for c in iter_certificates(catalogue_dir, f)]
    try:
        index._SHARED["certificates"] = certificates
        flat = [t for part in index._run(index._queries, len(certificates), _workers(len(certificates)))
                for t in part]
    finally:
        index._SHARED.clear()
    out, start = [], 0
    for f in files:
        out.append(flat[start:start + f.count])
        start += f.count
    return out


def _seal_files(triples: list[list[Triple]], offsets: list[dict[bytes, int]], secret: bytes,
                salt_bits: int) -> list[tuple[bytes, bytes]]:
    """(prefixes, entries) of each file, its ID queries counted on from `offsets`."""
    jobs: list[index.Job] = []
    for file_triples, before in zip(triples, offsets, strict=True):
        local: Counter[bytes] = Counter()
        for q_number, q_id, record in file_triples:
            short = _short(q_id)
            jobs.append((q_number, 0, record))  # numbers are unique in the catalogue
            jobs.append((q_id, before.get(short, 0) + local[short], record))
            local[short] += 1
    try:
        index._SHARED.update(jobs=jobs, secret=secret, salt_bits=salt_bits)
        parts = index._run(index._seal, len(jobs), _workers(len(jobs) // 2))
    finally:
        index._SHARED.clear()
    prefixes = b"".join(p for p, _e in parts)
    entries = b"".join(e for _p, e in parts)
    out, start = [], 0
    for file_triples in triples:
        end = start + 2 * len(file_triples)
        out.append((prefixes[start * PREFIX_SIZE:end * PREFIX_SIZE],
                    entries[start * ENTRY_SIZE:end * ENTRY_SIZE]))
        start = end
    return out


def write_lookup_index_cached(catalogue: Catalogue, catalogue_dir: Path, site_dir: Path,
                              lookup: LookupSettings, cache: BuildCache) -> index.LookupReport:
    report = index.LookupReport()
    secret, warning = crypto.build_secret(lookup.secret_env)
    if warning:
        report.warnings.append(warning)
    files = catalogue.certificate_files
    digests = [cache.file_digest(catalogue_dir / f.path) for f in files]
    computed: dict[int, list[Triple]] = {}

    def queries(missing: list[int]) -> list[list[bytes]]:
        made = _triples(catalogue_dir, [files[i] for i in missing])
        computed.update(zip(missing, made, strict=True))
        return [[_short(q_id) for _n, q_id, _r in triples] for triples in made]

    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles
    try:
        start = time.perf_counter()
        ids = cache.reuse("lookup-queries", [cache.key("lookup-queries", d) for d in digests], queries)
        seen: Counter[bytes] = Counter()
        offsets: list[dict[bytes, int]] = []
        keys: list[str] = []
        secret_digest = hashlib.sha256(b"lookup build secret\0" + secret).hexdigest()
        for file_digest, file_ids in zip(digests, ids, strict=True):
            before = {q: seen[q] for q in set(file_ids) if q in seen}
            offsets.append(before)
            keys.append(cache.key("lookup-entries", file_digest, secret_digest, str(lookup.salt_bits),
                                  repr(sorted(before.items()))))
            seen.update(file_ids)

        def seal(missing: list[int]) -> list[tuple[bytes, bytes]]:
            absent = [i for i in missing if i not in computed]
            computed.update(zip(absent, _triples(catalogue_dir, [files[i] for i in absent]), strict=True))
            return _seal_files([computed[i] for i in missing], [offsets[i] for i in missing], secret,
                               lookup.salt_bits)

        sealed = cache.reuse("lookup-entries", keys, seal)
        prefixes = array("I")
        entries = bytearray()
        for prefix_bytes, entry_bytes in sealed:
            prefixes.frombytes(prefix_bytes)
            entries += entry_bytes
        report.records = sum(f.count for f in files)
        report.seconds_sealing = time.perf_counter() - start
    finally:
        if gc_was_enabled:
            gc.enable()
    index.write_sealed(prefixes, bytes(entries), catalogue, site_dir, lookup, secret, report)
    return report
