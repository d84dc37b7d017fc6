"""What the built sample site publishes for electronic certificates: the key list and nothing of any
certificate. The build's own privacy scan covers every file as well; this names the two files that
matter here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.certificates import iter_certificates
from generator.ecert.keyring import keys_document, load_keyring
from generator.load.catalogue import read_catalogue

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
QR_TEXT = re.compile(rb"JLZS1:[0-9A-Z $%*+\-./:]{40,}")


def test_keys_json_is_the_catalogue_key_list_and_holds_no_certificate_data(built_site: Path) -> None:
    published = (built_site / "verify" / "keys.json").read_text(encoding="utf-8")
    assert json.loads(published) == keys_document(load_keyring(ROOT / "catalogue", ROOT))
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    for certificate_file in catalogue.certificate_files:
        for cert in iter_certificates(ROOT / "catalogue", certificate_file):
            for value in (cert.number, cert.query_code, cert.holder_name, cert.id_number):
                assert value not in published


def test_no_electronic_certificate_is_published(built_site: Path) -> None:
    found = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if p.is_file() and QR_TEXT.search(p.read_bytes())]
    assert found == []


def test_the_verify_page_offers_the_three_ways_in(built_site: Path) -> None:
    page = (built_site / "verify" / "index.html").read_text(encoding="utf-8")
    for marker in ("data-ecert-camera", 'id="ecert-file"', 'id="ecert-text"', 'data-keys="keys.json"',
                   "assets/lookup/ecert-page.js"):
        assert marker in page
    levels = re.search(r'data-levels="([^"]+)"', page)
    assert levels is not None and "高级技师" in json.loads(levels.group(1).replace("&#34;", '"')
                                                          .replace("&quot;", '"'))["1"]
