"""Which withheld cells a reader could pin down, found the way a determined reader would: by linear
programming over the certificate counts themselves.

The unknowns are the counts of every (year, enterprise, occupation, level, status) the catalogue
allows; each published cell constrains the sum of its unknowns (a shown count exactly, "<5" to 0–4,
"×" to 5 or more). A withheld cell is pinned when the least and greatest values of its sum leave
a single whole number: then the suppression withholds another cell. Corners of the feasible set in
a few random directions clear most cells at once (a cell seen one or more away from its true count
is not pinned); the others
get their own pair of solves. The solver is HiGHS, warm-started between solves.
"""

from __future__ import annotations

import math
import os
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import highspy
import numpy as np

SMALL_HIGH = 4
WITHHELD_LOW = 5
RANDOM_DIRECTIONS = 6


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS prints a banner from C++ when the first model is made; keep the build's output clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _model(members: list[list[int]], atoms: int, rows: list[tuple[int, float, float]],
           ceiling: float) -> highspy.Highs:
    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 2019)
    h.addCols(atoms, np.zeros(atoms), np.zeros(atoms), np.full(atoms, ceiling), 0,
              np.array([], dtype=np.int32), np.array([], dtype=np.int32), np.array([]))
    starts, indexes = [], []
    for cell, _low, _high in rows:
        starts.append(len(indexes))
        indexes.extend(members[cell])
    h.addRows(len(rows), np.array([r[1] for r in rows]), np.array([r[2] for r in rows]), len(indexes),
              np.array(starts, dtype=np.int32), np.array(indexes, dtype=np.int32), np.ones(len(indexes)))
    return h


def _solve(h: highspy.Highs, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The optimal counts for this cost, and the row duals: the published cells the optimum rests on."""
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:  # the true counts always fit, so this is a bug
        raise RuntimeError(f"statistics audit: the solver stopped with {h.modelStatusToString(status)}")
    solution = h.getSolution()
    return np.asarray(solution.col_value), np.asarray(solution.row_dual)


def pinned_cells(members: list[list[int]], atoms: int, values: list[int], shown: list[int],
                 small: list[int], withheld: list[int], cleared: set[int]) -> dict[int, list[int]]:
    """The withheld cells (small or larger) whose bounds leave a single whole number, each with the
    shown cells its bounds rest on (withholding one of them breaks that line of reasoning).

    `cleared` holds cells found not pinned by an earlier call, and gains the cells found now: a cell
    that was not pinned stays so when more cells are withheld (the reader only learns less), so it is
    not solved for again."""
    hidden = [*small, *withheld]
    if not hidden or all(c in cleared for c in hidden):
        return {}
    ceiling = float(max(values, default=1) or 1)
    rows = [(c, float(values[c]), float(values[c])) for c in shown if members[c]]
    rows += [(c, 0.0, float(SMALL_HIGH)) for c in small if members[c]]
    rows += [(c, float(WITHHELD_LOW), highspy.kHighsInf) for c in withheld if members[c]]
    h = _model(members, atoms, rows, ceiling)
    indicator: dict[int, np.ndarray] = {}
    for c in hidden:
        vector = np.zeros(atoms)
        vector[members[c]] = 1.0
        indicator[c] = vector
    draw = random.Random(2019)
    for _ in range(RANDOM_DIRECTIONS):
        open_cells = [c for c in hidden if c not in cleared]
        if not open_cells:
            break
        cost = sum(draw.uniform(-1, 1) * indicator[c] for c in open_cells)
        x, _duals = _solve(h, np.asarray(cost, dtype=float))
        cleared.update(c for c in open_cells if abs(indicator[c] @ x - values[c]) >= 1 - 1e-6)
    pinned: dict[int, list[int]] = {}
    shown_rows = [(number, cell) for number, (cell, _low, _high) in enumerate(rows) if cell in set(shown)]
    for c in hidden:
        if c in cleared or not members[c]:
            continue
        x_low, duals_low = _solve(h, indicator[c])
        x_high, duals_high = _solve(h, -indicator[c])
        if math.floor(indicator[c] @ x_high + 1e-6) <= math.ceil(indicator[c] @ x_low - 1e-6):
            pinned[c] = [cell for number, cell in shown_rows
                         if abs(duals_low[number]) > 1e-9 or abs(duals_high[number]) > 1e-9]
        else:
            cleared.add(c)
    return pinned
