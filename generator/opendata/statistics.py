"""Certificate statistics: five linked tables of counts, with small counts suppressed together.

    certificates-by-year-level          issue year × level
    certificates-by-year-status         issue year × valid / revoked
    certificates-by-unit-status         reporting unit × valid / revoked
    certificates-by-enterprise          enterprise (totals only: split further, most would be small)
    certificates-by-occupation-level    occupation × level

Every table has row totals, column totals and a grand total. A cell is named by what it counts —
e.g. (("level", 3), ("year", 2021)) — so a total shared by two tables is one cell, and two cells
that can only count the same certificates (a reporting unit with one enterprise, and that
enterprise) are one cell too: what a reader knows about one, they know about the other.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Catalogue, Enterprise
from generator.opendata import lp_audit, suppress
from generator.opendata.table import SMALL, WITHHELD, Column, Table
from generator.opendata.tally import Key

CellKey = tuple[tuple[str, object], ...]  # sorted (dimension, value) pairs; () is the grand total
STATUS_TITLES = {"valid": "有效", "revoked": "已撤销"}
# Above this many possible (year, enterprise, occupation, level, status) combinations the linear
# programming audit would dominate the build; the interval audit still runs. See BENCHMARKS.md.
LP_AUDIT_MAX_UNKNOWNS = 40_000


@dataclass(frozen=True)
class Axis:
    dimension: str  # year, level, status, unit, enterprise, occupation
    values: tuple[object, ...]
    titles: tuple[str, ...]  # column titles (or row labels)
    keys: tuple[str, ...]  # JSON keys, for column axes


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    description: str
    rows: Axis
    columns: Axis | None  # None: the row totals alone
    row_columns: tuple[Column, ...]  # the leading columns that name a row
    row_cells: Callable[[object], tuple[object, ...]]


def active_years(enterprise: Enterprise, last: int) -> list[int]:
    """Years in which the enterprise was in the pilot on at least one day (certificates are issued
    only while it is): public knowledge from its status history."""
    years: set[int] = set()
    history = enterprise.status_history
    for number, event in enumerate(history):
        if event.status != "active":
            continue
        end = history[number + 1].date if number + 1 < len(history) else dt.date(last, 12, 31)
        years.update(range(event.date.year, min(end.year, last) + 1))
    return sorted(years)


def possible_keys(catalogue: Catalogue, last_year: int) -> list[Key]:
    """Every (year, enterprise, occupation, level, status) that could count a certificate, as a
    reader of the catalogue can tell: the enterprise's scope and the years it was active."""
    out: list[Key] = []
    for e in catalogue.enterprises:
        pairs = sorted({(s.occupation.code, lv) for s in e.occupations for lv in s.levels})
        for year in active_years(e, last_year):
            out.extend((year, e.id, occ, lv, st) for occ, lv in pairs for st in ("valid", "revoked"))
    return out


def _dimensions(key: Key, unit_of: dict[str, str]) -> dict[str, object]:
    year, enterprise, occupation, level, status = key
    return {"year": year, "enterprise": enterprise, "unit": unit_of[enterprise], "occupation": occupation,
            "level": level, "status": status}


