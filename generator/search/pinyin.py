"""Pinyin and initials of names, so that `changchun`, `hongda` or `gzl` find the page.

Only page titles (enterprise names, policy titles) and places marked in the templates get them. For
each syllable of a name the index holds the next four syllables joined (`hongdazhongxingji…`) and the
next six initials (`hdzxjx`): Pagefind matches a query word as a prefix, so a query of up to four
syllables, or up to six initials, starting at any syllable of the name, finds it.

The words are written between two `qzzz` markers, which the browser removes from excerpts; `qzzz`
cannot be a pair token (those use only the letters a–p after `qz`).
"""

from __future__ import annotations

from generator.search.fold import fold
from generator.search.tokens import HAN_RUN

MARKER = "qzzz"
SYLLABLES = 4
INITIALS = 6


def _syllables(run: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # imported on first use: its tables take a moment to load

    return [s for s in lazy_pinyin(run, style=Style.NORMAL, errors="ignore") if s.isascii() and s.isalpha()]


def pinyin_words(text: str) -> list[str]:
    """Pinyin words of the Han runs of `text`, in order, without repeats."""
    words: list[str] = []
    for run in HAN_RUN.findall(fold(text)):
        syllables = _syllables(run)
        for i in range(len(syllables)):
            words.append("".join(syllables[i : i + SYLLABLES]))
            initials = "".join(s[0] for s in syllables[i : i + INITIALS])
            if len(initials) > 1:
                words.append(initials)
    return list(dict.fromkeys(words))


def pinyin_block(text: str) -> str:
    """The words as written into the indexed page: ` qzzz words… qzzz `, or "" when there are none."""
    words = pinyin_words(text)
    return f" {MARKER} {' '.join(words)} {MARKER} " if words else ""
