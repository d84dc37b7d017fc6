"""Seal certificates into index entries: one entry per certificate, under its number and code.

`seal_certificates` seals an in-memory sequence; `seal_files` seals the checked certificate files of
a catalogue, in worker processes when there are many, and yields each file's entries as soon as
they are ready, so that no more than a few files' entries are held at once.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from generator.lookup import crypto
from generator.lookup.format import certificate_query, encode_record
from generator.model import Certificate, CertificateFile

PARALLEL_FROM = 50_000  # certificates; below this a worker pool costs more than it saves

Sealed = tuple[bytes, bytes]  # shard prefixes (array "I" bytes, native order), entries


def seal_certificates(certificates: Iterable[Certificate], secret: bytes, salt_bits: int) -> Sealed:
    """The shard prefix and the entry of every certificate, in order."""
    key = crypto.salt_key(secret)
    prefixes = array("I")
    entries = bytearray()
    for cert in certificates:
        q = certificate_query(cert)
        prefixes.append(crypto.shard_prefix(q))
        entries += crypto.seal(q, crypto.salt(key, q, salt_bits), encode_record(cert))
    return prefixes.tobytes(), bytes(entries)


# Worker processes are forked and read their arguments from here (copy-on-write); only the file
# index travels to a worker and only the sealed bytes travel back.
_JOB: dict[str, object] = {}


def _seal_file(index: int) -> tuple[int, Sealed]:
    from generator.certificates import iter_certificates

    files: Sequence[CertificateFile] = _JOB["files"]  # type: ignore[assignment]
    catalogue_dir: Path = _JOB["catalogue_dir"]  # type: ignore[assignment]
    certificates = iter_certificates(catalogue_dir, files[index])
    return index, seal_certificates(certificates, _JOB["secret"], _JOB["salt_bits"])  # type: ignore[arg-type]


def seal_files(catalogue_dir: Path, files: Sequence[CertificateFile], secret: bytes, salt_bits: int, *,
               workers: int | None = None) -> Iterator[tuple[int, Sealed]]:
    """(index into `files`, sealed entries) for every file, in no particular order."""
    if workers is None:
        certificates = sum(f.count for f in files)
        workers = min(2, os.cpu_count() or 1) if certificates >= PARALLEL_FROM else 1
    _JOB.update(files=files, catalogue_dir=catalogue_dir, secret=secret, salt_bits=salt_bits)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects, no cycles: the collector would only rescan them
    try:
        if workers > 1 and len(files) > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield from pool.imap_unordered(_seal_file, range(len(files)), chunksize=4)
        else:
            for index in range(len(files)):
                yield _seal_file(index)
    finally:
        _JOB.clear()
        if gc_was_enabled:
            gc.enable()
