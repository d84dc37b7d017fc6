"""Paragraphs repeated on many pages (footnotes, standard notes) are left out of the search index.

A note such as "职业代码取自《中华人民共和国职业分类大典》…" on every enterprise page would otherwise
make every enterprise page match its words, and push the page that is about them (the work plan) far
down. A paragraph counts as boilerplate when its text, at least MIN_CHARS characters long, appears on
MIN_PAGES pages or more.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

MIN_CHARS = 10
MIN_PAGES = 4

_PARAGRAPH = re.compile(r"<p\b([^>]*)>(.*?)</p\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def paragraph_text(inner_html: str) -> str:
    return _SPACE.sub(" ", _TAG.sub("", inner_html)).strip()


def _body(document: str) -> str:
    at = document.lower().find("<body")
    return document[at:] if at >= 0 else ""


def repeated_paragraphs(documents: Iterable[str]) -> frozenset[str]:
    """Texts of the paragraphs that appear on MIN_PAGES or more of the documents."""
    pages: Counter[str] = Counter()
    for document in documents:
        texts = {paragraph_text(m.group(2)) for m in _PARAGRAPH.finditer(_body(document))}
        pages.update(t for t in texts if len(t) >= MIN_CHARS)
    return frozenset(text for text, count in pages.items() if count >= MIN_PAGES)


def ignore_paragraphs(document: str, texts: frozenset[str]) -> str:
    """The document with each paragraph whose text is in `texts` marked `data-pagefind-ignore`."""
    if not texts:
        return document

    def mark(match: re.Match[str]) -> str:
        if paragraph_text(match.group(2)) not in texts:
            return match.group(0)
        return f"<p data-pagefind-ignore{match.group(1)}>{match.group(2)}</p>"

    at = document.lower().find("<body")
    if at < 0:
        return document
    return document[:at] + _PARAGRAPH.sub(mark, document[at:])
