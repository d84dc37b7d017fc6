"""The words the search index holds for Chinese text, and the words a query is turned into.

Pagefind 1.5 segments Chinese twice, differently: the indexer cuts page text with its dictionary
segmenter, while the browser cuts the query with `Intl.Segmenter`. Where the two disagree
(松澜药业 → 松|澜|药|业 in the browser, 松澜|药业 in the index) a query word has no index word to match.
So every run of Han characters is also indexed as overlapping character pairs, each written as a
lowercase-letter "pair token" (`qz` + the two code points spelled with the letters a–p). Both
segmenters leave such a token whole, so the browser (`assets/search/query.js`) turns a query into the
same tokens. The last character of a run is also written alone, and Pagefind matches query words as
prefixes, so a one-character query finds every pair that starts with it.

Before the tokens are made, text is folded from traditional to simplified characters (`fold.py`),
here and in the browser, and a text that holds a word of a synonym group (`synonyms.yaml`) also gets
the tokens of the same text written with the group's other words.
"""

from __future__ import annotations

import re
from itertools import pairwise

from generator.search.fold import fold
from generator.search.synonyms import variants

TOKEN_PREFIX = "qz"
TOKEN_VERSION = 2  # 2: text folded to simplified characters; synonym variants
# The same ranges are written in assets/search/query.js; a test keeps the two equal.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_NIBBLES = 5  # enough for every code point above (up to U+3134F)


def encode_char(char: str) -> str:
    """One character as five letters a–p (one per hexadecimal digit of its code point)."""
    return "".join(chr(ord("a") + int(digit, 16)) for digit in f"{ord(char):0{_NIBBLES}x}")


def index_tokens(run: str) -> list[str]:
    """The tokens indexed for one run of Han characters: each adjacent pair, then the last character."""
    pairs = [TOKEN_PREFIX + encode_char(a) + encode_char(b) for a, b in pairwise(run)]
    return [*pairs, TOKEN_PREFIX + encode_char(run[-1])]


def query_tokens(run: str) -> list[str]:
    """The tokens searched for one run of Han characters in a query (mirrors query.js)."""
    if len(run) == 1:
        return [TOKEN_PREFIX + encode_char(run)]
    return [TOKEN_PREFIX + encode_char(a) + encode_char(b) for a, b in pairwise(run)]


def run_tokens(run: str, before: str = "") -> list[str]:
    """The tokens of one run as found in a page, folded to simplified characters.

    `before` is the Han character just before the run in the same line of text (`长春<a>宏达</a>`);
    the pair across the boundary is written first.
    """
    folded = fold(run)
    words = index_tokens(folded)
    if before:
        words.insert(0, TOKEN_PREFIX + encode_char(fold(before)) + encode_char(folded[0]))
    return words


def variant_tokens(text: str, written: set[str]) -> list[str]:
    """Tokens that the synonym variants of `text` hold and `written` does not."""
    out: list[str] = []
    for variant in variants(fold(text)):
        for run in HAN_RUN.findall(variant):
            for token in index_tokens(run):
                if token not in written:
                    written.add(token)
                    out.append(token)
    return out


def add_pair_tokens(text: str, before: str = "") -> str:
    """Plain text with the tokens of each Han run written after the run, and the tokens that synonym
    variants of the text add written at its end."""
    written: set[str] = set()

    def tokens(match: re.Match[str]) -> str:
        run = match.group(0)
        words = run_tokens(run, before if match.start() == 0 else "")
        written.update(words)
        return f"{run} {' '.join(words)} "

    out = HAN_RUN.sub(tokens, text)
    extra = variant_tokens(text, written) if written else []
    return f"{out}{' '.join(extra)} " if extra else out
