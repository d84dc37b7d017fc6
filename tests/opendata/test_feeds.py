"""The Atom feeds: every one parses cleanly, is announced in the pages' head, and keeps its entry
ids from build to build, so that a new supervision result is one new entry."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest

from generator.load.catalogue import read_catalogue
from generator.model import SupervisionResult
from generator.opendata.feeds import CATALOGUE_FEED, enterprise_feed_path, write_feeds

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_every_built_feed_parses_without_a_bozo_flag(built_site: Path) -> None:
    feeds = sorted((built_site / "feeds").rglob("*.xml"))
    feeds = [f for f in feeds if f.name != "sitemap.xml"]
    assert len(feeds) == 1 + len(list((ROOT / "catalogue" / "enterprises").glob("*.yaml")))
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10" and parsed.entries
        assert len({e.id for e in parsed.entries}) == len(parsed.entries)


@pytest.mark.slow
def test_pages_announce_the_feeds_in_their_head(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="feeds/catalogue.xml"',
                     home)
    page = built_site / "enterprises" / "jilin-jiangpan-cnc" / "index.html"
    enterprise = page.read_text(encoding="utf-8")
    assert 'href="../../feeds/catalogue.xml"' in enterprise
    assert enterprise.count('href="../../feeds/enterprises/jilin-jiangpan-cnc.xml"') == 2  # head and page


def _ids(feeds: dict[str, bytes], path: str) -> list[str]:
    parsed = feedparser.parse(feeds[path])
    assert not parsed.bozo
    return [e.id for e in parsed.entries]


def test_adding_a_supervision_result_adds_exactly_one_entry_with_a_new_id() -> None:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    before = write_feeds(catalogue, "站点", "")
    target = catalogue.enterprises[3]
    result = SupervisionResult(dt.date(2025, 6, 30), "random", "pass", "随机抽查认定档案，未发现问题。")
    changed = dataclasses.replace(target, supervision=(*target.supervision, result))
    catalogue.enterprises[3] = changed
    after = write_feeds(catalogue, "站点", "")
    for path in (CATALOGUE_FEED, enterprise_feed_path(target.id)):
        old, new = _ids(before, path), _ids(after, path)
        assert len(new) == len(old) + 1
        assert set(old) < set(new)
        (added,) = set(new) - set(old)
        assert new[0] == added  # newest first
    other = enterprise_feed_path(catalogue.enterprises[0].id)
    assert before[other] == after[other]
