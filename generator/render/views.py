"""What the page templates show, worked out from the catalogue: ordering, filter choices, the list
of recent changes. Every list here has a fixed order so that two builds write identical pages."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from dataclasses import dataclass

from generator.model import Batch, Catalogue, Enterprise
from generator.render.labels import (
    STATUS_LABELS,
    STATUS_ORDER,
    SUPERVISION_KINDS,
    SUPERVISION_OUTCOMES,
    occupation_title,
)


def page_url(page: str) -> str:
    """Site path of a page written at `page` in the docs folder (directory URLs): 'enterprises/x.md'
    → 'enterprises/x/', 'directory/index.md' → 'directory/', 'index.md' → ''."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, to_path: str) -> str:
    """Link from the page built from `from_page` to the site path `to_path` ('batches/1/').

    Raw HTML is not rewritten by the site engine, so links inside HTML blocks are written as
    final relative URLs; relative links keep the site working under any base path."""
    here = page_url(from_page)
    base = here.rstrip("/") or "."
    target = to_path.rstrip("/") or "."
    link = posixpath.relpath(target, base)
    if link == ".":
        return "./"
    return link + "/" if to_path.endswith("/") or to_path == "" else link


def enterprise_path(enterprise: Enterprise) -> str:
    return f"enterprises/{enterprise.id}/"


def batch_path(batch: Batch) -> str:
    return f"batches/{batch.number}/"


def sorted_enterprises(catalogue: Catalogue) -> list[Enterprise]:
    """Enterprises by id: ids are written in pinyin, so this is close to the order of the names."""
    return sorted(catalogue.enterprises, key=lambda e: e.id)


def batch_enterprises(catalogue: Catalogue, batch: Batch) -> list[Enterprise]:
    return [e for e in sorted_enterprises(catalogue) if e.batch.number == batch.number]


def sorted_batches(catalogue: Catalogue) -> list[Batch]:
    return [catalogue.batches[n] for n in sorted(catalogue.batches)]


@dataclass(frozen=True)
class Choice:
    value: str  # what the URL query and the row's data attribute hold
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str  # URL query parameter and form field name
    label: str  # 推报单位
    choices: tuple[Choice, ...]


def directory_facets(catalogue: Catalogue) -> list[Facet]:
    """The directory's filters, each offering only values that occur, in reference-data order."""
    enterprises = catalogue.enterprises
    units = Counter(e.reporting_unit.id for e in enterprises)
    industries = Counter(e.industry.id for e in enterprises)
    occupations = Counter(code for e in enterprises for code in {s.occupation.code for s in e.occupations})
    levels = Counter(lv for e in enterprises for lv in {lv for s in e.occupations for lv in s.levels})
    batches = Counter(e.batch.number for e in enterprises)
    statuses = Counter(e.status.status for e in enterprises)
    return [
        Facet("unit", "推报单位", tuple(
            Choice(u.id, u.name, units[u.id]) for u in catalogue.reporting_units.values() if u.id in units)),
        Facet("industry", "行业", tuple(
            Choice(i.id, i.name, industries[i.id])
            for i in catalogue.industries.values() if i.id in industries)),
        Facet("occupation", "职业", tuple(
            Choice(code, f"{catalogue.occupations[code].name}（{code}）", occupations[code])
            for code in sorted(occupations))),
        Facet("level", "等级", tuple(
            Choice(str(code), catalogue.levels[code].label, levels[code])
            for code in sorted(levels, reverse=True))),
        Facet("batch", "批次", tuple(
            Choice(str(n), catalogue.batches[n].name, batches[n]) for n in sorted(batches))),
        Facet("status", "状态", tuple(
            Choice(s, STATUS_LABELS[s], statuses[s]) for s in STATUS_ORDER if s in statuses)),
    ]


def scopes_attribute(enterprise: Enterprise) -> str:
    """Occupations with the levels each covers, for the directory filter: '6-18-02-04:2,3,4,5 …'.

    Keeping them paired lets "焊工" with "二级" match only an enterprise that certifies welders at 二级."""
    return " ".join(f"{s.occupation.code}:{','.join(str(lv) for lv in s.levels)}"
                    for s in enterprise.occupations)


def keywords_attribute(enterprise: Enterprise) -> str:
    """Text the directory's search box matches besides the visible cells."""
    parts = [enterprise.credit_code, enterprise.evaluation_code, enterprise.address]
    parts += [s.name for s in enterprise.subsidiaries]
    parts += [s.work_type for s in enterprise.occupations if s.work_type]
    return " ".join(parts)


@dataclass(frozen=True)
class Change:
    date: dt.date
    title: str  # what changed, in one line
    detail: str
    link_path: str  # site path of the page that tells more
    link_text: str
    order: int = 0  # tie-break for one day: batches, then status changes, then supervision


def recent_changes(catalogue: Catalogue, limit: int = 10) -> list[Change]:
    """Latest changes to the catalogue: batches published, status changes, supervision results."""
    changes: list[Change] = []
    for batch in sorted_batches(catalogue):
        members = [e for e in catalogue.enterprises if e.batch.number == batch.number]
        changes.append(Change(batch.published_on, f"公布{batch.name}试点企业目录",
                              f"共 {len(members)} 家企业，{batch.document}", batch_path(batch),
                              f"{batch.name}试点企业目录", 0))
    for enterprise in sorted_enterprises(catalogue):
        for event in enterprise.status_history[1:]:
            label = "恢复试点" if event.status == "active" else STATUS_LABELS[event.status]
            changes.append(Change(event.date, f"{enterprise.name}：{label}",
                                  f"{event.reason}（{event.document}）", enterprise_path(enterprise),
                                  f"{enterprise.name}的状态记录", 1))
        for result in enterprise.supervision:
            kind = SUPERVISION_KINDS[result.kind]
            outcome = SUPERVISION_OUTCOMES[result.outcome]
            changes.append(Change(result.date, f"{enterprise.name}：{kind}结果为“{outcome}”",
                                  result.summary, enterprise_path(enterprise),
                                  f"{enterprise.name}的督导结果", 2))
    changes.sort(key=lambda c: (-c.date.toordinal(), c.order, c.link_path, c.title))
    return changes[:limit]


def status_counts(catalogue: Catalogue) -> dict[str, int]:
    counts = Counter(e.status.status for e in catalogue.enterprises)
    return {s: counts[s] for s in STATUS_ORDER}


def occupation_titles(enterprise: Enterprise) -> str:
    return "、".join(occupation_title(s) for s in enterprise.occupations)


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    link: str  # the directory filtered to these enterprises (site path with query)


def catalogue_figures(catalogue: Catalogue) -> dict[str, list[Figure]]:
    """Enterprises by status, reporting unit and industry, for the home page; each links to the
    directory filtered the same way (directory.js reads the filters from the address)."""
    facets = {facet.key: facet for facet in directory_facets(catalogue)}
    return {
        name: [Figure(c.label, c.count, f"directory/?{key}={c.value}") for c in facets[key].choices]
        for name, key in (("状态", "status"), ("推报单位", "unit"), ("行业", "industry"))
    }
