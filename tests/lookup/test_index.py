"""The sharded index on disk: equal shard sizes, shard-bit choice, layout, manifest, determinism."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from generator.lookup import crypto, shards, synthetic
from generator.lookup.format import ENTRY_SIZE, certificate_query, decode_record
from generator.lookup.index import write_lookup_index
from generator.lookup.shards import public_tables
from generator.settings import LookupSettings

SETTINGS = LookupSettings(salt_bits=8, min_shard_bits=8, shard_target_bytes=8 * ENTRY_SIZE)
PACKED = dataclasses.replace(SETTINGS, max_unit_files=0, pack_shards=16)  # units of 16 shards
SECRET = b"test secret (test data only)"


@pytest.fixture(scope="module")
def certificates() -> list:
    return list(synthetic.certificates(3000, synthetic.catalogue(), seed=3))


def build(certificates: list, folder: Path, settings: LookupSettings = SETTINGS, secret: bytes = SECRET):
    report = write_lookup_index(certificates, synthetic.catalogue(), folder / "site", folder / "work",
                                settings, secret)
    data = folder / "site" / "verify" / "data"
    return report, data, json.loads((data / "manifest.json").read_text(encoding="utf-8"))


def files(folder: Path) -> dict[str, bytes]:
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


def shard_bytes(data: Path, manifest: dict, shard: int) -> bytes:
    """Read one shard as the browser does: group table → unit file name → offset in the unit."""
    digits, per_unit = manifest["digits"], manifest["shards_per_unit"]
    unit = shard // per_unit
    group = unit // manifest["units_per_group"]
    table = (data / "v2" / "groups" / f"{group:0{digits}x}-{manifest['groups'][group]}.bin").read_bytes()
    at = (unit % manifest["units_per_group"]) * 4
    unit_file = data / "v2" / "units" / f"{unit:0{digits}x}-{table[at:at + 4].hex()}.bin"
    size = manifest["entries_per_shard"] * manifest["entry_size"]
    offset = (shard % per_unit) * size
    return unit_file.read_bytes()[offset:offset + size]


def test_every_shard_has_the_capacity_size_and_the_manifest_describes_it(
        tmp_path: Path, certificates: list) -> None:
    report, data, manifest = build(certificates, tmp_path)
    units = sorted((data / "v2" / "units").glob("*.bin"))
    assert len(units) == 2 ** manifest["shard_bits"] == report.shards
    assert {p.stat().st_size for p in units} == {8 * ENTRY_SIZE}
    assert manifest["shard_bits"] > 8  # 3,000 entries do not fit 256 shards of 8
    assert (manifest["format"], manifest["version"], manifest["salt_bits"]) == ("jlvsc-lookup", 2, 8)
    assert report.records == len(certificates)
    for unit in units:  # content-addressed: the name ends with the file's own hash
        assert unit.stem.split("-")[1] == crypto_hash(unit.read_bytes())


def crypto_hash(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:8]


def test_packed_units_hold_consecutive_shards(tmp_path: Path, certificates: list) -> None:
    packed = dataclasses.replace(SETTINGS, max_unit_files=0, pack_shards=16)
    _report, data, manifest = build(certificates, tmp_path / "p", packed)
    _report, plain, plain_manifest = build(certificates, tmp_path / "f")
    assert manifest["shards_per_unit"] == 16 and plain_manifest["shards_per_unit"] == 1
    assert len(list((data / "v2" / "units").glob("*.bin"))) == 2 ** manifest["shard_bits"] // 16
    for shard in range(2 ** manifest["shard_bits"]):
        assert shard_bytes(data, manifest, shard) == shard_bytes(plain, plain_manifest, shard)


def test_the_index_is_byte_identical_for_the_same_secret_and_differs_for_another(
        tmp_path: Path, certificates: list) -> None:
    build(certificates, tmp_path / "a")
    build(certificates, tmp_path / "b")
    build(certificates, tmp_path / "c", secret=b"another secret")
    assert files(tmp_path / "a" / "site") == files(tmp_path / "b" / "site")
    assert files(tmp_path / "a" / "site") != files(tmp_path / "c" / "site")


def test_every_certificate_is_found_in_its_shard_and_opens_to_its_record(
        tmp_path: Path, certificates: list) -> None:
    _report, data, manifest = build(certificates[:200], tmp_path)
    key = crypto.salt_key(SECRET)
    for cert in certificates[:200]:
        q = certificate_query(cert)
        shard = shard_bytes(data, manifest, crypto.shard_prefix(q) >> (32 - manifest["shard_bits"]))
        salt = crypto.salt(key, q, SETTINGS.salt_bits)
        tag = crypto.tag_material(crypto.query_block(q), salt)[:8]
        entries = [shard[o:o + ENTRY_SIZE] for o in range(0, len(shard), ENTRY_SIZE)]
        found = [decode_record(crypto.open_entry(q, salt, e), cert.number) for e in entries if e[:8] == tag]
        assert [(r.level, r.issued_on, r.revoked) for r in found] == [
            (cert.level, cert.issued_on, cert.status == "revoked")]


def test_the_spill_files_are_removed_after_a_build(tmp_path: Path, certificates: list) -> None:
    build(certificates[:100], tmp_path)
    assert list((tmp_path / "work").iterdir()) == []


def test_entries_spilled_to_files_give_the_index_kept_in_memory(tmp_path: Path, certificates: list,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond IN_MEMORY_ENTRIES the entries go through the spill files: the same index, byte for byte."""
    _r, in_memory, _m = build(certificates, tmp_path / "memory", PACKED)
    monkeypatch.setattr(shards, "IN_MEMORY_ENTRIES", 500)
    monkeypatch.setattr(shards, "FLUSH_ENTRIES", 300)
    spilled_dirs = []
    opened = shards.ShardWriter._flush

    def watched(self: shards.ShardWriter, to_disk: bool = True) -> None:
        opened(self, to_disk)
        spilled_dirs.append(self._dir)

    monkeypatch.setattr(shards.ShardWriter, "_flush", watched)
    _r, spilled, _m = build(certificates, tmp_path / "disk", PACKED)
    assert any(d is not None for d in spilled_dirs)  # the files were used
    assert files(spilled) == files(in_memory)
    assert list((tmp_path / "disk" / "work").iterdir()) == []


