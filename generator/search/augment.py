"""A built page as Pagefind should read it (the published page is never changed; see index.py).

* Body text is followed by its search tokens (tokens.py): pairs of folded characters and the pairs
  of synonym variants.
* The title (h1) weighs the most Pagefind allows, and it and the elements marked
  `data-search-pinyin` are followed by their pinyin (pinyin.py).
* Table cells, list items and terms end with " · ", so that an excerpt reads "企业名称 · 长春宏达…"
  and not "企业名称长春宏达…".
* Heading permalinks (¶) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.search.fold import fold
from generator.search.pinyin import pinyin_block
from generator.search.tokens import HAN_RUN, add_pair_tokens, index_tokens

TITLE_WEIGHT = 10  # Pagefind's largest; its default for h1 is 7
CELL_SEPARATOR = " · "

# Pieces of an HTML document that are never text: comments, raw-text elements, and tags.
_OPAQUE = re.compile(
    r"<!--.*?-->|<(script|style|template|textarea)\b[^>]*>.*?</\1\s*>|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
# The engine's permalink after each heading (¶) is not part of the heading's text.
_HEADERLINK = re.compile(r"^(<a\b)(?=[^>]*\bclass=\"headerlink\")")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
# An element whose text *is* a filter, meta or sort value must keep exactly that text.
_VALUE_FROM_TEXT = re.compile(r"\sdata-pagefind-(?:filter|meta|sort)\s*=\s*(\"[^\":]*\"|'[^':]*')")
_PINYIN = re.compile(r"\sdata-search-pinyin\b")
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
                     "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
_SEPARATED = frozenset({"td", "th", "li", "dt", "dd"})
# Pagefind's default weights of headings; other elements weigh 1.
_HEADING_WEIGHT = {"h1": TITLE_WEIGHT, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}


@dataclass
class _Element:
    """An element being read: its name and how many same-named elements opened inside it."""

    tag: str
    depth: int = 0
    text: list[str] = field(default_factory=list)

    def closes(self, tag: str, opening: bool, closing: bool) -> bool:
        if tag == self.tag:
            self.depth += 1 if opening else -1 if closing else 0
        return self.depth < 0


class _Held(_Element):
    """An element whose own text must stay as it is; its tokens are written after it."""

    def tokens(self) -> str:
        runs = HAN_RUN.findall(fold("".join(self.text)))
        if not runs:
            return ""
        words = " ".join(token for run in runs for token in index_tokens(run))
        weight = _HEADING_WEIGHT.get(self.tag, 1)
        return f'<span data-pagefind-weight="{weight}"> {words} </span>'


class _Named(_Element):
    """A title or a place: its pinyin is written after it, weighted like it."""

    def pinyin(self) -> str:
        block = pinyin_block("".join(self.text))
        if not block:
            return ""
        return f'<span data-pagefind-weight="{_HEADING_WEIGHT.get(self.tag, 1)}">{block}</span>'


def _last_han(text: str, previous: str) -> str:
    """The Han character a following text continues from: the last one if the text ends in Han."""
    if not text:
        return previous
    return text[-1] if HAN_RUN.fullmatch(text[-1]) else ""


def _weigh_title(piece: str) -> str:
    """An <h1> tag with the title weight, unless it sets its own."""
    if "data-pagefind-weight" in piece:
        return piece
    return re.sub(r"^<h1\b", f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', piece, flags=re.IGNORECASE)


def augment_html(document: str) -> str:
    """The page as Pagefind should read it: body text followed by its tokens, see the module's notes.

    Only text inside <body> changes; comments and scripts are kept byte for byte, and tags too, but
    for heading permalinks, which Pagefind is told to ignore, and the title's weight.
    An element that gives a filter, meta or sort value from its text (`data-pagefind-meta="title"`)
    keeps that text as it is; its tokens follow the element instead, weighted like the element.
    """
    body = re.search(r"<body\b", document, re.IGNORECASE)
    if body is None:
        return document
    out = [document[: body.start()]]
    held: _Held | None = None
    named: list[_Named] = []
    cell_text = False  # the table cell or list item being read holds text
    carry = ""  # last Han character of the text before, if only inline tags came since
    position = body.start()
    for match in _OPAQUE.finditer(document, body.start()):
        text = document[position : match.start()]
        if held is None:
            out.append(add_pair_tokens(text, carry))
            carry = _last_han(text, carry)
        else:
            out.append(text)
            held.text.append(text)
        for element in named:
            element.text.append(text)
        cell_text = cell_text or bool(text.strip())
        piece = _HEADERLINK.sub(r"\1 data-pagefind-ignore", match.group(0))
        position = match.end()
        name = _TAG_NAME.match(piece)
        if name is None or match.group(1):
            out.append(piece)
            continue
        closing, tag = name.group(1) == "/", name.group(2).lower()
        opening = not closing and tag not in _VOID and not piece.endswith("/>")
        if tag == "h1" and opening:
            piece = _weigh_title(piece)
        if tag in _SEPARATED and closing and cell_text and held is None:
            out.append(CELL_SEPARATOR)
        if tag in _SEPARATED:
            cell_text = False
        out.append(piece)
        if tag not in _INLINE:
            carry = ""
        if held is not None and held.closes(tag, opening, closing):
            out.append(held.tokens())
            held = None
        elif held is None and opening and _VALUE_FROM_TEXT.search(piece):
            held = _Held(tag)
        for element in list(named):
            if element.closes(tag, opening, closing):
                named.remove(element)
                out.append(element.pinyin())
        if opening and (tag == "h1" or _PINYIN.search(piece)):
            named.append(_Named(tag))
    tail = document[position:]
    out.append(tail if held else add_pair_tokens(tail, carry))
    return "".join(out)
