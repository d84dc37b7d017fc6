"""Normalisation and validation of a lookup query: certificate number and verification code.

`lookup/normalise.js` implements the same rules for the browser; `tests/lookup/vectors.json` holds
cases generated from this module that the Node tests check against the JavaScript, so both sides
turn the same input into the same bytes and the same messages.
"""

from __future__ import annotations

import re
import unicodedata

from generator.lookup.code import check_code, normalise_code
from generator.masking import LOOKALIKE_DOTS, MIDDLE_DOT

# The middle dot and its look-alikes in names (FACTS.md); NFKC already maps U+FF65 to U+30FB.
_DOTS = re.compile(f"[{MIDDLE_DOT}{LOOKALIKE_DOTS}]")
# Whitespace removed from every field; listed explicitly so that JavaScript uses the very same set.
_SPACE = re.compile("[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200b"
                    "\u2028\u2029\u202f\u205f\u3000\ufeff]")
_ASCII_LOWER = re.compile("[a-z]+")

FIELD_NUMBER = "number"
FIELD_CODE = "code"


def _clean(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def normalise_number(text: str) -> str:
    """Certificate number: NFKC, no whitespace, ASCII letters upper-case."""
    return _ASCII_LOWER.sub(lambda m: m.group(0).upper(), _clean(text))


def normalise_name(text: str) -> str:
    """Name: NFKC, no whitespace, every look-alike middle dot becomes U+00B7 (for masking and scans)."""
    return _DOTS.sub(MIDDLE_DOT, _clean(text))


def check_number(number: str) -> str | None:
    """Message for a malformed (normalised) certificate number, or None."""
    chars = list(number)
    if not chars:
        return "请填写证书编号。"
    if len(chars) != 22:
        return f"证书编号应为 22 位（1 个字母加 21 位数字），现在是 {len(chars)} 位。"
    if chars[0] not in "YS":
        return "证书编号第 1 位应为字母 Y 或 S。"
    for position, char in enumerate(chars[1:], start=2):
        if char not in "0123456789":
            return f"证书编号第 {position} 位应为数字。"
    if number[5:7] != "22":
        return "证书编号第 6–7 位是省份代码，本站只收录吉林省（22）发放的证书。"
    if number[15] not in "12345":
        return "证书编号第 16 位是等级代码，应为 1–5。"
    return None


def validate_query(number: str, code: str) -> tuple[str, str, list[tuple[str, str]]]:
    """Normalise a query; return (number, code, problems) with problems as (field, message) pairs."""
    problems: list[tuple[str, str]] = []
    number = normalise_number(number)
    number_problem = check_number(number)
    if number_problem:
        problems.append((FIELD_NUMBER, number_problem))
    code = normalise_code(code)
    code_problem = check_code(code)
    if code_problem:
        problems.append((FIELD_CODE, code_problem))
    return number, code, problems
