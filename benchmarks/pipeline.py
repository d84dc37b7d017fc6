"""One build of a catalogue through `generator.build.build`, measured phase by phase.

Every phase gets its wall time (from the build's own report), the peak memory of the process tree
while it ran, and the size of what it wrote. The load+validate phase is split further by timing
the three calls it makes (file loading, enterprise rules, certificate files), and the checks phase
by timing the collection of holder values apart from the scan.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generator.build as build_module
import generator.load.catalogue as catalogue_module
from benchmarks.sampler import MemorySampler, TreeSize, tree_size
from generator.build import Project, build


@dataclass
class PhaseRow:
    name: str
    seconds: float
    peak_rss: int = 0
    peak_pss: int = 0
    output: TreeSize | None = None
    part_of: str = ""  # a timed call inside this phase (no memory or output of its own)


@dataclass
class BuildRun:
    rows: list[PhaseRow] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss: int = 0
    peak_pss: int = 0
    enterprises: int = 0
    certificates: int = 0
    leaks: list[str] = field(default_factory=list)  # what the PII scan reported (the build went on)
    cache: str = ""  # cache hits and misses of the build

    def row(self, name: str) -> PhaseRow | None:
        return next((r for r in self.rows if r.name == name), None)


# (module, attribute, label, phase): calls timed inside a phase
TIMED_CALLS: tuple[tuple[Any, str, str, str], ...] = (
    (catalogue_module, "load_catalogue_files", "load files", "load+validate"),
    (catalogue_module, "validate", "validate enterprises", "load+validate"),
    (catalogue_module, "check_certificate_files", "validate certificates", "load+validate"),
    (build_module, "holder_values", "holder values", "checks"),
    (build_module, "holder_value_sets", "holder values", "checks"),
    (build_module, "without_public_names", "public names", "checks"),
    (build_module, "scan_site", "scan site", "checks"),
)


@contextmanager
def timed_calls(into: dict[str, float], leaks: list[str]) -> Iterator[None]:
    """Wrap the calls of TIMED_CALLS so that each adds its wall time to `into[label]`.

    The scan's findings are recorded in `leaks` and the build goes on, so that every phase is
    measured even when the scan reports something; the report shows what it found.
    """
    saved = []
    for module, attribute, label, _phase in TIMED_CALLS:
        original = getattr(module, attribute, None)
        if original is None:
            continue
        saved.append((module, attribute, original))
        wrapped = _timer(original, label, into)
        if attribute == "scan_site":
            wrapped = _recorded(wrapped, leaks)
        setattr(module, attribute, wrapped)
    try:
        yield
    finally:
        for module, attribute, original in saved:
            setattr(module, attribute, original)


def _timer(function: Callable[..., Any], label: str, into: dict[str, float]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            into[label] = into.get(label, 0.0) + time.perf_counter() - start
    return wrapped


def _recorded(scan: Callable[..., list[Any]], leaks: list[str]) -> Callable[..., list[Any]]:
    def wrapped(*args: Any, **kwargs: Any) -> list[Any]:
        leaks.extend(str(leak) for leak in scan(*args, **kwargs))
        return []
    return wrapped


def _outputs(project: Project) -> dict[str, Callable[[], TreeSize]]:
    """What each phase wrote, measured right after it ends."""
    staging = project.staging
    return {
        "render": lambda: tree_size(project.docs),
        "open data": lambda: tree_size(project.docs / "data"),
        "certificate statistics": lambda: tree_size(staging / "data"),
        "engine build": lambda: tree_size(staging),
        "search index": lambda: tree_size(staging / "pagefind"),
        "lookup index": lambda: tree_size(staging / "verify" / "data"),
        "publish": lambda: tree_size(project.out),  # type: ignore[arg-type]
    }


def measured_build(project: Project, *, log: Callable[[str], None] = print) -> BuildRun:
    """Build once; return every phase with time, peak memory and output. The build's time leaves
    out the sampling and the output sizes measured between phases."""
    outputs = _outputs(project)
    order: list[str] = []
    peaks: dict[str, tuple[int, int]] = {}
    sizes: dict[str, TreeSize] = {}
    inner: dict[str, float] = {}
    leaks: list[str] = []

    measuring = [0.0]  # seconds spent measuring between phases: not part of the build's time

    def close(name: str) -> None:
        start = time.perf_counter()
        peaks[name] = sampler.take()
        if name in outputs:
            sizes[name] = outputs[name]()
        measuring[0] += time.perf_counter() - start

    def on_phase(name: str) -> None:
        if order:
            close(order[-1])
        else:
            sampler.take()  # start the first window here
        order.append(name)
        log(f"  … {name}")

    with MemorySampler() as sampler, timed_calls(inner, leaks):
        start = time.perf_counter()
        report = build(project, on_phase=on_phase)
        if order:
            close(order[-1])
        run = BuildRun(seconds=time.perf_counter() - start - measuring[0], enterprises=report.enterprises,
                       certificates=report.certificates, leaks=leaks, cache=report.cache)
    run.peak_rss, run.peak_pss = sampler.overall_rss, sampler.overall_pss
    for phase in report.phases:
        rss, pss = peaks.get(phase.name, (0, 0))
        run.rows.append(PhaseRow(phase.name, phase.seconds, rss, pss, sizes.get(phase.name)))
        labels = dict.fromkeys(label for _m, _a, label, parent in TIMED_CALLS if parent == phase.name)
        run.rows.extend(PhaseRow(label, inner[label], part_of=phase.name)
                        for label in labels if label in inner)
    return run


def project_for(root: Path, catalogue: Path, work_root: Path) -> Project:
    """A project reading `catalogue` and writing below `work_root` (site, staging, cache)."""
    return Project(root, catalogue=catalogue, out=work_root / "site", work=work_root / "build",
                   cache=work_root / "cache")
