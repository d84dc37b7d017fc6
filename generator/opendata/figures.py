"""The figures of the data page: what each chart shows, its SVG, and the table beside it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.model import Catalogue
from generator.opendata.charts import Bar, bar_chart
from generator.opendata.statistics import StatisticsResult
from generator.opendata.table import SMALL, WITHHELD
from generator.render.labels import STATUS_LABELS, STATUS_ORDER


@dataclass(frozen=True)
class Figure:
    path: str  # relative to the data folder: charts/enterprises-by-unit.svg
    title: str
    unit: str
    heading: str  # the first column of the table beside it
    rows: tuple[tuple[str, str], ...]  # (category, value as shown)
    svg: str


def _figure(name: str, title: str, unit: str, heading: str, bars: list[Bar]) -> Figure:
    rows = tuple((b.label, f"{b.value:,}" if b.value is not None else b.note) for b in bars)
    return Figure(f"charts/{name}.svg", title, unit, heading, rows, bar_chart(title, bars, unit))


def _count_bar(label: str, shown: int | str) -> Bar:
    if shown in (SMALL, WITHHELD):
        return Bar(label, None, str(shown))
    return Bar(label, int(shown))


def enterprise_figures(catalogue: Catalogue) -> list[Figure]:
    enterprises = catalogue.enterprises
    by_unit = Counter(e.reporting_unit.id for e in enterprises)
    by_industry = Counter(e.industry.id for e in enterprises)
    by_status = Counter(e.status.status for e in enterprises)
    out = [
        _figure("enterprises-by-unit", "试点企业数：按推报单位", "家", "推报单位",
                [Bar(u.name, by_unit[u.id]) for u in catalogue.reporting_units.values()]),
        _figure("enterprises-by-industry", "试点企业数：按行业", "家", "行业",
                [Bar(i.name, by_industry[i.id]) for i in catalogue.industries.values()]),
        _figure("enterprises-by-status", "试点企业数：按当前状态", "家", "状态",
                [Bar(STATUS_LABELS[s], by_status[s]) for s in STATUS_ORDER]),
    ]
    return out


def certificate_figures(catalogue: Catalogue, stats: StatisticsResult) -> list[Figure]:
    year_level = next(t for t in stats.layouts if t.name == "certificates-by-year-level")
    assert year_level.columns is not None
    years = [_count_bar(f"{y}年", stats.shown[(("year", y),)]) for y in year_level.rows.values]
    levels = [_count_bar(catalogue.levels[int(str(lv))].label, stats.shown[(("level", lv),)])
              for lv in year_level.columns.values]
    return [_figure("certificates-by-year", "颁发证书数：按年份", "本", "发证年份", years),
            _figure("certificates-by-level", "颁发证书数：按等级", "本", "等级", levels)]
