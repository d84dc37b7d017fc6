"""Atom feeds of catalogue changes: one for the whole catalogue, one per enterprise.

An entry is a batch published, an enterprise listed, a status change or a supervision result. Its
id is a UUID derived from what the entry is about — the batch number; the enterprise id with the
position of the status change; the enterprise id with the date, kind and order of the supervision
result on that day — so it stays the same from build to build, and a feed reader shows each change
once. Entry times are the change's date (midnight, China Standard Time); nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from generator.model import Catalogue, Enterprise
from generator.opendata.edition import CHINA
from generator.render.labels import STATUS_LABELS, SUPERVISION_KINDS, SUPERVISION_OUTCOMES, chinese_date

NAMESPACE = uuid.UUID("6f1c7d52-3f4e-5b8a-9a51-2c0d1e7b9a44")  # this catalogue's entries
CATALOGUE_FEED = "feeds/catalogue.xml"
CATALOGUE_ENTRIES = 100  # the catalogue feed keeps the latest changes; each enterprise feed keeps all


def enterprise_feed_path(enterprise_id: str) -> str:
    return f"feeds/enterprises/{enterprise_id}.xml"


@dataclass(frozen=True)
class Entry:
    key: str  # what the entry is about, e.g. enterprise/x/supervision/2021-05-10/random/1
    date: dt.date
    title: str
    summary: str
    page: str  # site path of the page that tells more
    enterprise_id: str = ""  # "" for a batch

    @property
    def id(self) -> str:
        return uuid.uuid5(NAMESPACE, self.key).urn

    @property
    def order(self) -> tuple[int, str]:
        return (-self.date.toordinal(), self.key)


def enterprise_entries(enterprise: Enterprise) -> list[Entry]:
    page = f"enterprises/{enterprise.id}/"
    base = f"enterprise/{enterprise.id}"
    name = enterprise.name
    entries = [Entry(f"{base}/listed", enterprise.listed_on, f"{name}列入试点企业目录",
                     f"{enterprise.batch.name}，{enterprise.reporting_unit.name}推报，{enterprise.industry.name}。",
                     page, enterprise.id)]
    for number, event in enumerate(enterprise.status_history[1:], 2):
        label = "恢复试点" if event.status == "active" else STATUS_LABELS[event.status]
        entries.append(Entry(f"{base}/status/{number}", event.date, f"{name}：{label}",
                             f"{chinese_date(event.date)}起{label}。原因：{event.reason}。依据：{event.document}。",
                             page, enterprise.id))
    same_day: Counter[tuple[dt.date, str]] = Counter()
    for result in enterprise.supervision:
        same_day[(result.date, result.kind)] += 1
        kind, outcome = SUPERVISION_KINDS[result.kind], SUPERVISION_OUTCOMES[result.outcome]
        order = same_day[(result.date, result.kind)]
        key = f"{base}/supervision/{result.date.isoformat()}/{result.kind}/{order}"
        entries.append(Entry(key, result.date, f"{name}：{kind}结果为“{outcome}”",
                             result.summary + (f"（{result.document}）" if result.document else ""),
                             page, enterprise.id))
    return entries


def catalogue_entries(catalogue: Catalogue) -> list[Entry]:
    entries = []
    for number in sorted(catalogue.batches):
        batch = catalogue.batches[number]
        members = sum(1 for e in catalogue.enterprises if e.batch.number == number)
        entries.append(Entry(f"batch/{number}", batch.published_on, f"公布{batch.name}试点企业目录",
                             f"共 {members} 家企业。{batch.document}。", f"batches/{number}/"))
    for enterprise in catalogue.enterprises:
        entries += enterprise_entries(enterprise)
    return sorted(entries, key=lambda e: e.order)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)


def _link(site_url: str, feed_path: str, page: str) -> str:
    """An absolute URL when the site's address is configured, else one relative to the feed."""
    if site_url:
        return site_url.rstrip("/") + "/" + page
    return "../" * feed_path.count("/") + page


def atom_feed(entries: list[Entry], *, title: str, subtitle: str, feed_path: str, page: str,
              site_url: str, feed_key: str) -> bytes:
    """The Atom document: newest entry first; the feed's time is its newest entry's."""
    ordered = sorted(entries, key=lambda e: e.order)
    feed = FeedGenerator()
    feed.id(uuid.uuid5(NAMESPACE, f"feed/{feed_key}").urn)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language("zh-CN")
    feed.generator("skills-site")
    feed.link(href=_link(site_url, feed_path, feed_path), rel="self", type="application/atom+xml")
    feed.link(href=_link(site_url, feed_path, page), rel="alternate", type="text/html")
    feed.author(name="吉林省人力资源和社会保障厅")
    newest = ordered[0].date if ordered else dt.date(2019, 1, 1)
    feed.updated(_moment(newest))
    for entry in reversed(ordered):  # feedgen puts each new entry first
        item = feed.add_entry()
        item.id(entry.id)
        item.title(entry.title)
        item.summary(entry.summary)
        item.link(href=_link(site_url, feed_path, entry.page), rel="alternate", type="text/html")
        item.updated(_moment(entry.date))
        item.published(_moment(entry.date))
    return feed.atom_str(pretty=True)


# The theme reads `sitemap.xml` next to every <link rel="alternate"> of a page (meant for language
# versions); an empty one beside the feeds answers that request instead of a 404.
EMPTY_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def write_feeds(catalogue: Catalogue, site_name: str, site_url: str) -> dict[str, bytes]:
    """Every feed, by its path in the site (and the empty sitemaps beside them)."""
    out = {"feeds/sitemap.xml": EMPTY_SITEMAP, "feeds/enterprises/sitemap.xml": EMPTY_SITEMAP}
    out[CATALOGUE_FEED] = atom_feed(
        catalogue_entries(catalogue)[:CATALOGUE_ENTRIES], title=f"{site_name}：目录变更",
        subtitle="新批次、新列入企业、状态变更和督导结果", feed_path=CATALOGUE_FEED, page="directory/",
        site_url=site_url, feed_key="catalogue")
    for enterprise in catalogue.enterprises:
        path = enterprise_feed_path(enterprise.id)
        out[path] = atom_feed(enterprise_entries(enterprise), title=f"{enterprise.name}：目录变更",
                              subtitle=f"{enterprise.name}的列入、状态变更和督导结果", feed_path=path,
                              page=f"enterprises/{enterprise.id}/", site_url=site_url,
                              feed_key=f"enterprise/{enterprise.id}")
    return out
