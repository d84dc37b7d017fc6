"""Version 1 of the lookup index: query bytes and the fixed-size binary record.

Everything here is mirrored in `lookup/core.js`; a change of layout is a new FORMAT_VERSION.

Record (RECORD_SIZE bytes, integers big-endian):

    0   u8   record layout version (1)
    1   u8   flags: bit 0 revoked, bit 1 evaluation body type S (else Y)
    2   u16  body code, certificate number positions 2–5
    4   u8   province code, positions 6–7
    5   u24  evaluation site serial, positions 8–13
    8   u24  certificate serial, positions 17–22
    11  u8   level code, position 16
    12  u8   issue year, positions 14–15
    13  u16  issue date, days since 2000-01-01
    15  u24  occupation code D-MM-SS-XX packed as the decimal number DMMSSXX
    18  u16  revocation date, days since 2000-01-01 (0: none)
    20  u8   revocation reason code (0: none)
    21  u8   length in bytes of the masked name
    22  ...  masked name, UTF-8, zero-padded to the end of the record
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass

from generator.lookup.normalise import MIDDLE_DOT, MODE_ID, MODE_NUMBER, normalise_id, normalise_name
from generator.masking import mask_name
from generator.model import Certificate

FORMAT = "jlvsc-lookup"
FORMAT_VERSION = 1
DOMAIN = b"JLVSC-LOOKUP"
RECORD_VERSION = 1
RECORD_SIZE = 40
TAG_SIZE = 8  # lookup tag in front of each entry
GCM_TAG_SIZE = 16
ENTRY_SIZE = TAG_SIZE + RECORD_SIZE + GCM_TAG_SIZE  # 64
NAME_BYTES = RECORD_SIZE - 22
EPOCH = dt.date(2000, 1, 1)

_HEAD = struct.Struct(">BBHB3s3sBBH3sHBB")
assert _HEAD.size == 22


def query_bytes(mode: str, key: str, name: str) -> bytes:
    """Canonical bytes q of a normalised query: domain, version, mode, key, NUL, name."""
    return (DOMAIN + bytes([FORMAT_VERSION]) + mode.encode("ascii") + key.encode("utf-8") + b"\x00"
            + name.encode("utf-8"))


def certificate_queries(cert: Certificate) -> list[bytes]:
    """The two queries that find a certificate: number + name, ID number + name."""
    name = normalise_name(cert.holder_name)
    return [query_bytes(MODE_NUMBER, cert.number.upper(), name),
            query_bytes(MODE_ID, normalise_id(cert.id_number), name)]


def _days(day: dt.date) -> int:
    days = (day - EPOCH).days
    if not 0 < days < 65536:
        raise ValueError(f"date {day} outside the index's range (2000-01-02 to 2179)")
    return days


def _pack_occupation(code: str) -> int:
    parts = code.split("-")
    if len(parts) != 4 or len(parts[0]) != 1 or any(len(p) != 2 for p in parts[1:]):
        raise ValueError(f"occupation code {code!r} is not D-MM-SS-XX")
    return int("".join(parts))


def unpack_occupation(value: int) -> str:
    digits = f"{value:07d}"
    return f"{digits[0]}-{digits[1:3]}-{digits[3:5]}-{digits[5:7]}"


def masked_name(name: str) -> str:
    """The site's masked display of a name (generator.masking), cut to fit the record if needed."""
    name = normalise_name(name)
    masked = mask_name(name)
    if len(masked.encode("utf-8")) <= NAME_BYTES:
        return masked
    chars = list(name)
    if MIDDLE_DOT not in chars:
        return chars[0] + "*" + chars[-1]
    kept = name.split(MIDDLE_DOT, 1)[0]
    while len((kept + "*" + MIDDLE_DOT + "**").encode("utf-8")) > NAME_BYTES:
        kept = kept[:-1]
    return kept + "*" + MIDDLE_DOT + "**"


def encode_record(cert: Certificate) -> bytes:
    number = cert.number
    revoked = cert.status == "revoked"
    flags = (1 if revoked else 0) | (2 if number[0] == "S" else 0)
    masked = masked_name(cert.holder_name).encode("utf-8")
    head = _HEAD.pack(
        RECORD_VERSION, flags, int(number[1:5]), int(number[5:7]),
        int(number[7:13]).to_bytes(3, "big"), int(number[16:22]).to_bytes(3, "big"),
        int(number[15]), int(number[13:15]), _days(cert.issued_on),
        _pack_occupation(cert.occupation_code).to_bytes(3, "big"),
        _days(cert.revoked_on) if revoked and cert.revoked_on else 0,
        (cert.revocation_reason or 0) if revoked else 0, len(masked),
    )
    return head + masked.ljust(NAME_BYTES, b"\x00")


@dataclass(frozen=True)
class Record:
    """A decoded record: what the page shows for a match (no full name, no ID number)."""

    number: str
    evaluation_code: str
    revoked: bool
    level: int
    issued_on: dt.date
    occupation_code: str
    revoked_on: dt.date | None
    revocation_reason: int | None
    masked_name: str


def decode_record(data: bytes) -> Record:
    if len(data) != RECORD_SIZE:
        raise ValueError(f"record has {len(data)} bytes (expected {RECORD_SIZE})")
    (version, flags, body, province, site, serial, level, year, issued, occupation, revoked_on, reason,
     name_len) = _HEAD.unpack(data[:22])
    if version != RECORD_VERSION:
        raise ValueError(f"record layout version {version} (expected {RECORD_VERSION})")
    evaluation_code = f"{'S' if flags & 2 else 'Y'}{body:04d}{province:02d}{int.from_bytes(site, 'big'):06d}"
    number = f"{evaluation_code}{year:02d}{level}{int.from_bytes(serial, 'big'):06d}"
    return Record(
        number=number, evaluation_code=evaluation_code, revoked=bool(flags & 1), level=level,
        issued_on=EPOCH + dt.timedelta(days=issued),
        occupation_code=unpack_occupation(int.from_bytes(occupation, "big")),
        revoked_on=EPOCH + dt.timedelta(days=revoked_on) if revoked_on else None,
        revocation_reason=reason or None,
        masked_name=data[22:22 + name_len].decode("utf-8"),
    )
