"""A published table: its columns (Chinese title in CSV and XLSX, English key in JSON) and its rows.

The same `Table` is written as CSV, XLSX and JSON and described once in the data package, so the
three files and their schema cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Cell = str | int | dt.date | None

SMALL = "<5"  # a count of 0 to 4 (a 0 the catalogue rules out is shown as 0)
WITHHELD = "×"  # a larger count withheld so that no small count can be worked out from the totals
MISSING_VALUES = ("", SMALL, WITHHELD)


@dataclass(frozen=True)
class Column:
    key: str  # English key in JSON: credit_code
    title: str  # Chinese column name in CSV and XLSX: 统一社会信用代码
    type: str = "string"  # Table Schema type: string, integer, date
    description: str = ""
    required: bool = False


@dataclass
class Table:
    name: str  # resource name and file stem: enterprises
    title: str  # 试点企业名录
    description: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()  # column keys
    kind: str = "catalogue"  # catalogue | statistics

    def records(self) -> list[dict[str, Cell]]:
        """The rows as JSON objects with English keys."""
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]
