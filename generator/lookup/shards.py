"""Lay sealed entries out as equal-size shards in content-addressed files.

Layout (relative to the site root; h = first 8 hex digits of the file's SHA-256):

    verify/data/manifest.json               format, version, parameters, names of the group tables
    verify/data/v2/tables-<h>.json          public code tables (enterprises, occupations, …)
    verify/data/v2/groups/<g>-<h>.bin       for UNITS_PER_GROUP consecutive units: 4 bytes of each
                                            unit file's hash, so the browser can name the file
    verify/data/v2/units/<u>-<h>.bin        one unit: `shards_per_unit` consecutive shards

A shard holds the entries whose query hashes to it, plus padding entries up to a fixed capacity
(shard_target_bytes // ENTRY_SIZE), sorted by their bytes so that real and padding entries
interleave. The padding of a shard is derived from the secret and the shard's own number, so a
shard's bytes depend only on the entries that hash into it: a new batch of certificates changes
the units it touches (and the group tables and manifest naming them), and no other file.

While the shards fit in `max_unit_files` files, every shard is a unit of its own. Above that,
`pack_shards` consecutive shards are packed into one unit and the browser reads its shard with an
HTTP Range request (reading the whole unit where a host ignores Range).

Entries arrive in any order and, beyond IN_MEMORY_ENTRIES, are spilled to 256 temporary files by
the first byte of their shard prefix; the shards are then made one spill file at a time, so memory
stays bounded by a 256th of the index however many certificates there are.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from generator.errors import BuildError
from generator.lookup import crypto
from generator.lookup.format import ENTRY_SIZE, FORMAT, FORMAT_VERSION, RECORD_SIZE
from generator.settings import LookupSettings

MAX_SHARD_BITS = 20
SPILL_BITS = 8  # also the least number of shard bits
HISTOGRAM_BITS = MAX_SHARD_BITS
UNITS_PER_GROUP = 128
HASH_BYTES = 4
FLUSH_ENTRIES = 500_000  # entries held before a round of spill writes (about 30 MB)
IN_MEMORY_ENTRIES = 2_000_000  # up to this many entries (about 120 MB) are never spilled


@dataclass
class LookupReport:
    records: int = 0
    shard_bits: int = 0
    shards: int = 0
    entries_per_shard: int = 0
    shard_bytes: int = 0
    shards_per_unit: int = 1
    units: int = 0
    groups: int = 0
    path: str = ""
    seconds_sealing: float = 0.0
    warnings: list[str] = field(default_factory=list)
    # the SHA-256 of each unit file, by path: the privacy scan need not read them again to name them
    digests: dict[str, str] = field(default_factory=dict, repr=False, compare=False)


def capacity(lookup: LookupSettings) -> int:
    """Entries per shard: as many as fit the target size."""
    return max(lookup.shard_target_bytes // ENTRY_SIZE, 1)


def hex_digits(bits: int) -> int:
    return (bits + 3) // 4


def short_hash(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:HASH_BYTES]


Store = Callable[[Path, bytes, bytes], None]  # (target, data, its SHA-256): put a file in place


def write_file(target: Path, data: bytes, _digest: bytes) -> None:
    target.write_bytes(data)


# A spilled entry: its shard prefix (big-endian, so that sorting the bytes sorts by prefix) and the entry.
SPILLED = np.dtype([("prefix", ">u4"), ("entry", f"V{ENTRY_SIZE}")])


class ShardWriter:
    """Collects sealed entries (in memory up to IN_MEMORY_ENTRIES, in spill files beyond), then
    writes the index (`finish`)."""

    def __init__(self, work: Path, lookup: LookupSettings) -> None:
        if lookup.min_shard_bits < SPILL_BITS:
            raise BuildError(f"extra.lookup.min_shard_bits is {lookup.min_shard_bits} "
                             f"(expected at least {SPILL_BITS})")
        packs = lookup.pack_shards
        if packs < 1 or packs & (packs - 1):
            raise BuildError(f"extra.lookup.pack_shards is {packs} (expected a power of two)")
        work.mkdir(parents=True, exist_ok=True)
        self._work = work
        self._dir: Path | None = None  # the spill files' folder, once the entries outgrow memory
        self._spills: list = []
        # below IN_MEMORY_ENTRIES: the entries sorted by spill number, and where each number starts and ends
        self._memory: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.histogram = np.zeros(1 << HISTOGRAM_BITS, dtype=np.int64)
        self.lookup = lookup
        self.records = 0
        self._pending: list[tuple[np.ndarray, bytes]] = []
        self._pending_count = 0

    def add(self, prefixes: bytes, entries: bytes) -> None:
        """Take one batch of sealed entries (prefixes as array "I" bytes, entries back to back); they
        are spilled in rounds of FLUSH_ENTRIES, so that each spill file gets few large writes."""
        values = np.frombuffer(prefixes, dtype=np.uint32)
        if len(values) * ENTRY_SIZE != len(entries):
            raise ValueError("prefixes and entries do not match")
        if not len(values):
            return
        self._pending.append((values, entries))
        self._pending_count += len(values)
        self.records += len(values)
        spilling = self._dir is not None or self.records > IN_MEMORY_ENTRIES
        if spilling and self._pending_count >= FLUSH_ENTRIES:
            self._flush()

    def _flush(self, to_disk: bool = True) -> None:
        """Sort the pending entries by spill number and write them to the spill files (or, when
        `to_disk` is false, keep them so for `finish`)."""
        if not self._pending:
            return
        values = np.concatenate([v for v, _e in self._pending])
        entries = b"".join(e for _v, e in self._pending)
        self._pending, self._pending_count = [], 0
        self.histogram += np.bincount(values >> (32 - HISTOGRAM_BITS), minlength=1 << HISTOGRAM_BITS)
        batch = np.empty(len(values), dtype=SPILLED)
        batch["prefix"] = values
        batch["entry"] = np.frombuffer(entries, dtype=f"V{ENTRY_SIZE}")
        spill = (values >> (32 - SPILL_BITS)).astype(np.uint8)  # a byte: numpy sorts it by radix
        order = np.argsort(spill, kind="stable")
        batch, spill = batch[order], spill[order]
        starts = np.searchsorted(spill, np.arange(1 << SPILL_BITS))
        ends = np.append(starts[1:], len(spill))
        if not to_disk:
            self._memory = (batch, starts, ends)
            return
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(dir=self._work, prefix="lookup-spill-"))
            self._spills = [open(self._dir / f"{i:02x}", "wb") for i in range(1 << SPILL_BITS)]  # noqa: SIM115
        for number in np.flatnonzero(ends > starts):
            self._spills[number].write(batch[starts[number]:ends[number]].tobytes())

    def _spilled(self, number: int) -> np.ndarray:
        """The entries of one spill number, from memory or from its file."""
        if self._memory is not None:
            batch, starts, ends = self._memory
            return batch[starts[number]:ends[number]]
        if self._dir is None:
            return np.empty(0, dtype=SPILLED)
        return np.fromfile(self._dir / f"{number:02x}", dtype=SPILLED)

    def close(self) -> None:
        for spill in self._spills:
            spill.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
        self._memory = None

    def shard_bits(self) -> int:
        """Fewest shard bits (≥ min_shard_bits) with which no shard holds more than its capacity."""
        limit = capacity(self.lookup)
        for bits in range(max(self.lookup.min_shard_bits, SPILL_BITS), MAX_SHARD_BITS + 1):
            fullest = int(self.histogram.reshape(1 << bits, -1).sum(axis=1).max())
            if fullest <= limit:
                return bits
        raise BuildError(f"lookup index: {self.records} entries do not fit shards of {limit} entries "
                         f"with at most {MAX_SHARD_BITS} shard bits (raise extra.lookup.shard_target_bytes)")

    def finish(self, site_dir: Path, tables: bytes, secret: bytes, store: Store = write_file,
               units: UnitCache | None = None) -> LookupReport:
        """Write units, group tables, the code tables and the manifest into `site_dir/verify/data`
        (each unit through `store`). With `units`, a unit whose real entries are those of a unit made
        before is linked from there instead of being padded, sorted and hashed again."""
        self._flush(to_disk=self._dir is not None)
        for spill in self._spills:
            spill.flush()
        bits = self.shard_bits()
        per_shard = capacity(self.lookup)
        per_unit = 1 if (1 << bits) <= self.lookup.max_unit_files else min(self.lookup.pack_shards, 1 << bits)
        data_dir = site_dir / "verify" / "data"
        if data_dir.exists():
            shutil.rmtree(data_dir)
        version_dir = data_dir / f"v{FORMAT_VERSION}"
        (version_dir / "units").mkdir(parents=True)
        (version_dir / "groups").mkdir()
        digits = hex_digits(bits)
        pad_key = crypto.padding_key(secret, bits)
        # what, besides its real entries, decides a unit's bytes
        context = hashlib.sha256(b"%d %d %d " % (bits, per_shard, per_unit) + pad_key).digest()
        unit_hashes: list[bytes] = []
        digests: dict[str, str] = {}
        pending: list[tuple[int, bytes]] = []  # shards of the unit being filled (a unit may span spill files)
        folder = str(version_dir / "units")
        for shard in self._real_shards(bits):
            pending.append(shard)
            if len(pending) < per_unit:
                continue
            number = len(unit_hashes)

            def unit_path(digest: bytes, number: int = number) -> str:  # text: pathlib costs 10 µs a unit
                return f"{folder}/{number:0{digits}x}-{digest[:HASH_BYTES].hex()}.bin"

            made = None
            key = b""
            if units is not None:
                key = _unit_key(context, pending)
                full = units.known(key)
                if full is not None and units.link(unit_path(full), full):
                    made = full
            if made is None:
                data = _padded_unit(pending, per_shard, pad_key)
                made = hashlib.sha256(data).digest()
                store(Path(unit_path(made)), data, made)
            if units is not None:
                units.remember(key, made)
            digests[unit_path(made)] = made.hex()
            unit_hashes.append(made[:HASH_BYTES])
            pending = []
        groups = []
        for start in range(0, len(unit_hashes), UNITS_PER_GROUP):
            table = b"".join(unit_hashes[start:start + UNITS_PER_GROUP])
            digest = short_hash(table).hex()
            name = f"{start // UNITS_PER_GROUP:0{digits}x}-{digest}.bin"
            (version_dir / "groups" / name).write_bytes(table)
            groups.append(digest)
        tables_name = f"tables-{short_hash(tables).hex()}.json"
        (version_dir / tables_name).write_bytes(tables)
        manifest = {
            "format": FORMAT, "version": FORMAT_VERSION, "salt_bits": self.lookup.salt_bits,
            "shard_bits": bits, "entry_size": ENTRY_SIZE, "record_size": RECORD_SIZE,
            "entries_per_shard": per_shard, "shards_per_unit": per_unit, "units_per_group": UNITS_PER_GROUP,
            "digits": digits, "path": f"v{FORMAT_VERSION}/",
            "tables": f"v{FORMAT_VERSION}/{tables_name}",
            "groups": groups,
        }
        (data_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        return LookupReport(records=self.records, shard_bits=bits, shards=1 << bits,
                            entries_per_shard=per_shard, shard_bytes=per_shard * ENTRY_SIZE,
                            shards_per_unit=per_unit, units=len(unit_hashes), groups=len(groups),
                            path=f"verify/data/v{FORMAT_VERSION}/", digests=digests)

    def _real_shards(self, bits: int) -> Iterator[tuple[int, bytes]]:
        """Every shard in order: its number and its real entries, sorted by their bytes."""
        per_spill = 1 << (bits - SPILL_BITS)
        for spill_number in range(1 << SPILL_BITS):
            spilled = self._spilled(spill_number)
            first = spill_number * per_spill
            records = np.empty(len(spilled), dtype=_SHARD_ENTRY)
            records["shard"] = spilled["prefix"].astype(np.uint32) >> (32 - bits)
            records["entry"] = spilled["entry"]
            ordered = _by_bytes(records)
            ends = np.searchsorted(ordered["shard"], np.arange(first, first + per_spill), side="right")
            entries = ordered["entry"].tobytes()
            start = 0
            for i, end in enumerate(ends.tolist()):
                yield first + i, entries[start * ENTRY_SIZE:end * ENTRY_SIZE]
                start = end


class UnitCache(Protocol):
    """Units made by earlier builds, by the real entries they hold (`generator.lookup.cached`)."""

    def known(self, key: bytes) -> bytes | None:
        """The SHA-256 of the unit made before from these entries, or None."""

    def link(self, target: str, digest: bytes) -> bool:
        """Put the unit with this SHA-256 at `target`; False when it is no longer kept."""

    def remember(self, key: bytes, digest: bytes) -> None:
        """Note the unit this build made (or took) for these entries."""


_SHARD_ENTRY = np.dtype([("shard", ">u4"), ("entry", f"V{ENTRY_SIZE}")])


def _by_bytes(records: np.ndarray) -> np.ndarray:
    """The records sorted by their bytes: by shard, then by entry. Sorted by the shard and the first
    16 bytes of the entry as numbers (fast), and by all their bytes where two records share those
    (which random entries practically never do)."""
    raw = records.view(np.uint8).reshape(len(records), 4 + ENTRY_SIZE)
    first = np.ascontiguousarray(raw[:, 4:12]).view(">u8").ravel()
    second = np.ascontiguousarray(raw[:, 12:20]).view(">u8").ravel()
    order = np.lexsort((second, first, records["shard"]))
    shard, first, second = records["shard"][order], first[order], second[order]
    if ((shard[1:] == shard[:-1]) & (first[1:] == first[:-1]) & (second[1:] == second[:-1])).any():
        return np.sort(records.view(f"V{4 + ENTRY_SIZE}")).view(_SHARD_ENTRY)
    return records[order]


def _unit_key(context: bytes, shards: list[tuple[int, bytes]]) -> bytes:
    """The shard numbers and real entries of a unit, with what else decides its bytes."""
    h = hashlib.sha256(context)
    for number, entries in shards:
        h.update(number.to_bytes(4, "big") + len(entries).to_bytes(4, "big"))
        h.update(entries)
    return h.digest()


def _padded_unit(shards: list[tuple[int, bytes]], per_shard: int, pad_key: bytes) -> bytes:
    """The unit's bytes: each shard's real entries and its padding up to `per_shard` entries, sorted
    by their bytes, so that real and padding entries interleave."""
    parts = []
    for number, entries in shards:
        missing = per_shard - len(entries) // ENTRY_SIZE
        padding = b"".join(crypto.padding(pad_key, number, missing))
        parts.append(np.sort(np.frombuffer(entries + padding, dtype=f"V{ENTRY_SIZE}")).tobytes())
    return b"".join(parts)


def public_tables(catalogue) -> bytes:  # type: ignore[no-untyped-def]
    """Code tables the page needs to show a match; public catalogue data, no personal data."""
    tables = {
        "enterprises": {e.evaluation_code: {"id": e.id, "name": e.name} for e in catalogue.enterprises},
        "occupations": {code: o.name for code, o in catalogue.occupations.items()},
        "levels": {str(code): {"name": lv.name, "title": lv.title} for code, lv in catalogue.levels.items()},
        "revocation_reasons": {str(code): r.text for code, r in catalogue.revocation_reasons.items()},
    }
    return json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
