"""Version 2 of the lookup index: the query bytes and the fixed-size binary record.

Everything here is mirrored in `lookup/core.js`; a change of layout is a new FORMAT_VERSION.

A query is a certificate number and its verification code (`generator.lookup.code`), both
normalised:

    q = "JLVSC-LOOKUP" ‖ version (u8) ‖ number (22 ASCII) ‖ code (12 ASCII)        47 bytes

Record (RECORD_SIZE bytes, integers big-endian). It holds no number: the number is part of the
key that opens the record, so a record that opens belongs to the number that was typed.

    0   u8   record layout version (2)
    1   u8   flags: bit 0 revoked
    2   u8   level code (1–5)
    3   u16  issue date, days since 2000-01-01
    5   u24  occupation code D-MM-SS-XX packed as the decimal number DMMSSXX
    8   u16  revocation date, days since 2000-01-01 (0: none)
    10  u8   revocation reason code (0: none)
    11  u8   length in bytes of the masked name
    12  ...  masked name, UTF-8, zero-padded to the end of the record
"""

from __future__ import annotations

import datetime as dt
import functools
import struct
from dataclasses import dataclass

from generator.lookup.code import LENGTH as CODE_LENGTH
from generator.lookup.normalise import MIDDLE_DOT, normalise_name
from generator.masking import mask_name
from generator.model import Certificate

FORMAT = "jlvsc-lookup"
FORMAT_VERSION = 2
DOMAIN = b"JLVSC-LOOKUP"
RECORD_VERSION = 2
RECORD_SIZE = 32
TAG_SIZE = 8  # lookup tag in front of each entry
SIV_SIZE = 16  # synthetic IV: authenticates the record and starts its keystream
ENTRY_SIZE = TAG_SIZE + SIV_SIZE + RECORD_SIZE  # 56
HEAD_SIZE = 12
NAME_BYTES = RECORD_SIZE - HEAD_SIZE
EPOCH = dt.date(2000, 1, 1)
QUERY_SIZE = len(DOMAIN) + 1 + 22 + CODE_LENGTH

_HEAD = struct.Struct(">BBBH3sHBB")
assert _HEAD.size == HEAD_SIZE


def query_bytes(number: str, code: str) -> bytes:
    """Canonical bytes q of a normalised, well-formed query."""
    q = DOMAIN + bytes([FORMAT_VERSION]) + number.encode("ascii") + code.encode("ascii")
    if len(q) != QUERY_SIZE:
        raise ValueError("a query needs a 22-character number and a 12-character code")
    return q


def certificate_query(cert: Certificate) -> bytes:
    """The query that finds a certificate: its number and its verification code."""
    if not cert.query_code:
        raise ValueError(f"certificate in {cert.enterprise_id} has no verification code")
    return query_bytes(cert.number, cert.query_code)


@functools.lru_cache(maxsize=65536)
def _days(day: dt.date) -> int:
    days = (day - EPOCH).days
    if not 0 < days < 65536:
        raise ValueError(f"date {day} outside the index's range (2000-01-02 to 2179)")
    return days


@functools.lru_cache(maxsize=4096)
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
    revoked = cert.status == "revoked"
    masked = masked_name(cert.holder_name).encode("utf-8")
    head = _HEAD.pack(
        RECORD_VERSION, 1 if revoked else 0, cert.level, _days(cert.issued_on),
        _pack_occupation(cert.occupation_code).to_bytes(3, "big"),
        _days(cert.revoked_on) if revoked and cert.revoked_on else 0,
        (cert.revocation_reason or 0) if revoked else 0, len(masked),
    )
    return head + masked.ljust(NAME_BYTES, b"\x00")


@dataclass(frozen=True)
class Record:
    """A decoded record with the number it was found under: what the page shows for a match."""

    number: str
    evaluation_code: str
    revoked: bool
    level: int
    issued_on: dt.date
    occupation_code: str
    revoked_on: dt.date | None
    revocation_reason: int | None
    masked_name: str


def decode_record(data: bytes, number: str) -> Record:
    if len(data) != RECORD_SIZE:
        raise ValueError(f"record has {len(data)} bytes (expected {RECORD_SIZE})")
    version, flags, level, issued, occupation, revoked_on, reason, name_len = _HEAD.unpack(data[:HEAD_SIZE])
    if version != RECORD_VERSION:
        raise ValueError(f"record layout version {version} (expected {RECORD_VERSION})")
    return Record(
        number=number, evaluation_code=number[:13], revoked=bool(flags & 1), level=level,
        issued_on=EPOCH + dt.timedelta(days=issued),
        occupation_code=unpack_occupation(int.from_bytes(occupation, "big")),
        revoked_on=EPOCH + dt.timedelta(days=revoked_on) if revoked_on else None,
        revocation_reason=reason or None,
        masked_name=data[HEAD_SIZE:HEAD_SIZE + name_len].decode("utf-8"),
    )
