"""Small-count suppression for a set of linked tables.

The tables are given as cells (each with its true count) and relations (a total equal to the sum of
its parts: a row, a column, a grand total, or a unit and its enterprises). A cell that appears in
several tables is one cell here, so it is shown or withheld everywhere alike.

1. Primary: every count below 5 is shown as "<5" — none included, so that a shown 0 tells nothing
   about its neighbours — unless the catalogue rules the cell out altogether (an occupation outside
   every scope, a year before an enterprise was listed), which is shown as 0.
2. Secondary: a relation holding exactly one withheld cell would give it away (total minus the
   shown parts), so a second cell of that relation is withheld: the smallest non-zero shown part,
   parts before totals, the grand total last.
3. Audit: what a reader can still work out is bounded by interval propagation over every relation,
   knowing that "<5" means 0–4 and that a withheld larger count is at least 5. Any withheld cell left
   with a single possible value gets another partner, and steps 2–3 repeat until nothing changes.
4. A second audit (`generator.opendata.lp_audit`) bounds every withheld cell by linear programming
   over the certificate counts themselves; a cell pinned down that way has the smallest shown cell
   its bounds rest on withheld, and everything repeats until no cell is pinned.

The tests attack the result with linear programming over the certificate counts themselves, which
is stronger than the audit, on the sample catalogue and on catalogues full of small cells.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

SHOWN, SMALL, WITHHELD, UNPUBLISHED = "shown", "small", "withheld", "unpublished"
MAX_PASSES = 200


@dataclass
class Relation:
    total: int  # cell index
    parts: tuple[int, ...]

    @property
    def cells(self) -> tuple[int, ...]:
        return (self.total, *self.parts)


@dataclass
class Problem:
    values: list[int]
    rank: list[int]  # 0 for inner cells, 1 for subtotals, 2 for the grand total: the order partners are taken
    relations: list[Relation] = field(default_factory=list)
    structural: list[bool] | None = None  # counts nothing the catalogue allows: always 0, always shown
    unpublished: list[bool] | None = None  # aggregates no table shows: unknown to a reader, but they
    # tie the tables together (an enterprise's certificates per occupation, say)


Audit = Callable[[list[str]], dict[int, list[int]]]  # states → pinned cell → shown cells it rests on


def suppress(problem: Problem, audit: Audit | None = None) -> list[str]:
    """The state of every cell: SHOWN, SMALL (0–4), WITHHELD (a larger count, shown as ×) or
    UNPUBLISHED."""
    hidden = problem.unpublished or [False] * len(problem.values)
    fixed = problem.structural or [False] * len(problem.values)
    states = [UNPUBLISHED if h else SHOWN if f or v >= 5 else SMALL
              for v, h, f in zip(problem.values, hidden, fixed, strict=True)]
    member_of: list[list[int]] = [[] for _ in problem.values]
    for number, relation in enumerate(problem.relations):
        for cell in relation.cells:
            member_of[cell].append(number)
    for _ in range(MAX_PASSES):
        if _complete_relations(problem, states):
            continue
        exposed = exposed_cells(problem, states)
        if exposed:
            if not _widen(problem, states, exposed, member_of):
                break
            continue
        pinned = audit(states) if audit is not None else {}
        if not pinned or not _break_reasoning(problem, states, pinned):
            break
    return states


def _partner(problem: Problem, states: list[str], relation: Relation) -> int | None:
    candidates = [c for c in relation.cells if states[c] == SHOWN and problem.values[c] > 0]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (problem.rank[c], problem.values[c], c))


def _withhold(states: list[str], cell: int) -> None:
    states[cell] = WITHHELD  # only ever a shown cell of 5 or more


def _complete_relations(problem: Problem, states: list[str]) -> bool:
    """Give every relation with a single withheld cell a partner; True if anything changed."""
    changed = False
    for relation in problem.relations:
        hidden = sum(1 for c in relation.cells if states[c] != SHOWN)
        if hidden == 1:
            partner = _partner(problem, states, relation)
            if partner is not None:
                _withhold(states, partner)
                changed = True
    return changed


def _widen(problem: Problem, states: list[str], exposed: list[int], member_of: list[list[int]]) -> bool:
    changed = False
    for cell in exposed:
        options = [(len([c for c in problem.relations[r].cells if states[c] != SHOWN]), r)
                   for r in member_of[cell]]
        for _hidden, number in sorted(options):
            partner = _partner(problem, states, problem.relations[number])
            if partner is not None:
                _withhold(states, partner)
                changed = True
                break
    return changed


def _break_reasoning(problem: Problem, states: list[str], pinned: dict[int, list[int]]) -> bool:
    """Withhold, for each pinned cell, the smallest shown cell its bounds rest on."""
    changed = False
    for cell in sorted(pinned):
        candidates = [c for c in pinned[cell] if states[c] == SHOWN and problem.values[c] > 0]
        if not candidates:
            continue
        _withhold(states, min(candidates, key=lambda c: (problem.rank[c], problem.values[c], c)))
        changed = True
    return changed


def known_bounds(problem: Problem, states: list[str]) -> list[tuple[float, float]]:
    """What a reader can deduce about each cell from the shown values, the marks and the relations:
    bounds propagated relation by relation until none tightens (a relation is looked at again only
    when the bounds of one of its cells have changed)."""
    ceiling = float(max(problem.values, default=0) or 1)  # no cell counts more than the grand total
    low: list[float] = []
    high: list[float] = []
    for value, state in zip(problem.values, states, strict=True):
        if state == SHOWN:
            low.append(value)
            high.append(value)
        else:
            low.append({SMALL: 0, WITHHELD: 5}.get(state, 0))
            high.append(4 if state == SMALL else ceiling)
    member_of: list[list[int]] = [[] for _ in problem.values]
    for number, relation in enumerate(problem.relations):
        for cell in relation.cells:
            member_of[cell].append(number)
    pending = list(range(len(problem.relations)))
    queued = [True] * len(problem.relations)
    budget = 50 * len(problem.relations) + 1000  # interval propagation can creep; stop it in time
    while pending and budget:
        budget -= 1
        number = pending.pop()
        queued[number] = False
        relation = problem.relations[number]
        parts, total = relation.parts, relation.total
        low_sum = sum(low[p] for p in parts)
        high_sum = sum(high[p] for p in parts)
        changed: list[int] = []
        if low_sum > low[total] + 1e-9 or high_sum < high[total] - 1e-9:
            low[total], high[total] = max(low[total], low_sum), min(high[total], high_sum)
            changed.append(total)
        for p in parts:
            new_low = max(low[p], low[total] - (high_sum - high[p]))
            new_high = min(high[p], high[total] - (low_sum - low[p]))
            if new_low > low[p] + 1e-9 or new_high < high[p] - 1e-9:
                low_sum += new_low - low[p]
                high_sum += new_high - high[p]
                low[p], high[p] = new_low, new_high
                changed.append(p)
        for cell in changed:
            for other in member_of[cell]:
                if not queued[other]:
                    queued[other] = True
                    pending.append(other)
    return list(zip(low, high, strict=True))


def exposed_cells(problem: Problem, states: list[str]) -> list[int]:
    """Withheld cells whose value a reader can pin down to one whole number."""
    bounds = known_bounds(problem, states)
    return [c for c, (low, high) in enumerate(bounds)
            if states[c] in (SMALL, WITHHELD) and math.floor(high + 1e-9) <= math.ceil(low - 1e-9)]
