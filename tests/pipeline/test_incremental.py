"""A new issuing batch changes only the shards its certificates fall in: every other file of the
rebuilt site keeps its name and its bytes, so a host or a visitor's cache holds on to it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from benchmarks.data import add_batch
from generator.build import Project, build
from generator.lookup import crypto
from generator.lookup.format import certificate_query
from generator.model import Certificate

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def new_certificates(path: Path) -> list[Certificate]:
    from generator.load.yamlio import load_fast

    data = load_fast(path, path.name)
    return [Certificate(r["number"], r["name"], r["id_number"], r["occupation"], r["level"], r["issued"],
                        data["enterprise"], query_code=r["query_code"]) for r in data["certificates"]]


def test_a_new_batch_changes_only_the_shards_it_falls_in(tmp_path: Path) -> None:
    catalogue = Path(shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue"))
    project = Project(ROOT, catalogue=catalogue, out=tmp_path / "site", work=tmp_path / "work",
                      cache=tmp_path / "cache")
    first = build(project)
    before = snapshot(project.out)  # type: ignore[arg-type]

    added = add_batch(catalogue, 40)
    report = build(project)
    after = snapshot(project.out)  # type: ignore[arg-type]

    changed = {p for p in before.keys() & after.keys() if before[p] != after[p]}
    gone, new = before.keys() - after.keys(), after.keys() - before.keys()
    # the lookup's manifest names the new group tables; the certificate statistics count the batch
    statistics = {p for p in changed | new | gone if p.startswith("data/")}
    assert changed - statistics == {"verify/data/manifest.json"}
    lookup = (gone | new) - statistics
    assert all(p.startswith(("verify/data/v2/units/", "verify/data/v2/groups/")) for p in lookup)
    assert statistics and all(p == "data/index.html" or "certificates" in p or p.endswith("datapackage.json")
                              for p in statistics), sorted(statistics)

    manifest_path = Path(project.out) / "verify" / "data" / "manifest.json"  # type: ignore[arg-type]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    bits = manifest["shard_bits"]
    touched = {crypto.shard_prefix(certificate_query(c)) >> (32 - bits) for c in new_certificates(added)}
    digits = manifest["digits"]
    assert {p.rsplit("/", 1)[1].split("-")[0] for p in new if "/units/" in p} == {
        f"{s:0{digits}x}" for s in touched}
    assert len([p for p in new if "/units/" in p]) == len(touched) <= 40
    assert len([p for p in gone if "/units/" in p]) == len(touched)
    assert report.certificates == first.certificates + 40


def test_a_rebuild_from_the_cache_writes_what_a_build_without_it_writes(tmp_path: Path) -> None:
    """The cached pages and open data are taken only while every input but the certificate files is
    unchanged: after an enterprise's address changes and a batch is added, the cached rebuild equals a
    build from nothing, byte for byte."""
    catalogue = Path(shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue"))
    cached = Project(ROOT, catalogue=catalogue, out=tmp_path / "site", work=tmp_path / "work",
                     cache=tmp_path / "cache")
    build(cached)
    entry = catalogue / "enterprises" / "baicheng-heyuan-grain-oil.yaml"
    text = entry.read_text(encoding="utf-8")
    assert "示例粮油路 66 号" in text
    entry.write_text(text.replace("示例粮油路 66 号", "示例粮油路 68 号"), encoding="utf-8")
    add_batch(catalogue, 40)
    report = build(cached)
    assert "open-data 0 hit / 1 missed" in report.cache and "site 0 hit / 1 missed" in report.cache

    fresh = Project(ROOT, catalogue=catalogue, out=tmp_path / "fresh", work=tmp_path / "work-fresh")
    build(fresh)
    assert snapshot(cached.out) == snapshot(fresh.out)  # type: ignore[arg-type]
    page = Path(cached.out) / "enterprises" / "baicheng-heyuan-grain-oil" / "index.html"  # type: ignore[arg-type]
    assert "示例粮油路 68 号" in page.read_text(encoding="utf-8")

    add_batch(catalogue, 40)  # certificates only: the model, pages, open data, engine output and the
    report = build(cached)  # statistics' audit plan come from the cache
    for kind in ("catalogue", "docs", "site", "statistics-audit"):
        assert f"{kind} 1 hit / 0 missed" in report.cache, report.cache
    # the scan takes the lookup's digests of the units it wrote or linked: each must be the file's own
    digests = report.lookup.digests  # type: ignore[union-attr]
    assert "lookup-units 0 hit" not in report.cache  # linked units as well as new ones
    published = Path(cached.out) / "verify" / "data" / "v2" / "units"  # type: ignore[arg-type]
    assert {Path(p).name: d for p, d in digests.items()} == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in published.glob("*.bin")}
    shutil.rmtree(tmp_path / "fresh")
    build(fresh)
    assert snapshot(cached.out) == snapshot(fresh.out)  # type: ignore[arg-type]
