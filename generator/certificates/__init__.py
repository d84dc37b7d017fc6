"""Certificate data: validation of the certificate files, and the certificates as model objects.

Certificates are not held in the `Catalogue` (a million at scale): they are read one file at a
time by `iter_certificates`, from the files that `check_certificate_files` found without problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from generator.certificates.assign import assign_codes
from generator.certificates.check import check_certificate_files
from generator.certificates.fastread import read_canonical
from generator.certificates.names import canonical_name
from generator.certificates.revoke import revoke_certificate
from generator.load.yamlio import load_fast, read_text
from generator.model import Certificate, CertificateFile

__all__ = ["assign_codes", "canonical_name", "check_certificate_files", "iter_certificates",
           "revoke_certificate"]


def iter_certificates(catalogue_dir: Path, certificate_file: CertificateFile) -> Iterator[Certificate]:
    """The certificates of one checked file, in file order."""
    path = catalogue_dir / certificate_file.path
    data = read_canonical(read_text(path, certificate_file.path)) or load_fast(path, certificate_file.path)
    enterprise_id = certificate_file.enterprise_id
    parse = dt.date.fromisoformat
    for record in data["certificates"]:
        revoked_on = record.get("revoked_on")
        yield Certificate(
            number=record["number"],
            holder_name=record["name"],
            id_number=record["id_number"],
            occupation_code=record["occupation"],
            level=record["level"],
            issued_on=parse(record["issued"]),
            enterprise_id=enterprise_id,
            status=record.get("status", "valid"),
            revoked_on=parse(revoked_on) if revoked_on else None,
            revocation_reason=record.get("revocation_reason"),
            query_code=record["query_code"],
        )
