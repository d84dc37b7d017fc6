"""Fold traditional Chinese characters to simplified ones, for search only.

The table is OpenCC's traditional→simplified pair (TSPhrases, then TSCharacters), read from the very
files the browser loads (`site_templates/assets/search/opencc/`, copied from opencc-js), and applied
the way opencc-js applies it: at each position the longest phrase or character in the table is
replaced, phrases before characters. The build folds page text before it writes the search tokens;
the search page folds the query with opencc-js; so a query in either script meets the same tokens.

Every entry of these tables maps one code point to one code point, so folding keeps the length of a
text and the position of each character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from generator.errors import BuildError

TABLES = Path(__file__).resolve().parents[2] / "site_templates" / "assets" / "search" / "opencc"
# The converter's order of precedence: an entry of an earlier file wins over the same key of a later one.
TABLE_FILES = ("TSPhrases.js", "TSCharacters.js")
_MODULE = re.compile(r'\Aexport default "([^"\\]*)";\s*\Z')


def read_table(path: Path) -> dict[str, str]:
    """One opencc-js dictionary module: `export default "from to|from to|…";`."""
    match = _MODULE.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise BuildError(f"{path}: not an opencc-js dictionary module (expected export default \"a b|…\";)")
    table = {}
    for entry in match.group(1).split("|"):
        source, _, target = entry.partition(" ")
        if not source or not target:
            raise BuildError(f"{path}: dictionary entry {entry!r} is not 'source target'")
        table.setdefault(source, target)
    return table


@lru_cache(maxsize=4)
def load_folding(tables: Path = TABLES) -> Folding:
    merged: dict[str, str] = {}
    for name in TABLE_FILES:
        for source, target in read_table(tables / name).items():
            merged.setdefault(source, target)
    return Folding(merged)


class Folding:
    """Longest-match replacement over one merged table (opencc-js `Trie.convert`).

    Most entries are single characters, done with `str.translate`; the phrases are found with one
    regular expression whose alternatives are tried longest first. Scanning left to right, each
    position either starts the longest phrase found there or is converted as a single character,
    which is what the converter's trie does."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.characters = str.maketrans({k: v for k, v in table.items() if len(k) == 1})
        phrases = sorted((k for k in table if len(k) > 1), key=lambda k: (-len(k), k))
        self.phrases = re.compile("|".join(map(re.escape, phrases))) if phrases else None

    def convert(self, text: str) -> str:
        if self.phrases is None:
            return text.translate(self.characters)
        out: list[str] = []
        position = 0
        for match in self.phrases.finditer(text):
            out.append(text[position : match.start()].translate(self.characters))
            out.append(self.table[match.group(0)])
            position = match.end()
        out.append(text[position:].translate(self.characters))
        return "".join(out)


def fold(text: str) -> str:
    """Text as the search compares it: NFKC (which also maps CJK compatibility ideographs), then OpenCC
    traditional→simplified. The browser does the same (assets/search/fold.js)."""
    return load_folding().convert(unicodedata.normalize("NFKC", text))