def layouts(catalogue: Catalogue, years: list[int]) -> list[Layout]:
    levels = sorted(catalogue.levels, reverse=True)  # 五级 first
    level_axis = Axis("level", tuple(levels), tuple(catalogue.levels[c].label for c in levels),
                      tuple(f"level_{c}" for c in levels))
    status_axis = Axis("status", ("valid", "revoked"), ("有效", "已撤销"), ("valid", "revoked"))
    year_rows = Axis("year", tuple(years), tuple(f"{y}年" for y in years), ())
    units_used = {e.reporting_unit.id for e in catalogue.enterprises}
    units = [u for u in catalogue.reporting_units.values() if u.id in units_used]
    unit_rows = Axis("unit", tuple(u.id for u in units), tuple(u.name for u in units), ())
    enterprise_rows = Axis("enterprise", tuple(e.id for e in catalogue.enterprises),
                           tuple(e.name for e in catalogue.enterprises), ())
    occupations = sorted({s.occupation.code for e in catalogue.enterprises for s in e.occupations})
    occupation_rows = Axis("occupation", tuple(occupations),
                           tuple(catalogue.occupations[o].name for o in occupations), ())
    year_column = Column("year", "年份", description="发证年份；“合计”行为各年之和")
    unit_names = {u.id: u.name for u in units}
    names = {e.id: e.name for e in catalogue.enterprises}
    return [
        Layout("certificates-by-year-level", "按发证年份和等级统计的证书数",
               "各年颁发的职业技能等级证书数（含已撤销的），按等级分列。", year_rows, level_axis,
               (year_column,), lambda y: (str(y),)),
        Layout("certificates-by-year-status", "按发证年份和证书状态统计的证书数",
               "各年颁发的证书中目前有效和已撤销的数量。", year_rows, status_axis,
               (year_column,), lambda y: (str(y),)),
        Layout("certificates-by-unit-status", "按推报单位和证书状态统计的证书数",
               "各推报单位所推报企业颁发的证书中目前有效和已撤销的数量。", unit_rows, status_axis,
               (Column("reporting_unit_id", "推报单位标识"), Column("reporting_unit", "推报单位")),
               lambda u: (u, unit_names.get(str(u), ""))),
        Layout("certificates-by-enterprise", "按企业统计的证书数",
               "各试点企业颁发的证书数（含已撤销的）。", enterprise_rows, None,
               (Column("enterprise_id", "企业标识"), Column("enterprise_name", "企业名称")),
               lambda e: (e, names.get(str(e), ""))),
        Layout("certificates-by-occupation-level", "按职业和等级统计的证书数",
               "各职业颁发的证书数，按等级分列。", occupation_rows, level_axis,
               (Column("occupation_code", "职业代码"), Column("occupation", "职业名称")),
               lambda o: (o, catalogue.occupations[str(o)].name)),
    ]


def _cell(*pairs: tuple[str, object]) -> CellKey:
    return tuple(sorted(pairs))


@dataclass
class StatisticsResult:
    tables: list[Table]
    shown: dict[CellKey, int | str]  # every published cell: its count, SMALL or WITHHELD
    cells: dict[CellKey, int]  # every published cell's true count (never published as such)
    layouts: list[Layout]
    years: list[int]


def table_keys(layout: Layout) -> tuple[list[CellKey], list[tuple[CellKey, list[CellKey]]]]:
    """The cells of one table and its relations (total, parts)."""
    r = layout.rows.dimension
    row_totals = {rv: _cell((r, rv)) for rv in layout.rows.values}
    if layout.columns is None:
        return [*row_totals.values(), ()], [((), list(row_totals.values()))]
    c = layout.columns.dimension
    inner = {(rv, cv): _cell((r, rv), (c, cv)) for rv in layout.rows.values for cv in layout.columns.values}
    column_totals = {cv: _cell((c, cv)) for cv in layout.columns.values}
    relations = [(row_totals[rv], [inner[(rv, cv)] for cv in layout.columns.values])
                 for rv in layout.rows.values]
    relations += [(column_totals[cv], [inner[(rv, cv)] for rv in layout.rows.values])
                  for cv in layout.columns.values]
    relations.append(((), list(row_totals.values())))
    relations.append(((), list(column_totals.values())))
    return [*inner.values(), *row_totals.values(), *column_totals.values(), ()], relations


DIMENSIONS = ("year", "enterprise", "unit", "occupation", "level", "status")
PAIRS = tuple((a, b) for i, a in enumerate(DIMENSIONS) for b in DIMENSIONS[i + 1:]
              if (a, b) != ("enterprise", "unit"))


def _all_cells(dims: dict[str, object], pairs: tuple[tuple[str, str], ...] = PAIRS) -> list[CellKey]:
    """Every aggregate the suppression reasons about that counts this certificate: the grand total,
    each single dimension and each of the pairs of dimensions, published or not. (A pair's cell is
    `_cell` of its two parts: ordered by dimension name, the names being different.)"""
    return [(), *(((d, dims[d]),) for d in DIMENSIONS),
            *(((a, dims[a]), (b, dims[b])) if a < b else ((b, dims[b]), (a, dims[a])) for a, b in pairs)]


