"""The vendored QR reader is the published files, unchanged: their SHA-256 hashes are those recorded
in lookup/vendor/README.md, the WebAssembly file is the one the JavaScript names, every file has its
licence, and the built site carries them with the licences but not the README page."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.lookup.page import render_verify_pages
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "lookup" / "vendor"


def recorded() -> dict[str, str]:
    text = (VENDOR / "README.md").read_text(encoding="utf-8")
    return {name: digest for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", text, re.M)}


def test_every_vendored_file_has_the_recorded_hash() -> None:
    hashes = recorded()
    assert set(hashes) == {"barcode-detector/ponyfill.js", "barcode-detector/zxing-exported.js",
                           "zxing-wasm/zxing_reader.wasm"}
    for name, digest in hashes.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_the_webassembly_is_the_one_the_javascript_expects() -> None:
    script = (VENDOR / "barcode-detector" / "zxing-exported.js").read_text(encoding="utf-8")
    wasm = hashlib.sha256((VENDOR / "zxing-wasm" / "zxing_reader.wasm").read_bytes()).hexdigest()
    assert f'"{wasm}"' in script  # ZXING_WASM_SHA256
    assert 'import ' not in script.split("\n", 1)[0] and "from \"zxing-wasm" not in script  # no bare imports


def test_each_vendored_package_carries_its_licence() -> None:
    assert "MIT License" in (VENDOR / "barcode-detector" / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in (VENDOR / "zxing-wasm" / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in (VENDOR / "zxing-wasm" / "LICENSE.zxing-cpp").read_text(encoding="utf-8")


def test_the_site_gets_the_reader_and_its_licences_but_not_the_readme(tmp_path: Path) -> None:
    from generator.load.catalogue import read_catalogue

    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    render_verify_pages(catalogue, load_settings(ROOT / "mkdocs.yml"), ROOT, tmp_path)
    copied = sorted(p.relative_to(tmp_path / "assets" / "lookup" / "vendor").as_posix()
                    for p in (tmp_path / "assets" / "lookup" / "vendor").rglob("*") if p.is_file())
    assert copied == ["barcode-detector/LICENSE", "barcode-detector/ponyfill.js",
                      "barcode-detector/zxing-exported.js", "zxing-wasm/LICENSE",
                      "zxing-wasm/LICENSE.zxing-cpp", "zxing-wasm/zxing_reader.wasm"]
