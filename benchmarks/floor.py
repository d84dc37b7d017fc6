"""The floor: the least any builder of the certificate data must spend on it.

Read every certificate file, parse it with PyYAML's C loader and hash each record once (SHA-256 of
a canonical JSON form), in one process. Anything that validates and indexes the certificates reads
and parses the same bytes and touches every record at least once.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Floor:
    files: int
    records: int
    bytes: int
    read_seconds: float
    parse_seconds: float
    hash_seconds: float

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.parse_seconds + self.hash_seconds


def measure_floor(catalogue_dir: Path) -> Floor:
    paths = sorted((catalogue_dir / "certificates").glob("*/*.yaml"))
    read = parse = digest = 0.0
    records = size = 0
    loader = yaml.CSafeLoader
    dumps = json.dumps
    sha256 = hashlib.sha256
    for path in paths:
        t0 = time.perf_counter()
        text = path.read_text(encoding="utf-8")
        t1 = time.perf_counter()
        data = yaml.load(text, Loader=loader)
        t2 = time.perf_counter()
        for record in data["certificates"]:
            sha256(dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                         default=str).encode("utf-8")).digest()
        t3 = time.perf_counter()
        read += t1 - t0
        parse += t2 - t1
        digest += t3 - t2
        records += len(data["certificates"])
        size += len(text.encode("utf-8"))
    return Floor(len(paths), records, size, read, parse, digest)
