"""Site search: build the Pagefind index (extended binary, which segments Chinese) for the built site.

Pagefind reads a temporary copy of the site in which each page is augmented (augment.py: search
tokens, title weight, pinyin, cell separators) and paragraphs repeated on many pages are marked to be
ignored (boilerplate.py). The published HTML is not changed; the browser strips the tokens from
titles and excerpts. The token format is versioned with `TOKEN_VERSION` (tokens.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import BuildError
from generator.search.augment import augment_html
from generator.search.boilerplate import ignore_paragraphs, repeated_paragraphs
from generator.search.canonical import canonicalise_bundle

BUNDLE_DIR = "pagefind"
INDEX_LANGUAGE = "zh"
# Pages that are not content: the search page itself and the error page.
SKIPPED_PAGES = frozenset({"search/index.html", "404.html"})
EXCLUDED_FOLDERS = frozenset({BUNDLE_DIR})
# A page that asks search engines not to index it (front matter `robots: noindex`) stays out of
# the site search too: the staff guide.
NOT_INDEXED = re.compile(r'<meta name="robots" content="[^"]*\bnoindex\b')


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
    """Copy every HTML page of the site, augmented for the index, into `target`; return the page count."""
    pages = {}
    for source in sorted(site_dir.rglob("*.html")):
        relative = source.relative_to(site_dir)
        if relative.as_posix() in SKIPPED_PAGES or relative.parts[0] in EXCLUDED_FOLDERS:
            continue
        text = source.read_text(encoding="utf-8")
        if NOT_INDEXED.search(text):
            continue
        pages[relative] = text
    boilerplate = repeated_paragraphs(pages.values()) if pair_tokens else frozenset()
    for relative, text in pages.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if pair_tokens:
            text = augment_html(ignore_paragraphs(text, boilerplate))
        destination.write_text(text, encoding="utf-8")
    return len(pages)


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
