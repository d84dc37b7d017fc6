"""Make Pagefind's bundle byte-identical from build to build.

Pagefind 1.5 writes its filter indexes from hash maps, so the order of filter values (and of the
filters listed in the language's meta file) changes between runs, and with it the content-hashed
file names. This step decodes those files (gzip + `pagefind_dcd` + CBOR), sorts what has no
meaning in its order, encodes them again and renames them by a hash of the new content, updating
the references in the meta file and in `pagefind-entry.json`. Fragments and word indexes are
already stable and are left alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

from generator.errors import BuildError

SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"{path}: not a Pagefind index file (no {SIGNATURE.decode()} signature)")
    return cbor2.loads(raw[len(SIGNATURE):])


def _encode(value: object) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _short_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite the filter indexes and meta files of every language in sorted order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        # meta = [version, pages, index chunks, filters [[name, file hash]], sorts, …]
        filters = meta[3]
        renamed = []
        for name, old_hash in filters:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            name_again, values = _read(old_path)  # type: ignore[misc]
            data = _encode([name_again, sorted(values, key=lambda item: item[0])])
            new_hash = f"{language}_{_short_hash(data, len(old_hash) - len(language) - 1)}"
            old_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed, key=lambda item: item[0])
        data = _encode(meta)
        new_meta_hash = f"{language}_{_short_hash(data, len(info['hash']) - len(language) - 1)}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(data)
        info["hash"] = new_meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
