"""What a built file could reveal, read once per file content and kept for the next build.

The privacy scan looks for holders' values in every file of the site, in every common encoding
(`views`). Decoding those views is the expensive part, and it does not depend on which holders
exist: so each file is reduced to its *tokens* — every substring shaped like a certificate
number, an ID number or a verification code, and a hash of every substring that could be a name —
and the tokens are cached by the file's content. A rebuild decodes only new or changed files and
matches every file's tokens against the current holders.

Names are matched by a polynomial hash of their code points (mod 2^64), computed for every window
of 2 to SHORT_NAME characters of each run of CJK characters and middle dots, and for windows up to
LONG_NAME characters that contain a middle dot (the names of several parts). A name longer than
SHORT_NAME without a middle dot is searched as text in the file's runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from generator.checks.views import views_of
from generator.lookup.code import LENGTH as CODE_LENGTH
from generator.masking import DOT_TABLE, LOOKALIKE_DOTS, MIDDLE_DOT

SHORT_NAME = 6
LONG_NAME = 30
_BASE = np.uint64(0x100000001B3)
_LENGTH_MIX = np.uint64(0x9E3779B97F4A7C15)
_DOT = ord(MIDDLE_DOT)

NUMBER = re.compile(r"[YS][0-9]{21}")
_ID_RUN = re.compile(r"[0-9]{17,}[0-9Xx]?")
_CODE_RUN = re.compile(rf"[0-9A-Za-z](?:[- ]?[0-9A-Za-z]){{{CODE_LENGTH - 1},}}")
_CODE_SEPARATORS = re.compile("[- ]")
NAME_CHARS = f"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f{MIDDLE_DOT}{LOOKALIKE_DOTS}"
_NAME_RUN = re.compile(f"[{NAME_CHARS}]{{2,}}")
NAME_ONLY = re.compile(f"[{NAME_CHARS}]+")


@dataclass
class Tokens:
    """The candidate values of one view of a file."""

    numbers: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()
    names: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))  # sorted, unique
    runs: str = ""  # the runs of CJK characters and dots, joined by "\n" (for long names)

    def empty(self) -> bool:
        return not (self.numbers or self.ids or self.codes or len(self.names) or self.runs)


def name_hash(name: str) -> int:
    """The hash a name's window gets in `window_hashes` (the name in canonical form)."""
    return int(window_hashes([name.translate(DOT_TABLE)], exact=len(name))[0])


def window_hashes(runs: list[str], exact: int | None = None) -> np.ndarray:
    """Hashes of every window of the runs: lengths 2..SHORT_NAME, and longer ones holding a dot
    (only `exact` characters long when given)."""
    if exact is not None:
        return _hashes(runs, [exact], dotted_only=False)
    short = _hashes(runs, range(2, SHORT_NAME + 1), dotted_only=False)
    dotted = [run for run in runs if MIDDLE_DOT in run]
    if not dotted:
        return short
    return np.union1d(short, _hashes(dotted, range(SHORT_NAME + 1, LONG_NAME + 1), dotted_only=True))


def _hashes(runs: list[str], lengths: Iterable[int], *, dotted_only: bool) -> np.ndarray:
    points = np.frombuffer("\x00".join(runs).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(points)
    separators = np.concatenate(([0], np.cumsum(points == 0)))
    dots = np.concatenate(([0], np.cumsum(points == _DOT)))
    parts = []
    with np.errstate(over="ignore"):
        for length in lengths:
            if length > count:
                break
            windows = count - length + 1
            value = np.zeros(windows, dtype=np.uint64)
            for offset in range(length):
                value = value * _BASE + points[offset:offset + windows]
            keep = separators[length:] - separators[:windows] == 0
            if dotted_only:
                keep &= dots[length:] - dots[:windows] > 0
            parts.append(value[keep] + np.uint64(length) * _LENGTH_MIX)
    if not parts:
        return np.empty(0, dtype=np.uint64)
    return np.unique(np.concatenate(parts))


def view_tokens(text: str) -> Tokens:
    numbers = frozenset(match.group() for match in NUMBER.finditer(text))
    ids = set()
    for match in _ID_RUN.finditer(text):
        run = match.group().upper()
        ids.update(run[i:i + 18] for i in range(len(run) - 17))
    codes = set()
    for match in _CODE_RUN.finditer(text):
        run = _CODE_SEPARATORS.sub("", match.group()).upper()
        codes.update(run[i:i + CODE_LENGTH] for i in range(len(run) - CODE_LENGTH + 1))
    runs = [match.group().translate(DOT_TABLE) for match in _NAME_RUN.finditer(text)]
    return Tokens(numbers, frozenset(ids), frozenset(codes), window_hashes(runs) if runs else
                  np.empty(0, dtype=np.uint64), "\n".join(runs))


def file_tokens(data: bytes) -> list[tuple[str, Tokens]]:
    """(encoding, tokens) of every view of a file's bytes that holds any token."""
    out = []
    for encoding, view in views_of(data):
        tokens = view_tokens(view)
        if not tokens.empty():
            out.append((encoding, tokens))
    return out
