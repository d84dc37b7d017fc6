"""Deterministic synthetic data: the committed sample certificates, and whole catalogues at scale.

* `write_sample_certificates(catalogue_dir, seed)` rewrites `catalogue/certificates/` for the
  sample enterprises (a few thousand records).
* `synthesize(out_dir, enterprises=N, certificates=M, seed=S)` writes a complete catalogue
  (reference data, batches, enterprises, certificates) that passes `check_catalogue`.

The same seed gives the same bytes: every enterprise draws from its own `random.Random`, seeded
from the run's seed and the enterprise's id, so the split over worker processes does not matter.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.synth.enterprises import SynthEnterprise, batches, batches_text, enterprise
from generator.synth.issuing import IssuerPlan, issue, write_files

__all__ = ["SAMPLE_END", "SynthReport", "synthesize", "write_sample_certificates"]

SAMPLE_END = dt.date(2025, 12, 31)  # the last issue date of generated data (fixed: output is reproducible)
SAMPLE_PER_ENTERPRISE = 200
SAMPLE_PER_FILE = 60
_SOURCE_CATALOGUE = Path(__file__).resolve().parent.parent.parent / "catalogue"


@dataclass(frozen=True)
class SynthReport:
    enterprises: int
    certificates: int
    files: int
    bytes: int


def _reason_codes(catalogue_dir: Path) -> tuple[int, ...]:
    from generator.load.yamlio import load_fast

    data = load_fast(catalogue_dir / "reference" / "revocation-reasons.yaml", "revocation-reasons.yaml")
    return tuple(sorted(item["code"] for item in data["revocation_reasons"]))


def _clear_certificates(folder: Path) -> None:
    """Remove generated certificate files (those marked `sample: true`) and emptied folders."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*/*.yaml")):
        if "\nsample: true\n" in path.read_text(encoding="utf-8"):
            path.unlink()
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()


def write_sample_certificates(catalogue_dir: Path, seed: int = 2019, *,
                              per_enterprise: int = SAMPLE_PER_ENTERPRISE) -> SynthReport:
    """Rewrite the sample certificate files for every valid enterprise of the catalogue."""
    from generator.load.catalogue import read_with_problems

    catalogue_dir = Path(catalogue_dir)
    target = catalogue_dir / "certificates"
    _clear_certificates(target)
    catalogue, _problems = read_with_problems(catalogue_dir, display_root=catalogue_dir.parent)
    if catalogue is None:
        raise ValueError("the catalogue's reference data has problems; run the check first")
    reasons = tuple(sorted(catalogue.revocation_reasons))
    rng = random.Random(f"{seed}:sample-counts")
    total = files = size = 0
    for item in catalogue.enterprises:
        count = per_enterprise // 2 + rng.randrange(per_enterprise)
        plan = IssuerPlan.of(item, count)
        written = issue(plan, seed, end=SAMPLE_END, per_file=SAMPLE_PER_FILE, reasons=reasons,
                        guaranteed=True)
        size += write_files(catalogue_dir, item.id, written)
        files += len(written)
        total += _records(written)
    return SynthReport(len(catalogue.enterprises), total, files, size)


def _counts(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [0.3 + rng.random() * 1.4 for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


def _records(files: dict[str, str]) -> int:
    return sum(text.count("\n  - {") for text in files.values())


def _issue_and_write(task: tuple[Path, list[IssuerPlan], int | str, tuple[int, ...]]) -> tuple[int, int, int]:
    out_dir, plans, seed, reasons = task
    files = size = records = 0
    for plan in plans:
        written = issue(plan, seed, end=SAMPLE_END, reasons=reasons)
        size += write_files(out_dir, plan.id, written)
        files += len(written)
        records += _records(written)
    return files, size, records


def synthesize(out_dir: Path, *, enterprises: int, certificates: int, seed: int = 2019,
               workers: int = 2) -> SynthReport:
    """Write a complete synthetic catalogue into `out_dir` (which must not exist or be empty)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty (expected a new or empty folder)")
    if not 1 <= enterprises <= 999_999:
        raise ValueError(f"enterprises={enterprises} (expected 1 to 999999)")
    for name in ("schemas", "reference"):
        shutil.copytree(_SOURCE_CATALOGUE / name, out_dir / name)
    reasons = _reason_codes(out_dir)
    rng = random.Random(f"{seed}:catalogue")
    runs = batches(min(12, max(1, -(-enterprises // 50))))
    (out_dir / "batches.yaml").write_text(batches_text(runs), encoding="utf-8")
    (out_dir / "enterprises").mkdir()
    taken: set[str] = set()
    made: list[SynthEnterprise] = []
    size = 0
    for index in range(1, enterprises + 1):
        batch = runs[(index - 1) * len(runs) // enterprises]
        item = enterprise(index, rng, batch, SAMPLE_END, taken)
        data = item.text.encode("utf-8")
        (out_dir / "enterprises" / f"{item.id}.yaml").write_bytes(data)
        size += len(data)
        made.append(item)
    counts = _counts(certificates, enterprises, rng)
    plans = [IssuerPlan(e.id, e.evaluation_code, e.scopes, e.history, n)
             for e, n in zip(made, counts, strict=True)]
    chunks = [plans[i::workers] for i in range(max(1, workers))]
    tasks = [(out_dir, chunk, seed, reasons) for chunk in chunks if chunk]
    if workers > 1 and certificates >= 20_000:
        with ProcessPoolExecutor(len(tasks), mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_issue_and_write, tasks))
    else:
        results = [_issue_and_write(task) for task in tasks]
    files = sum(r[0] for r in results)
    size += sum(r[1] for r in results)
    return SynthReport(enterprises, sum(r[2] for r in results), files, size)
