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

SHORT_NAME = 4  # a surname and a given name: nearly every name without a middle dot
LONG_NAME = 30
_BASE = np.uint64(0x100000001B3)
_LENGTH_MIX = np.uint64(0x9E3779B97F4A7C15)
_DOT = ord(MIDDLE_DOT)

NUMBER = re.compile(r"[YS][0-9]{21}")
_ID_RUN = re.compile(r"[0-9]{17,}[0-9Xx]?")
# Runs that could hold a code: its characters in either case, with the separators of its printed form.
# (0, 1, I and O are never in a code, so they end a run.)
_CODE_CHAR = "2-9A-HJ-NP-Za-hj-np-z"
_CODE_RUN = re.compile(f"[{_CODE_CHAR}][{_CODE_CHAR} -]{{{CODE_LENGTH - 2},}}[{_CODE_CHAR}]")
_CODE_SEPARATORS = str.maketrans("", "", "- ")
NAME_CHARS = f"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f{MIDDLE_DOT}{LOOKALIKE_DOTS}"
_NAME_RUN = re.compile(f"[{NAME_CHARS}]{{2,}}")
NAME_ONLY = re.compile(f"[{NAME_CHARS}]+")


def _none() -> np.ndarray:
    return np.empty(0, dtype=np.uint64)


@dataclass
class Tokens:
    """The candidate values of one view of a file, as hashes (sorted, unique)."""

    numbers: np.ndarray = field(default_factory=_none)  # every substring shaped like a certificate number
    ids: np.ndarray = field(default_factory=_none)  # every 18-character window of a run of digits
    codes: np.ndarray = field(default_factory=_none)  # every 12-character window of a run of letters, digits
    names: np.ndarray = field(default_factory=_none)  # every window that could be a name
    runs: str = ""  # the runs of CJK characters and dots, joined by "\n" (for long names)

    def empty(self) -> bool:
        return not (len(self.numbers) or len(self.ids) or len(self.codes) or len(self.names) or self.runs)


def name_hash(name: str) -> int:
    """The hash a name's window gets in `window_hashes` (the name in canonical form)."""
    return int(window_hashes([name.translate(DOT_TABLE)], exact=len(name))[0])


def hash_values(values: list[str]) -> np.ndarray:
    """The hashes of whole values (each as the one window of its own length), sorted and unique."""
    by_length: dict[int, list[str]] = {}
    for value in values:
        by_length.setdefault(len(value), []).append(value)
    parts = [_hashes(group, [length], dotted_only=False) for length, group in by_length.items()]
    return np.unique(np.concatenate(parts)) if parts else _none()


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


# Byte classes for a quick look at raw bytes before the regular expressions run on their text: a
# digit run (17 for an ID number, 21 after the letter of a certificate number) or a run of code
# characters and separators (12) is the same run in the bytes and in their UTF-8 reading, since
# every other byte decodes to a character outside these classes.
_DIGITS = bytes(ord("d") if chr(b).isascii() and chr(b).isdigit() else ord(".") for b in range(256))
_CODE_BYTES = bytes(ord("c") if re.fullmatch(f"[{_CODE_CHAR} -]", chr(b)) else ord(".") for b in range(256))
_ID_LENGTH = 17


def ascii_runs(data: bytes) -> tuple[bool, bool]:
    """Whether the bytes could hold a digit run long enough for an ID number, and a run long enough
    for a code (most lookup units hold neither, and then two expressions need not run)."""
    return (b"d" * _ID_LENGTH in data.translate(_DIGITS), b"c" * CODE_LENGTH in data.translate(_CODE_BYTES))


def view_tokens(text: str, shared: dict[str, np.ndarray] | None = None,
                runs: tuple[bool, bool] = (True, True)) -> Tokens:
    """The tokens of one reading. `runs`: `ascii_runs` of the bytes the reading decodes, when known."""
    digits, letters = runs
    numbers = NUMBER.findall(text) if digits else []
    ids = "\x00".join(_ID_RUN.findall(text)).upper().split("\x00") \
        if digits and ("0" in text or "1" in text) else []
    codes = "\x00".join(_CODE_RUN.findall(text)).translate(_CODE_SEPARATORS).upper().split("\x00") \
        if letters else []
    runs = "\x00".join(_NAME_RUN.findall(text)).translate(DOT_TABLE).split("\x00")
    ids, codes, runs = [i for i in ids if i], [c for c in codes if c], [r for r in runs if r]
    joined = "\n".join(runs)
    names = shared.get(joined) if shared is not None else None
    if names is None:
        names = window_hashes(runs) if runs else _none()
        if shared is not None:
            shared[joined] = names
    return Tokens(_hashes(numbers, [22], dotted_only=False) if numbers else _none(),
                  _hashes(ids, [18], dotted_only=False) if ids else _none(),
                  _hashes(codes, [CODE_LENGTH], dotted_only=False) if codes else _none(), names, joined)


def file_tokens(data: bytes) -> list[tuple[str, Tokens]]:
    """(encoding, tokens) of every view of a file's bytes that holds any token. Views whose runs of
    CJK characters are the same (most pages read the same as UTF-8 and with entities decoded) share
    one array of name hashes, which the cache then stores once."""
    out = []
    shared: dict[str, np.ndarray] = {}
    for encoding, view in views_of(data):
        # the plain reading is the bytes themselves: look at them before running the expressions
        tokens = view_tokens(view, shared, ascii_runs(data) if encoding == "utf-8" else (True, True))
        if not tokens.empty():
            out.append((encoding, tokens))
    return out
