"""An attacker's view of the published certificate statistics: every cell of every published table
becomes a linear constraint on the unknown counts of (year, enterprise, occupation, level, status),
and linear programming bounds each withheld cell. A cell is recovered when only one whole number
fits its bounds; the integer program confirms the narrow cases.

The attacker knows what the catalogue says: an enterprise issues only the occupations and levels of
its scope, and only in years it was in the pilot. Shown counts are exact, "<5" is 0–4, and a
withheld larger count ("×") is at least 5.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

from generator.model import Catalogue
from generator.opendata.table import SMALL, WITHHELD


@dataclass(frozen=True)
class Finding:
    cell: tuple
    low: float
    high: float
    true: int


def attacker_unknowns(catalogue: Catalogue, years: list[int]) -> list[tuple]:
    """(year, enterprise, unit, occupation, level, status) that the catalogue allows."""
    out = []
    for e in catalogue.enterprises:
        history = list(e.status_history)
        pairs = sorted({(s.occupation.code, lv) for s in e.occupations for lv in s.levels})
        for year in years:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            active = False
            for i, event in enumerate(history):
                until = history[i + 1].date if i + 1 < len(history) else dt.date.max
                if event.status == "active" and event.date <= end and until > start:
                    active = True
            if active:
                out += [(year, e.id, e.reporting_unit.id, occ, lv, st)
                        for occ, lv in pairs for st in ("valid", "revoked")]
    return out


DIMENSIONS = ("year", "enterprise", "unit", "occupation", "level", "status")


def recoverable_cells(catalogue: Catalogue, shown: dict[tuple, object], cells: dict[tuple, int],
                      years: list[int]) -> tuple[list[Finding], int]:
    """Withheld cells whose value the published tables pin down; and how many withheld cells there were."""
    unknowns = attacker_unknowns(catalogue, years)
    position = {name: i for i, name in enumerate(DIMENSIONS)}
    rows, cols, lower, upper, order = [], [], [], [], []
    members: dict[tuple, list[int]] = {}
    for cell in shown:
        members[cell] = [j for j, u in enumerate(unknowns)
                         if all(u[position[d]] == v for d, v in cell)]
    for i, (cell, value) in enumerate(shown.items()):
        for j in members[cell]:
            rows.append(i)
            cols.append(j)
        if value == SMALL:
            lower.append(0)
            upper.append(4)
        elif value == WITHHELD:
            lower.append(5)
            upper.append(np.inf)
        else:
            lower.append(value)
            upper.append(value)
        order.append(cell)
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(order), len(unknowns)))
    constraint_low, constraint_high = np.array(lower, float), np.array(upper, float)
    a_eq_rows = constraint_low == constraint_high
    a_ub, b_ub = _stack(matrix, ~a_eq_rows, constraint_low, constraint_high)
    a_eq, b_eq = matrix[a_eq_rows], constraint_low[a_eq_rows]
    # no unknown exceeds the smallest upper bound of a cell that counts it
    ceiling = np.full(len(unknowns), np.inf)
    for cell, high in zip(order, constraint_high, strict=True):
        ceiling[members[cell]] = np.minimum(ceiling[members[cell]], high)
    variable_bounds = list(zip(np.zeros(len(unknowns)), ceiling, strict=True))
    findings = []
    withheld = [c for c, v in shown.items() if v in (SMALL, WITHHELD)]
    indicator = {}
    for cell in withheld:
        indicator[cell] = np.zeros(len(unknowns))
        indicator[cell][members[cell]] = 1.0

    def solve(objective):  # type: ignore[no-untyped-def]
        result = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=variable_bounds,
                         method="highs")
        assert result.status == 0, f"the published tables have no solution: {result.message}"
        return result

    # Corners of the feasible set in random directions move many cells at once: a cell seen two or
    # more away from its true count has at least three whole numbers within its bounds.
    far: set[tuple] = set()
    rng = np.random.default_rng(2019)
    for _ in range(8):
        weights = rng.normal(size=len(withheld))
        x = solve(sum(w * indicator[c] for w, c in zip(weights, withheld, strict=True))).x
        far.update(c for c in withheld if abs(indicator[c] @ x - cells[c]) >= 2 - 1e-6)
    for cell in withheld:
        if cell in far:
            continue
        objective = indicator[cell]
        low, high = solve(objective).fun, -solve(-objective).fun
        if math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 2:  # at most two whole numbers fit
            low, high = (_integer_bound(sign, objective, matrix, constraint_low, constraint_high, ceiling)
                         for sign in (1, -1))
        if math.floor(high + 1e-6) <= math.ceil(low - 1e-6):
            findings.append(Finding(cell, low, high, cells[cell]))
    return findings, len(withheld)


def _stack(matrix, rows, low, high):  # type: ignore[no-untyped-def]
    """Inequalities low ≤ A x ≤ high as A_ub x ≤ b_ub (infinite sides left out)."""
    from scipy.sparse import vstack

    part = matrix[rows]
    lo, hi = low[rows], high[rows]
    finite = np.isfinite(hi)
    a_ub = vstack([part[finite], -part])
    b_ub = np.concatenate([hi[finite], -lo])
    return a_ub, b_ub


def _integer_bound(sign: int, objective, matrix, low, high, ceiling) -> float:  # type: ignore[no-untyped-def]
    """The least (sign 1) or greatest (sign -1) value the cell takes over whole-number counts."""
    result = milp(sign * objective, constraints=LinearConstraint(matrix, low, high),
                  integrality=np.ones(matrix.shape[1]), bounds=Bounds(0, ceiling))
    assert result.status == 0, result.message
    return sign * result.fun
