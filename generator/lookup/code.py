"""The verification code (查询码) printed on each certificate and carried in its QR code.

A code is 12 characters drawn by a CSPRNG from a 32-character alphabet (60 bits), assigned when a
certificate enters the catalogue and never changed or reused. The lookup needs the certificate
number and the code, so what is printed on the certificate, not what can be guessed about its
holder, opens a record. The alphabet leaves out the look-alikes 0/O and 1/I; input is read
leniently (case, spaces, hyphens, full-width forms), the same way in `lookup/normalise.js`
(shared vectors in tests/lookup/vectors.json).
"""

from __future__ import annotations

import re
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 12
BITS = LENGTH * 5  # 60
GROUP = 4  # printed as XXXX-XXXX-XXXX

CODE_PATTERN = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")
# Separators people type or copy between groups: whitespace, hyphens and dashes of every width, dots.
# Listed one by one so that `lookup/normalise.js` uses the very same set.
_SEPARATORS = re.compile("[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f"
                         "\u3000\ufeff\\-\u2010-\u2015\u2212\u30fc_.\u00b7]")
_LOWER = re.compile("[a-z]+")
_CONFUSED = {"0": "数字 0", "1": "数字 1", "O": "字母 O", "I": "字母 I"}


def new_code() -> str:
    """A fresh code from the operating system's CSPRNG."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(text: str) -> str:
    """NFKC (full-width to ASCII), separators removed, ASCII letters upper-case."""
    return _LOWER.sub(lambda m: m.group(0).upper(), _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)))


def check_code(code: str) -> str | None:
    """Message for a malformed (normalised) code, or None."""
    chars = list(code)
    if not chars:
        return "请填写查询码。"
    if len(chars) != LENGTH:
        return f"查询码应为 {LENGTH} 位字母和数字，现在是 {len(chars)} 位。"
    for position, char in enumerate(chars, start=1):
        if char in _CONFUSED:
            return (f"查询码第 {position} 位是{_CONFUSED[char]}，查询码中没有数字 0、1 和字母 O、I，"
                    "请对照证书核对（可能是形近的字符）。")
        if char not in ALPHABET:
            return f"查询码第 {position} 位“{char}”不是查询码使用的字符（数字 2–9 和字母）。"
    return None


def display_code(code: str) -> str:
    """`ABCD-EFGH-JKMN`: the printed form, in groups of four."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def is_code(value: object) -> bool:
    return isinstance(value, str) and CODE_PATTERN.fullmatch(value) is not None
