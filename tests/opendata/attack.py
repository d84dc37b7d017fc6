"""An attacker's view of the published certificate statistics.

Every cell of every published table becomes a constraint on the unknown counts of (year,
enterprise, occupation, level, status): a shown count exactly, "<5" as 0–4, "×" (withheld so that
no small count can be worked out) as 5 or more. The attacker knows what the catalogue says: an
enterprise issues only the occupations and levels of its scope, and only in years it was in the
pilot. For every withheld cell, linear programming gives the least and greatest value its count can
take; where that leaves at most two whole numbers, the bounds over whole-number counts decide (the
linear program's where its optimal corner is whole, else the integer program's). A cell is
recovered when a single whole number remains.

This is written apart from the build's own audit (`generator.opendata.lp_audit`): its own list of
unknowns, every withheld cell solved both ways, and bounds over whole numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass

import highspy
import numpy as np

from generator.model import Catalogue
from generator.opendata.table import SMALL, WITHHELD

DIMENSIONS = ("year", "enterprise", "unit", "occupation", "level", "status")


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
            active = any(event.status == "active" and event.date <= end
                         and (i + 1 == len(history) or history[i + 1].date > start)
                         for i, event in enumerate(history))
            if active:
                out += [(year, e.id, e.reporting_unit.id, occ, lv, st)
                        for occ, lv in pairs for st in ("valid", "revoked")]
    return out


def _highs(integer: bool, columns: int) -> highspy.Highs:
    saved = os.dup(1)  # HiGHS prints a banner on its first model
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 1)
    try:
        h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    if not integer:
        h.setOptionValue("presolve", "off")  # keep the basis between solves: only the cost changes
        h.setOptionValue("solver", "simplex")
        h.setOptionValue("simplex_strategy", 4)  # primal: a new cost keeps the last basis feasible
    h.addVars(columns, np.zeros(columns), np.full(columns, highspy.kHighsInf))
    if integer:
        h.changeColsIntegrality(columns, np.arange(columns, dtype=np.int32),
                                np.full(columns, highspy.HighsVarType.kInteger))
    return h


def _optimum(h: highspy.Highs, cost: np.ndarray) -> tuple[float, bool]:
    """The least value of cost · counts, and whether the counts found are whole numbers."""
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal, h.modelStatusToString(h.getModelStatus())
    x = np.asarray(h.getSolution().col_value)
    return h.getInfo().objective_function_value, bool(np.all(np.abs(x - np.round(x)) < 1e-7))


def _bounds(models: list[highspy.Highs], cost: np.ndarray) -> tuple[float, float]:
    """Least and greatest value of cost · counts over whole-number counts. The linear program's
    bounds hold them; they are the integer bounds when the optimal corner is whole, and where a
    wide range is left the exact ends do not matter."""
    (low, low_whole), (high, high_whole) = _optimum(models[0], cost), _optimum(models[0], -cost)
    high = -high
    if math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 2:  # at most two whole numbers fit
        low = low if low_whole else _optimum(models[1], cost)[0]
        high = high if high_whole else -_optimum(models[1], -cost)[0]
    return low, high


def recoverable_cells(catalogue: Catalogue, shown: dict[tuple, object], cells: dict[tuple, int],
                      years: list[int]) -> tuple[list[Finding], int]:
    """Withheld cells whose count the published tables pin down; and how many withheld cells there were."""
    unknowns = attacker_unknowns(catalogue, years)
    position = {name: i for i, name in enumerate(DIMENSIONS)}
    members = {cell: [j for j, u in enumerate(unknowns) if all(u[position[d]] == v for d, v in cell)]
               for cell in shown}
    models = [_highs(False, len(unknowns)), _highs(True, len(unknowns))]
    for cell, value in shown.items():
        low, high = {SMALL: (0, 4), WITHHELD: (5, highspy.kHighsInf)}.get(value, (value, value))  # type: ignore[arg-type]
        index = np.array(members[cell], dtype=np.int32)
        for h in models:
            h.addRow(low, high, len(index), index, np.ones(len(index)))
    findings = []
    withheld = [c for c, v in shown.items() if v in (SMALL, WITHHELD)]
    for cell in withheld:
        cost = np.zeros(len(unknowns))
        cost[members[cell]] = 1.0
        low, high = _bounds(models, cost)
        assert low - 1e-6 <= cells[cell] <= high + 1e-6, "the true count must fit the published tables"
        if math.floor(high + 1e-6) <= math.ceil(low - 1e-6):
            findings.append(Finding(cell, low, high, cells[cell]))
    return findings, len(withheld)
