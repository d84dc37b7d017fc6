"""recall@5 of the labelled Chinese queries, measured in headless Chromium with Pagefind's JS API.

The baseline indexes the same built site as Pagefind alone would and sends each query as typed
(Pagefind then cuts it with Intl.Segmenter); the site's search adds pair tokens to the index and
rewrites the query into them. The site's figure must reach 0.95.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.search.index import build_search_index

from .recall import load_queries, measure, recall_at_5, report

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REQUIRED = 0.95


@pytest.fixture(scope="module")
def baseline_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory,
                  serve_directory: Callable[[Path], str]) -> str:
    """The built site re-indexed by Pagefind without pair tokens, served on loopback."""
    copy = tmp_path_factory.mktemp("baseline") / "site"
    shutil.copytree(built_site, copy)
    build_search_index(copy, pair_tokens=False)
    return serve_directory(copy)


def test_the_labelled_set_has_at_least_forty_chinese_queries() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    assert len({q.q for q in queries}) == len(queries)
    assert {q.kind for q in queries} >= {"name", "part", "occupation", "place", "policy"}


def test_every_expected_page_exists_in_the_built_site(built_site: Path) -> None:
    missing = sorted({url for q in load_queries() for url in q.expect
                      if not (built_site / url.strip("/") / "index.html").is_file()})
    assert missing == []


def test_recall_at_5_of_the_site_search_reaches_the_target(
    page: object, served_site: str, baseline_site: str
) -> None:
    queries = load_queries()
    before = measure(page, baseline_site, queries, rewrite=False)
    after = measure(page, served_site, queries, rewrite=True)
    print("\n" + report("before: Pagefind 1.5.2 alone, query cut by Intl.Segmenter", before))
    print(report("after: pair tokens in the index, query rewritten into them", after))
    assert recall_at_5(after) >= REQUIRED
    assert recall_at_5(after) >= recall_at_5(before)
