"""Masked display of a holder's name (FACTS.md): 张*明, 张*, 阿依古丽·**."""

from __future__ import annotations

MIDDLE_DOT = "\u00b7"


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