def _relations(cells: list[CellKey], catalogue: Catalogue) -> list[tuple[CellKey, list[CellKey]]]:
    """Each total and its parts: a single dimension split by another, the grand total split by any one
    dimension, and a reporting unit split into its enterprises (alone or crossed with another)."""
    parts: dict[tuple[CellKey, str], list[CellKey]] = defaultdict(list)
    for cell in cells:
        if len(cell) == 1:
            parts[((), cell[0][0])].append(cell)
        elif len(cell) == 2:
            (a, av), (b, bv) = cell
            parts[(((a, av),), b)].append(cell)
            parts[(((b, bv),), a)].append(cell)
    unit_of = {e.id: e.reporting_unit.id for e in catalogue.enterprises}
    present = set(cells)
    for cell in cells:
        named = dict(cell)
        if "enterprise" in named and len(cell) <= 2:
            rest = tuple((d, v) for d, v in cell if d != "enterprise")
            unit_cell = _cell(("unit", unit_of[str(named["enterprise"])]), *rest)
            if unit_cell in present:
                parts[(unit_cell, "enterprise")].append(cell)
    return [(total, members) for (total, _by), members in sorted(parts.items(), key=repr)]


@dataclass
class Audit:
    """What the suppression reasons about, decided by the catalogue and the years alone (not by the
    counts): the cells, grouped where they can only count the same certificates, and how they add up.
    Kept by `write_certificate_statistics` under the catalogue's digest, so that a new issuing batch
    only counts again."""

    pairs: tuple[tuple[str, str], ...]  # the pairs of dimensions reasoned about
    small_enough: bool  # for the linear-programming audit
    possible: int  # possible (year, enterprise, occupation, level, status) combinations
    index: dict[CellKey, int]  # cell → its group
    representatives: list[CellKey]  # the first cell of each group, whose count is the group's
    rank: list[int]
    hidden: list[bool]
    structural: list[bool]
    relations: list[tuple[int, tuple[int, ...]]]
    members: list[list[int]]  # the possible combinations each group counts (published groups only)


def audit_plan(catalogue: Catalogue, plans: list[Layout], published: list[CellKey], last: int) -> Audit:
    unit_of = {e.id: e.reporting_unit.id for e in catalogue.enterprises}
    possible = possible_keys(catalogue, last)
    # A small catalogue is audited in full: every pair of dimensions ties the tables together, and
    # linear programming has the last word. A large one (where small counts are few) keeps to the
    # published pairs and the interval audit, which keeps the build fast.
    small_enough = len(possible) <= LP_AUDIT_MAX_UNKNOWNS
    pairs = PAIRS if small_enough else tuple(sorted({
        tuple(sorted((p.rows.dimension, p.columns.dimension))) for p in plans if p.columns is not None}))
    atoms_of: dict[CellKey, list[int]] = defaultdict(list)
    for atom, key in enumerate(possible):
        for cell in _all_cells(_dimensions(key, unit_of), pairs):  # type: ignore[arg-type]
            atoms_of[cell].append(atom)
    # two cells that count the same possible combinations (in the same, increasing order) are one
    signature = {cell: tuple(atoms) for cell, atoms in atoms_of.items()}
    cells = list(dict.fromkeys([*published, *signature]))

    # one problem cell per group of cells that can only count the same certificates
    groups: dict[object, int] = {}
    index: dict[CellKey, int] = {}
    representatives: list[CellKey] = []
    rank: list[int] = []
    shown_cells = set(published)
    hidden: list[bool] = []
    structural: list[bool] = []
    for cell in cells:
        group: object = signature.get(cell, ("alone", cell))  # "alone": counts nothing possible
        number = groups.setdefault(group, len(representatives))
        if number == len(representatives):
            representatives.append(cell)
            rank.append(3)
            hidden.append(True)
            structural.append(cell not in signature)
        index[cell] = number
        if cell in shown_cells:
            hidden[number] = False
            rank[number] = min(rank[number], 2 if cell == () else (0 if len(cell) == 2 else 1))
    relations = [(total, parts) for layout in plans for total, parts in table_keys(layout)[1]]
    relations += _relations([c for c in cells if c in signature], catalogue)
    seen: set[tuple[int, tuple[int, ...]]] = set()
    ordered: list[tuple[int, tuple[int, ...]]] = []
    for total, parts in relations:
        relation = (index[total], tuple(sorted({index[p] for p in parts})))
        if relation[1] != (relation[0],) and relation not in seen:
            seen.add(relation)
            ordered.append(relation)
    members: list[list[int]] = [[] for _ in representatives]
    for cell in published:
        members[index[cell]] = atoms_of[cell]
    return Audit(pairs, small_enough, len(possible), index, representatives, rank, hidden, structural,
                 ordered, members)


