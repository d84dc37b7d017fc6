"""The sharded index on disk: equal shard sizes, shard-bit choice, manifest, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.lookup import crypto, synthetic
from generator.lookup.format import ENTRY_SIZE, certificate_queries, decode_record
from generator.lookup.index import write_lookup_index
from generator.settings import LookupSettings

SETTINGS = LookupSettings(salt_bits=8, min_shard_bits=4, shard_target_bytes=2048)


@pytest.fixture(scope="module")
def certificates() -> list:
    return list(synthetic.certificates(600, synthetic.catalogue(), seed=3))


def test_every_shard_has_the_same_size_and_the_manifest_describes_it(
        tmp_path: Path, certificates: list) -> None:
    report = write_lookup_index(certificates, synthetic.catalogue(), tmp_path, SETTINGS, secret=b"s")
    manifest = json.loads((tmp_path / "verify/data/manifest.json").read_text(encoding="utf-8"))
    shards = sorted((tmp_path / report.path).glob("*.bin"))
    assert len(shards) == 2 ** manifest["shard_bits"] == report.shards
    assert {p.stat().st_size for p in shards} == {manifest["entries_per_shard"] * ENTRY_SIZE}
    assert manifest["entries_per_shard"] * ENTRY_SIZE <= SETTINGS.shard_target_bytes
    assert manifest["shard_bits"] > SETTINGS.min_shard_bits  # 1,200 entries do not fit 16 shards of 2 KB
    assert (manifest["format"], manifest["version"], manifest["salt_bits"]) == ("jlvsc-lookup", 1, 8)
    assert report.entries == 2 * len(certificates)


def test_the_index_is_byte_identical_for_the_same_secret_and_differs_for_another(
        tmp_path: Path, certificates: list) -> None:
    def files(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    write_lookup_index(certificates, synthetic.catalogue(), tmp_path / "a", SETTINGS, secret=b"s")
    write_lookup_index(certificates, synthetic.catalogue(), tmp_path / "b", SETTINGS, secret=b"s")
    write_lookup_index(certificates, synthetic.catalogue(), tmp_path / "c", SETTINGS, secret=b"t")
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_every_certificate_is_found_in_its_shard_under_both_queries(
        tmp_path: Path, certificates: list) -> None:
    report = write_lookup_index(certificates[:50], synthetic.catalogue(), tmp_path, SETTINGS, secret=b"s")
    digits = (report.shard_bits + 3) // 4
    for cert in certificates[:50]:
        for q in certificate_queries(cert):
            shard = (tmp_path / report.path /
                     f"{crypto.shard_prefix(q) >> (32 - report.shard_bits):0{digits}x}.bin").read_bytes()
            block = crypto.query_block(q)
            tags = {crypto.tag_material(block, s)[:8]: s for s in range(2 ** SETTINGS.salt_bits)}
            hits = [(tags[shard[o:o + 8]], shard[o:o + 64]) for o in range(0, len(shard), 64)
                    if shard[o:o + 8] in tags]
            numbers = {decode_record(crypto.open_entry(block, s, e)).number for s, e in hits}
            assert cert.number in numbers


def test_without_the_secret_variable_the_build_warns_and_stays_deterministic(
        tmp_path: Path, certificates: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SETTINGS.secret_env, raising=False)
    report = write_lookup_index(certificates[:10], synthetic.catalogue(), tmp_path / "a", SETTINGS)
    assert report.warnings and SETTINGS.secret_env in report.warnings[0]
    monkeypatch.setenv(SETTINGS.secret_env, "production secret")
    again = write_lookup_index(certificates[:10], synthetic.catalogue(), tmp_path / "b", SETTINGS)
    assert again.warnings == []


def test_the_public_tables_hold_no_personal_data(tmp_path: Path, certificates: list) -> None:
    report = write_lookup_index(certificates, synthetic.catalogue(), tmp_path, SETTINGS, secret=b"s")
    tables = (tmp_path / report.path / "tables.json").read_text(encoding="utf-8")
    assert set(json.loads(tables)) == {"enterprises", "occupations", "levels", "revocation_reasons"}
    assert not any(c.holder_name in tables or c.id_number in tables or c.number in tables
                   for c in certificates)