def test_the_public_tables_hold_no_personal_data(certificates: list) -> None:
    tables = public_tables(synthetic.catalogue()).decode("utf-8")
    assert set(json.loads(tables)) == {"enterprises", "occupations", "levels", "revocation_reasons"}
    assert not any(c.holder_name in tables or c.id_number in tables or c.number in tables
                   or c.query_code in tables for c in certificates)


@pytest.mark.parametrize("ties", [False, True])
def test_records_are_sorted_by_their_bytes(ties: bool) -> None:
    """The fast sort by shard and the first 16 bytes of the entry gives the order of all the bytes,
    also where two entries of a shard share their first 16 bytes."""
    rng = np.random.default_rng(5)
    records = np.empty(3000, dtype=shards._SHARD_ENTRY)
    records["shard"] = rng.integers(0, 40, len(records))
    raw = rng.integers(0, 256, (len(records), ENTRY_SIZE), dtype=np.uint8)
    if ties:
        raw[1::2, :16] = raw[0::2, :16]  # pairs that differ only after 16 bytes…
        records["shard"][1::2] = records["shard"][0::2]  # …in the same shard
    records["entry"] = raw.view(f"V{ENTRY_SIZE}").ravel()
    expected = np.sort(records.view(f"V{4 + ENTRY_SIZE}")).view(shards._SHARD_ENTRY)
    assert shards._by_bytes(records).tobytes() == expected.tobytes()
