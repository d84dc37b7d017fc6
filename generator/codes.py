"""Check characters and layouts of the national numbering rules (FACTS.md)."""

from __future__ import annotations

import datetime as dt
import re

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# `\Z`, not `$`: `$` also matches before a final line end, which would let "…\n" through.
EVALUATION_CODE = re.compile(r"^Y000022[0-9]{6}\Z")
CERTIFICATE_NUMBER = re.compile(r"^[YS][0-9]{21}\Z")
ID_NUMBER = re.compile(r"^[0-9]{17}[0-9X]\Z")


def credit_check_char(first17: str) -> str:
    """Check character of a unified social credit code (GB 32100-2015)."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def id_check_char(first17: str) -> str:
    """Check character of a resident ID number (GB 11643-1999)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(id_number: str) -> dt.date | None:
    """Birth date in positions 7–14, or None when it is not a real date."""
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """A real calendar date written YYYY-MM-DD, else None."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
