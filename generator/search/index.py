"""Site search: build the Pagefind index (extended binary, which segments Chinese) for the built site.

Why the index holds more than the page text. Pagefind 1.5 segments Chinese twice, differently: the
indexer cuts page text with its dictionary segmenter, while the browser cuts the query with
`Intl.Segmenter`. Where the two disagree (松澜药业 → 松|澜|药|业 in the browser, 松澜|药业 in the
index) a query word has no index word to match and the page is lost. So every run of Han characters
is also indexed as overlapping character pairs, each written as a lowercase-letter "pair token"
(`qz` + the two code points spelled with the letters a–p). Both segmenters leave such a token whole,
so the browser (`assets/search/query.js`) can turn any query into the same tokens and match exactly
what was indexed. The last character of a run is also written alone, and Pagefind matches query
words as prefixes, so a one-character query finds every pair that starts with it.

The published HTML is not changed: the tokens are added to a temporary copy that only Pagefind reads,
and the browser strips them from titles and excerpts. The format is versioned with `TOKEN_VERSION`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from itertools import pairwise
from pathlib import Path

from generator.errors import BuildError
from generator.search.canonical import canonicalise_bundle

TOKEN_PREFIX = "qz"
TOKEN_VERSION = 1
BUNDLE_DIR = "pagefind"
INDEX_LANGUAGE = "zh"
# Pages that are not content: the search page itself and the engine's error page.
SKIPPED_PAGES = frozenset({"search/index.html", "404.html"})

# The same ranges are written in assets/search/query.js; a test keeps the two equal.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_NIBBLES = 5  # enough for every code point above (up to U+3134F)

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
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
                     "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})


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


def add_pair_tokens(text: str, before: str = "") -> str:
    """Plain text with the pair tokens of each Han run written after the run.

    `before` is the Han character that ends the text just before this one inside the same line of
    text (`长春<a>宏达</a>`): the pair across the boundary is written with the first run.
    """

    def tokens(match: re.Match[str]) -> str:
        run = match.group(0)
        words = index_tokens(run)
        if before and match.start() == 0:
            words.insert(0, TOKEN_PREFIX + encode_char(before) + encode_char(run[0]))
        return f"{run} {' '.join(words)} "

    return HAN_RUN.sub(tokens, text)


def _last_han(text: str, previous: str) -> str:
    """The Han character a following text continues from: the last one if the text ends in Han."""
    if not text:
        return previous
    return text[-1] if HAN_RUN.fullmatch(text[-1]) else ""


def augment_html(document: str) -> str:
    """The page as Pagefind should read it: body text followed by its pair tokens.

    Only text inside <body> changes; comments and scripts are kept byte for byte, and tags too, but
    for heading permalinks, which Pagefind is told to ignore.
    An element that gives a filter, meta or sort value from its text (`data-pagefind-meta="title"`)
    keeps that text as it is; its tokens follow the element instead, weighted like the element.
    """
    body = re.search(r"<body\b", document, re.IGNORECASE)
    if body is None:
        return document
    out = [document[: body.start()]]
    held: _HeldElement | None = None
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
        piece = _HEADERLINK.sub(r"\1 data-pagefind-ignore", match.group(0))
        out.append(piece)
        position = match.end()
        name = _TAG_NAME.match(piece)
        if name is None or match.group(1):
            continue
        closing, tag = name.group(1) == "/", name.group(2).lower()
        opening = not closing and tag not in _VOID and not piece.endswith("/>")
        if tag not in _INLINE:
            carry = ""
        if held is not None:
            if tag == held.tag:
                held.depth += 1 if opening else -1 if closing else 0
            if held.depth < 0:
                out.append(held.tokens())
                held = None
        elif opening and _VALUE_FROM_TEXT.search(piece):
            held = _HeldElement(tag)
    tail = document[position:]
    out.append(tail if held else add_pair_tokens(tail, carry))
    return "".join(out)


# Pagefind's default weights of headings; other elements weigh 1.
_HEADING_WEIGHT = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}


class _HeldElement:
    """An element whose own text must stay as it is; its tokens are written after it."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.depth = 0  # same-named elements opened inside it and not yet closed
        self.text: list[str] = []

    def tokens(self) -> str:
        runs = HAN_RUN.findall("".join(self.text))
        if not runs:
            return ""
        words = " ".join(token for run in runs for token in index_tokens(run))
        weight = _HEADING_WEIGHT.get(self.tag, 1)
        return f'<span data-pagefind-weight="{weight}"> {words} </span>'


