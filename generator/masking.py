"""Masked display of a holder's name (FACTS.md): 张*明, 张*, 阿依古丽·**."""

from __future__ import annotations

MIDDLE_DOT = "\u00b7"
# Look-alikes of the middle dot written in names (FACTS.md), plus two that NFKC leaves alone.
LOOKALIKE_DOTS = "\u2022\u2027\u30fb\uff65\u2219\u22c5"
DOT_TABLE = str.maketrans(dict.fromkeys(LOOKALIKE_DOTS, MIDDLE_DOT))


def mask_name(name: str) -> str:
    chars = list(name)  # code points: a character outside the BMP counts once
    if not chars:
        return ""
    if MIDDLE_DOT in chars:
        first = name.split(MIDDLE_DOT, 1)[0]
        return f"{first}{MIDDLE_DOT}**"
    if len(chars) <= 2:
        return chars[0] + "*"
    return chars[0] + "*" * (len(chars) - 2) + chars[-1]
