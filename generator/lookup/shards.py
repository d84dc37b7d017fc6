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

Entries arrive in any order and are spilled to 256 temporary files by the first byte of their
shard prefix; the shards are then made one spill file at a time, so memory stays bounded by a
256th of the index however many certificates there are.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BuildError
from generator.lookup import crypto
from generator.lookup.format import ENTRY_SIZE, FORMAT, FORMAT_VERSION, RECORD_SIZE
from generator.settings import LookupSettings

MAX_SHARD_BITS = 20
SPILL_BITS = 8  # also the least number of shard bits
HISTOGRAM_BITS = MAX_SHARD_BITS
UNITS_PER_GROUP = 128
HASH_BYTES = 4
_PREFIX = 4  # bytes of shard prefix stored with each spilled entry


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


def capacity(lookup: LookupSettings) -> int:
    """Entries per shard: as many as fit the target size."""
    return max(lookup.shard_target_bytes // ENTRY_SIZE, 1)


def hex_digits(bits: int) -> int:
    return (bits + 3) // 4


def short_hash(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:HASH_BYTES]


class ShardWriter:
    """Collects sealed entries in spill files, then writes the index (`finish`)."""

    def __init__(self, work: Path, lookup: LookupSettings) -> None:
        if lookup.min_shard_bits < SPILL_BITS:
            raise BuildError(f"extra.lookup.min_shard_bits is {lookup.min_shard_bits} "
                             f"(expected at least {SPILL_BITS})")
        packs = lookup.pack_shards
        if packs < 1 or packs & (packs - 1):
            raise BuildError(f"extra.lookup.pack_shards is {packs} (expected a power of two)")
        work.mkdir(parents=True, exist_ok=True)
        self._dir = Path(tempfile.mkdtemp(dir=work, prefix="lookup-spill-"))
        self._spills = [open(self._dir / f"{i:02x}", "wb") for i in range(1 << SPILL_BITS)]  # noqa: SIM115
        self.histogram = array("I", bytes(4 << HISTOGRAM_BITS))
        self.lookup = lookup
        self.records = 0

    def add(self, prefixes: bytes, entries: bytes) -> None:
        """Spill one batch of sealed entries (prefixes as array "I" bytes, entries back to back)."""
        values = array("I")
        values.frombytes(prefixes)
        if len(values) * ENTRY_SIZE != len(entries):
            raise ValueError("prefixes and entries do not match")
        histogram, spills = self.histogram, self._spills
        spill_shift, histogram_shift = 32 - SPILL_BITS, 32 - HISTOGRAM_BITS
        buffers: dict[int, bytearray] = {}
        for i, prefix in enumerate(values):
            histogram[prefix >> histogram_shift] += 1
            buffer = buffers.get(prefix >> spill_shift)
            if buffer is None:
                buffer = buffers[prefix >> spill_shift] = bytearray()
            buffer += prefix.to_bytes(_PREFIX, "big")
            buffer += entries[i * ENTRY_SIZE:(i + 1) * ENTRY_SIZE]
        for spill, buffer in buffers.items():
            spills[spill].write(buffer)
        self.records += len(values)

    def close(self) -> None:
        for spill in self._spills:
            spill.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def shard_bits(self) -> int:
        """Fewest shard bits (≥ min_shard_bits) with which no shard holds more than its capacity."""
        limit = capacity(self.lookup)
        counts = self.histogram
        for bits in range(max(self.lookup.min_shard_bits, SPILL_BITS), MAX_SHARD_BITS + 1):
            width = 1 << (HISTOGRAM_BITS - bits)
            if width == 1:
                fullest = max(counts)
            else:
                fullest = max(sum(counts[i:i + width]) for i in range(0, len(counts), width))
            if fullest <= limit:
                return bits
        raise BuildError(f"lookup index: {self.records} entries do not fit shards of {limit} entries "
                         f"with at most {MAX_SHARD_BITS} shard bits (raise extra.lookup.shard_target_bytes)")

    def finish(self, site_dir: Path, tables: bytes, secret: bytes) -> LookupReport:
        """Write units, group tables, the code tables and the manifest into `site_dir/verify/data`."""
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
        unit_digits = hex_digits(bits)
        pad_key = crypto.padding_key(secret, bits)
        unit_hashes: list[bytes] = []
        unit: list[bytes] = []
        for spill_number, shards in enumerate(self._shards_by_spill(bits, per_shard, pad_key)):
            for offset, shard in enumerate(shards):
                unit.append(shard)
                if len(unit) == per_unit:
                    number = (spill_number << (bits - SPILL_BITS)) + offset
                    data = b"".join(unit)
                    digest = short_hash(data)
                    name = f"{number // per_unit:0{unit_digits}x}-{digest.hex()}.bin"
                    (version_dir / "units" / name).write_bytes(data)
                    unit_hashes.append(digest)
                    unit = []
        groups = []
        for start in range(0, len(unit_hashes), UNITS_PER_GROUP):
            table = b"".join(unit_hashes[start:start + UNITS_PER_GROUP])
            digest = short_hash(table).hex()
            (version_dir / "groups" / f"{start // UNITS_PER_GROUP:0{unit_digits}x}-{digest}.bin").write_bytes(
                table)
            groups.append(digest)
        tables_name = f"tables-{short_hash(tables).hex()}.json"
        (version_dir / tables_name).write_bytes(tables)
        manifest = {
            "format": FORMAT, "version": FORMAT_VERSION, "salt_bits": self.lookup.salt_bits,
            "shard_bits": bits, "entry_size": ENTRY_SIZE, "record_size": RECORD_SIZE,
            "entries_per_shard": per_shard, "shards_per_unit": per_unit, "units_per_group": UNITS_PER_GROUP,
            "digits": unit_digits, "path": f"v{FORMAT_VERSION}/",
            "tables": f"v{FORMAT_VERSION}/{tables_name}",
            "groups": groups,
        }
        (data_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        return LookupReport(records=self.records, shard_bits=bits, shards=1 << bits,
                            entries_per_shard=per_shard, shard_bytes=per_shard * ENTRY_SIZE,
                            shards_per_unit=per_unit, units=len(unit_hashes), groups=len(groups),
                            path=f"verify/data/v{FORMAT_VERSION}/")

    def _shards_by_spill(self, bits: int, per_shard: int, pad_key: bytes):  # type: ignore[no-untyped-def]
        """For each spill file in order, the padded, sorted shards of its range."""
        per_spill = 1 << (bits - SPILL_BITS)
        shift = 32 - bits
        record = _PREFIX + ENTRY_SIZE
        for spill_number in range(1 << SPILL_BITS):
            data = (self._dir / f"{spill_number:02x}").read_bytes()
            first = spill_number * per_spill
            buckets: list[list[bytes]] = [[] for _ in range(per_spill)]
            for offset in range(0, len(data), record):
                prefix = int.from_bytes(data[offset:offset + _PREFIX], "big")
                buckets[(prefix >> shift) - first].append(data[offset + _PREFIX:offset + record])
            shards = []
            for i, bucket in enumerate(buckets):
                bucket.extend(crypto.padding(pad_key, first + i, per_shard - len(bucket)))
                bucket.sort()
                shards.append(b"".join(bucket))
            yield shards


def public_tables(catalogue) -> bytes:  # type: ignore[no-untyped-def]
    """Code tables the page needs to show a match; public catalogue data, no personal data."""
    tables = {
        "enterprises": {e.evaluation_code: {"id": e.id, "name": e.name} for e in catalogue.enterprises},
        "occupations": {code: o.name for code, o in catalogue.occupations.items()},
        "levels": {str(code): {"name": lv.name, "title": lv.title} for code, lv in catalogue.levels.items()},
        "revocation_reasons": {str(code): r.text for code, r in catalogue.revocation_reasons.items()},
    }
    return json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