def pagefind_executable() -> Path:
    """The extended Pagefind binary shipped in the `pagefind[extended]` Python package."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise BuildError(
            "the Pagefind extended binary is not installed (expected the package pagefind[extended]==1.5.2)"
        ) from exc
    return Path(get_executable()).resolve()


def _write_indexing_copy(site_dir: Path, target: Path, pair_tokens: bool) -> int:
    """Copy every HTML page of the site, with pair tokens added, into `target`; return the page count."""
    count = 0
    for source in sorted(site_dir.rglob("*.html")):
        relative = source.relative_to(site_dir)
        if relative.as_posix() in SKIPPED_PAGES or relative.parts[0] == BUNDLE_DIR:
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        destination.write_text(augment_html(text) if pair_tokens else text, encoding="utf-8")
        count += 1
    return count


def build_search_index(site_dir: Path, *, pair_tokens: bool = True) -> None:
    """Index the built site and write the search bundle to `site_dir/pagefind/`.

    Runs offline: the binary comes from the installed Python package. Raises BuildError when the
    indexer fails or indexes no page. `pair_tokens=False` indexes the pages as Pagefind alone would
    (used to measure what the pair tokens gain).
    """
    site_dir = Path(site_dir).resolve()
    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    with tempfile.TemporaryDirectory(prefix="search-index-") as work:
        copy = Path(work) / "site"
        if _write_indexing_copy(site_dir, copy, pair_tokens) == 0:
            raise BuildError(f"{site_dir}: no HTML pages to index for search")
        command = [str(pagefind_executable()), "--site", str(copy), "--output-path", str(bundle),
                   "--force-language", INDEX_LANGUAGE, "--quiet"]
        # Run in the empty work folder so that no pagefind.yml of the caller is picked up.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BuildError(f"the search indexer (Pagefind) failed (exit {result.returncode}):\n{detail}")
    if not (bundle / "pagefind-entry.json").is_file():
        raise BuildError(f"{bundle}: the search indexer wrote no pagefind-entry.json")
    _drop_unused_bundle_files(bundle)
    canonicalise_bundle(bundle)


# The site ships its own search page; Pagefind's prebuilt interfaces and the playground are unused.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def _drop_unused_bundle_files(bundle: Path) -> None:
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)


SEARCH_PAGE = """\
---
title: 全站搜索
hide:
  - toc
---

# 全站搜索

<div class="site-search-app" data-site-search data-pagefind-ignore="all">
<form class="site-search-app__form" role="search" action="./" method="get">
<label class="site-search-app__label" for="site-search-query">搜索试点企业、职业和政策</label>
<input class="site-search-app__input" id="site-search-query" name="q" type="search"
 autocomplete="off" placeholder="例如：焊工、长春、过程化考核">
<button class="site-search-app__button" type="submit">搜索</button>
</form>
<div class="site-search-app__filters" data-search-filters hidden></div>
<p class="site-search-app__status" data-search-status role="status" aria-live="polite"></p>
<ol class="site-search-app__results" data-search-results></ol>
</div>

<noscript>全站搜索需要浏览器启用 JavaScript。也可以从<a href="../directory/">试点企业名录</a>和
<a href="../policy/">政策文件</a>页面浏览全部内容。</noscript>
"""


def render_search_page(docs_dir: Path) -> Path:
    """Write the search page (`search/index.md`) into the staging docs folder and return its path."""
    target = Path(docs_dir) / "search" / "index.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SEARCH_PAGE, encoding="utf-8")
    return target
