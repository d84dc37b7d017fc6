"""Count the published certificates by year, enterprise, occupation, level and status.

This is the only place the open data reads certificate files, and only these five values leave it.
A file in the canonical one-record-per-line layout is counted with one regular expression; the
count of matched lines must equal the number of records the check found, or the file is read
record by record instead. With a build cache, the counts of an unchanged file are reused.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Catalogue, CertificateFile

if TYPE_CHECKING:
    from generator.cache import BuildCache

Key = tuple[int, str, str, int, str]  # issue year, enterprise id, occupation code, level, status
FileCounts = tuple[tuple[tuple[int, str, int, str], int], ...]  # ((year, occupation, level, status), n)

_RECORD_LINE = re.compile(
    r"^  - \{number: [^,\n]*, name: [^,\n]*, id_number: [^,\n]*, "
    r"occupation: ([1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}), level: ([1-5]), issued: ([0-9]{4})-[0-9]{2}-[0-9]{2}"
    r"(?:, status: (valid|revoked))?", re.MULTILINE)


def count_file(catalogue_dir: Path, certificate_file: CertificateFile) -> FileCounts:
    text = (catalogue_dir / certificate_file.path).read_text(encoding="utf-8")
    found = _RECORD_LINE.findall(text)
    counts: Counter[tuple[int, str, int, str]] = Counter()
    if len(found) == certificate_file.count:
        for occupation, level, year, status in found:
            counts[(int(year), occupation, int(level), status or "valid")] += 1
    else:
        from generator.certificates import iter_certificates

        for c in iter_certificates(catalogue_dir, certificate_file):
            counts[(c.issued_on.year, c.occupation_code, c.level, c.status)] += 1
    return tuple(sorted(counts.items()))


def certificate_counts(catalogue: Catalogue, catalogue_dir: Path, *,
                       cache: BuildCache | None = None) -> Counter[Key]:
    files = catalogue.certificate_files
    if cache is None:
        per_file = [count_file(catalogue_dir, f) for f in files]
    else:
        keys = [cache.key("certificate-counts", cache.file_digest(catalogue_dir / f.path)) for f in files]
        per_file = cache.reuse("certificate-counts", keys,
                               lambda missing: [count_file(catalogue_dir, files[i]) for i in missing])
    total: Counter[Key] = Counter()
    for certificate_file, counts in zip(files, per_file, strict=True):
        enterprise = certificate_file.enterprise_id
        for (year, occupation, level, status), n in counts:
            total[(year, enterprise, occupation, level, status)] += n
    return total
