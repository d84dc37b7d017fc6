"""Nobody can work out a withheld certificate count from what the statistics publish.

Every published table is attacked at once (`attack.py`: linear and integer programming over the
certificate counts, knowing each enterprise's scope and active years), on the sample catalogue and
on synthetic catalogues full of small cells. Seed 7 was used while the suppression was written;
seed 202 was fixed beforehand and not looked at until then.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.catalogue import read_catalogue
from generator.opendata.statistics import certificate_statistics
from generator.opendata.table import SMALL
from generator.opendata.tally import certificate_counts
from generator.synth import synthesize
from tests.opendata.attack import recoverable_cells

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _attack(catalogue_dir: Path) -> tuple[list, int, int]:
    catalogue = read_catalogue(catalogue_dir, display_root=catalogue_dir)
    counts = certificate_counts(catalogue, catalogue_dir)
    result = certificate_statistics(catalogue, counts, 2026)
    small = sum(1 for v in result.shown.values() if v == SMALL)
    findings, withheld = recoverable_cells(catalogue, result.shown, result.cells, result.years)
    return findings, withheld, small


def test_no_withheld_count_of_the_sample_catalogue_can_be_recovered() -> None:
    findings, withheld, small = _attack(ROOT / "catalogue")
    assert small > 0 and withheld > small  # there is something to attack, and partners were withheld
    assert findings == []


@pytest.mark.parametrize(("enterprises", "certificates", "seed"), [(24, 400, 7), (16, 500, 202)])
def test_no_withheld_count_of_a_catalogue_full_of_small_cells_can_be_recovered(
        tmp_path: Path, enterprises: int, certificates: int, seed: int) -> None:
    synthesize(tmp_path / "catalogue", enterprises=enterprises, certificates=certificates, seed=seed,
               workers=1)
    findings, _withheld, small = _attack(tmp_path / "catalogue")
    assert small >= 40  # many small cells
    assert findings == []


def test_the_attack_recovers_a_count_left_unprotected() -> None:
    """The attack is real: with only the primary suppression, it works out the small counts."""
    from generator.opendata import suppress

    catalogue_dir = ROOT / "catalogue"
    catalogue = read_catalogue(catalogue_dir, display_root=catalogue_dir)
    counts = certificate_counts(catalogue, catalogue_dir)
    original = suppress.suppress
    try:
        suppress.suppress = lambda problem, audit=None: [  # type: ignore[assignment]
            suppress.UNPUBLISHED if (problem.unpublished or [False] * len(problem.values))[i]
            else suppress.SMALL if v < 5 and not (problem.structural or [False] * len(problem.values))[i]
            else suppress.SHOWN for i, v in enumerate(problem.values)]
        result = certificate_statistics(catalogue, counts, 2026)
    finally:
        suppress.suppress = original
    findings, _withheld = recoverable_cells(catalogue, result.shown, result.cells, result.years)
    assert findings, "primary suppression alone leaves small counts that totals give away"
    assert all(round(f.low) == round(f.high) == f.true for f in findings)
