"""Normalisation and validation of lookup queries.

`lookup/normalise.js` implements the same rules for the browser; `tests/lookup/vectors.json` holds
cases generated from this module that the Node tests check against the JavaScript, so both sides
turn the same input into the same bytes and the same messages.
"""

from __future__ import annotations

import re
import unicodedata

from generator.codes import id_birth_date, id_check_char
from generator.masking import LOOKALIKE_DOTS, MIDDLE_DOT

MODE_NUMBER = "A"  # certificate number + name
MODE_ID = "B"  # ID number + name

# The middle dot and its look-alikes in names (FACTS.md); NFKC already maps U+FF65 to U+30FB.
_DOTS = re.compile(f"[{MIDDLE_DOT}{LOOKALIKE_DOTS}]")
# Whitespace removed from every field; listed explicitly so that JavaScript uses the very same set.
_SPACE = re.compile("[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200b"
                    "\u2028\u2029\u202f\u205f\u3000\ufeff]")
_ASCII_LOWER = re.compile("[a-z]+")

NAME_MAX = 30  # characters (code points)
FIELD_NUMBER = "number"
FIELD_ID = "id_number"
FIELD_NAME = "name"


def _clean(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def normalise_number(text: str) -> str:
    """Certificate number: NFKC, no whitespace, ASCII letters upper-case."""
    return _ASCII_LOWER.sub(lambda m: m.group(0).upper(), _clean(text))


def normalise_id(text: str) -> str:
    """ID number: NFKC, no whitespace, a lower-case x becomes X."""
    return _clean(text).replace("x", "X")


def normalise_name(text: str) -> str:
    """Name: NFKC, no whitespace, every look-alike middle dot becomes U+00B7."""
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


def check_id(id_number: str) -> str | None:
    """Message for a malformed (normalised) ID number, or None."""
    chars = list(id_number)
    if not chars:
        return "请填写身份证号码。"
    if len(chars) != 18:
        return f"身份证号码应为 18 位，现在是 {len(chars)} 位。"
    for position, char in enumerate(chars[:17], start=1):
        if char not in "0123456789":
            return f"身份证号码第 {position} 位应为数字。"
    if chars[17] not in "0123456789X":
        return "身份证号码第 18 位应为数字或字母 X。"
    if id_birth_date(id_number) is None:
        return f"身份证号码第 7–14 位的出生日期 {id_number[6:14]} 不是有效日期。"
    if id_check_char(id_number[:17]) != id_number[17]:
        return "身份证号码第 18 位（校验码）与前 17 位不符，请核对是否输错。"
    return None


def check_name(name: str) -> str | None:
    """Message for a malformed (normalised) name, or None."""
    chars = list(name)
    if not chars:
        return "请填写姓名。"
    if len(chars) > NAME_MAX:
        return f"姓名最多 {NAME_MAX} 个字，现在是 {len(chars)} 个字。"
    for char in chars:
        if char != MIDDLE_DOT and unicodedata.category(char)[0] not in "LM":
            return "姓名只能包含文字和间隔号“·”，不能有数字或其他符号。"
    if chars[0] == MIDDLE_DOT or chars[-1] == MIDDLE_DOT:
        return "姓名的开头和结尾不能是间隔号“·”。"
    return None


def validate_query(mode: str, key: str, name: str) -> tuple[str, str, list[tuple[str, str]]]:
    """Normalise a query; return (key, name, problems) with problems as (field, message) pairs."""
    problems: list[tuple[str, str]] = []
    if mode == MODE_NUMBER:
        key = normalise_number(key)
        key_problem, key_field = check_number(key), FIELD_NUMBER
    elif mode == MODE_ID:
        key = normalise_id(key)
        key_problem, key_field = check_id(key), FIELD_ID
    else:
        raise ValueError(f"unknown lookup mode {mode!r} (expected 'A' or 'B')")
    if key_problem:
        problems.append((key_field, key_problem))
    name = normalise_name(name)
    name_problem = check_name(name)
    if name_problem:
        problems.append((FIELD_NAME, name_problem))
    return key, name, problems

