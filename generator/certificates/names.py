"""Holders' names in their stored (canonical) form.

The lookup normalises a query with NFKC, drops spaces and writes every look-alike middle dot as
U+00B7 (FACTS.md). Stored names are kept in that same form, so that a query typed either way
finds them; a stored name in another form is reported rather than silently rewritten.
"""

from __future__ import annotations

import re
import unicodedata

from generator.masking import DOT_TABLE as _DOT_TABLE
from generator.masking import LOOKALIKE_DOTS, MIDDLE_DOT

MAX_NAME_LENGTH = 30
_SPACE = re.compile(r"\s+")
# CJK unified ideographs: Extension A, the main block, 〇, and Extensions B–G (outside the BMP).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_NAME = re.compile(f"[{HAN}]+(?:{MIDDLE_DOT}[{HAN}]+)*")
_NOT_HAN = re.compile(f"[^{HAN}]")


def canonical_name(text: str) -> str:
    """The stored form of a name: NFKC, no spaces, U+00B7 for every look-alike middle dot."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_DOT_TABLE))


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip() if name else f"U+{ord(char):04X}"


def name_problem(name: str) -> str | None:
    """What is wrong with a stored holder name, or None. The message never repeats the name."""
    if _NAME.fullmatch(name) and len(name) <= MAX_NAME_LENGTH and len(name) >= 2:
        return None
    if not name.strip():
        return "the name is empty (expected the holder's name in Chinese characters)"
    canonical = canonical_name(name)
    if canonical != name:
        position, have = next(((i, a) for i, (a, b) in enumerate(zip(name, canonical, strict=False), start=1)
                               if a != b), (min(len(name), len(canonical)) + 1, ""))
        if not have and position <= len(name):
            have = name[position - 1]
        if have and (have.isspace() or have in LOOKALIKE_DOTS):
            what = "a space" if have.isspace() else f"the look-alike dot {_describe(have)}"
            return (f"character {position} is {what} (expected the canonical form: no spaces, "
                    "middle dots written as U+00B7 ·)")
        return (f"character {position} ({_describe(have)}) is not in NFKC form "
                "(expected the canonical form, e.g. half-width letters, U+00B7 · for middle dots)")
    if len(name) > MAX_NAME_LENGTH:
        return f"the name has {len(name)} characters (expected at most {MAX_NAME_LENGTH})"
    for position, char in enumerate(name, start=1):
        if char != MIDDLE_DOT and _NOT_HAN.match(char):
            return (f"character {position} ({_describe(char)}) is not a Chinese character "
                    "(expected Chinese characters, with U+00B7 · between the parts of a name)")
    if len(name) < 2:
        return "the name has 1 character (expected at least 2: surname and given name)"
    return ("a middle dot must stand between two parts of the name "
            "(expected e.g. 阿依古丽·买买提: no leading, trailing or doubled dot)")