def statistics_years(catalogue: Catalogue, counts: Counter[Key], last_year: int) -> tuple[list[int], int]:
    """The years the tables show, and the last year with data."""
    listed = [e.listed_on.year for e in catalogue.enterprises]
    first = min([*listed, *(k[0] for k in counts)], default=last_year)
    last = max((k[0] for k in counts), default=max(first, min(last_year, first)))  # the last year with data
    return list(range(first, last + 1)), last


AuditPlan = Callable[[list["Layout"], list[CellKey], int], Audit]  # (layouts, published cells, last year)


def certificate_statistics(catalogue: Catalogue, counts: Counter[Key], last_year: int,
                           plan: AuditPlan | None = None) -> StatisticsResult:
    """The tables with small counts suppressed. `plan(layouts, published cells, last year)` gives the
    audit plan (`audit_plan` of the catalogue when None; a cache may keep it)."""
    unit_of = {e.id: e.reporting_unit.id for e in catalogue.enterprises}
    years, last = statistics_years(catalogue, counts, last_year)
    plans = layouts(catalogue, years)

    published: list[CellKey] = []
    for layout in plans:
        published += table_keys(layout)[0]
    published = list(dict.fromkeys(published))
    audit = plan(plans, published, last) if plan else audit_plan(catalogue, plans, published, last)
    values: Counter[CellKey] = Counter()
    for key, n in counts.items():
        for cell in _all_cells(_dimensions(key, unit_of), audit.pairs):  # type: ignore[arg-type]
            values[cell] += n
    problem = suppress.Problem([values[cell] for cell in audit.representatives], list(audit.rank),
                               structural=list(audit.structural), unpublished=list(audit.hidden))
    problem.relations = [suppress.Relation(*relation) for relation in audit.relations]

    cleared: set[int] = set()

    def linear_audit(states: list[str]) -> dict[int, list[int]]:
        def having(state: str) -> list[int]:
            return [i for i, s in enumerate(states) if s == state]

        return lp_audit.pinned_cells(audit.members, audit.possible, problem.values, having(suppress.SHOWN),
                                     having(suppress.SMALL), having(suppress.WITHHELD), cleared)

    states = suppress.suppress(problem, linear_audit if audit.small_enough else None)
    mark = {suppress.SHOWN: None, suppress.SMALL: SMALL, suppress.WITHHELD: WITHHELD}
    shown: dict[CellKey, int | str] = {}
    for cell in published:
        state = states[audit.index[cell]]
        shown[cell] = values[cell] if state == suppress.SHOWN else mark[state]  # type: ignore[assignment]
    tables = [_table(layout, shown) for layout in plans]
    return StatisticsResult(tables, shown, {c: values[c] for c in published}, plans, years)


def _table(layout: Layout, shown: dict[CellKey, int | str]) -> Table:
    r = layout.rows.dimension
    columns_axis = layout.columns
    inner = () if columns_axis is None else tuple(
        Column(k, t, "integer") for k, t in zip(columns_axis.keys, columns_axis.titles, strict=True))
    columns = (*layout.row_columns, *inner, Column("total", "合计", "integer"))
    table = Table(layout.name, layout.title, layout.description, columns, kind="statistics")
    blanks = tuple("" for _ in layout.row_columns[1:])
    for rv in layout.rows.values:
        row = [] if columns_axis is None else [
            shown[_cell((r, rv), (columns_axis.dimension, cv))] for cv in columns_axis.values]
        table.rows.append((*layout.row_cells(rv), *row, shown[_cell((r, rv))]))
    totals = [] if columns_axis is None else [
        shown[_cell((columns_axis.dimension, cv))] for cv in columns_axis.values]
    table.rows.append(("合计", *blanks, *totals, shown[()]))
    return table
