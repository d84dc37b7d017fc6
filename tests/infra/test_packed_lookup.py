"""A large index packs its shards into a few big files that the page reads with HTTP Range requests:
a lookup through nginx fetches one range of one file; where a host ignores Range (Python's own
server does), the page reads the file only up to its shard and still answers."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from nginx_runner import NginxServer, start_nginx, stop_nginx

from generator.certificates import iter_certificates
from generator.load.catalogue import read_catalogue
from generator.lookup.index import build_lookup_index
from generator.lookup.secret import DEVELOPMENT_SECRET
from generator.settings import load_settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
RESULT = "[data-verify-result]"


@pytest.fixture(scope="module")
def certificates() -> list:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    return [c for f in catalogue.certificate_files for c in iter_certificates(ROOT / "catalogue", f)]


@pytest.fixture(scope="module")
def packed_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with its index packed: 16 shards to a file."""
    site = Path(shutil.copytree(built_site, tmp_path_factory.mktemp("packed") / "site"))
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    lookup = dataclasses.replace(load_settings(ROOT / "mkdocs.yml").lookup, max_unit_files=0, pack_shards=16)
    build_lookup_index(catalogue, ROOT / "catalogue", site, site.parent / "work", lookup, DEVELOPMENT_SECRET)
    manifest = json.loads((site / "verify" / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shards_per_unit"] == 16
    return site


@pytest.fixture(scope="module")
def packed_nginx(packed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxServer]:
    process, server = start_nginx(packed_site, tmp_path_factory.mktemp("nginx-packed"))
    yield server
    stop_nginx(process)


def look_up(page, url: str, cert) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Look a certificate up; return the unit-file requests with their Range header and status."""
    units: list[dict[str, object]] = []

    def seen(response) -> None:  # type: ignore[no-untyped-def]
        if "/verify/data/v2/units/" in response.url:  # the body may be cut short on purpose: no body()
            units.append({"range": response.request.headers.get("range"), "status": response.status,
                          "length": int(response.headers.get("content-length", "-1"))})

    page.on("response", seen)
    page.goto(url + "/verify/")
    page.wait_for_selector("[data-verify][data-ready=true]")
    page.fill("#verify-number", cert.number)
    page.fill("#verify-code", cert.query_code)
    page.click("[data-verify-form] button[type=submit]")
    page.wait_for_selector(f"{RESULT}[data-done=true]")
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"
    return units


def test_a_lookup_reads_one_range_of_one_packed_file_through_nginx(
        page, packed_nginx: NginxServer, certificates: list) -> None:  # type: ignore[no-untyped-def]
    cert = next(c for c in certificates if c.status == "valid")
    manifest = json.loads((packed_nginx.site / "verify/data/manifest.json").read_text(encoding="utf-8"))
    shard = manifest["entries_per_shard"] * manifest["entry_size"]
    units = look_up(page, packed_nginx.url, cert)
    assert len(units) == 1
    (unit,) = units
    assert unit["status"] == 206 and unit["length"] == shard <= 16 * 1024
    start, end = map(int, str(unit["range"]).removeprefix("bytes=").split("-"))
    assert end - start + 1 == shard and start % shard == 0


def test_where_the_host_ignores_range_the_lookup_still_answers(
        page, packed_site: Path, serve_directory, certificates: list) -> None:  # type: ignore[no-untyped-def]
    cert = [c for c in certificates if c.status == "valid"][-1]
    url = serve_directory(packed_site)  # Python's file server answers every request with the whole file
    units = look_up(page, url, cert)
    assert [u["status"] for u in units] == [200] and units[0]["range"]
