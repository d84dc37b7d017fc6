"""The engine step alone, with each site engine, on the docs folder that the cold build rendered:
MkDocs and Zensical are timed on the same input. Each engine runs REPEATS times, the engines taking
turns, so that a burst of load from elsewhere on the machine does not fall on one engine only; the
report gives the fastest and the slowest wall time, the CPU time of the fastest run (this process
and the engine's own process), the peak memory of the process tree over all runs, and the output.
"""

from __future__ import annotations

import resource
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.sampler import MemorySampler, TreeSize, tree_size
from generator.build import Project
from generator.engine import ENGINES, build_with_engine

REPEATS = 3


@dataclass
class EngineRun:
    engine: str
    seconds: float  # fastest wall time
    slowest: float
    cpu_seconds: float  # user + system time of the fastest run
    peak_rss: int
    peak_pss: int
    pages: int
    output: TreeSize


def measure_engines(project: Project, *, repeats: int = REPEATS,
                    log: Callable[[str], None] = print) -> list[EngineRun]:
    """Run every engine `repeats` times on `project.docs` (rendered by a build of the project)."""
    timings: dict[str, list[tuple[float, float]]] = {engine: [] for engine in ENGINES}
    peaks = {engine: (0, 0) for engine in ENGINES}
    outputs: dict[str, tuple[int, TreeSize]] = {}
    for turn in range(repeats):
        for engine in ENGINES:
            log(f"  engine step: {engine} ({turn + 1}/{repeats})")
            site = project.work / f"engine-{engine}"  # type: ignore[operator]
            if site.exists():
                shutil.rmtree(site)
            site.mkdir(parents=True)
            with MemorySampler() as sampler:
                sampler.take()
                before = _cpu()
                start = time.perf_counter()
                build_with_engine(project.config, project.docs, site, engine)
                wall = time.perf_counter() - start
                cpu = _cpu() - before
                rss, pss = sampler.take()
            timings[engine].append((wall, cpu))
            peaks[engine] = (max(peaks[engine][0], rss), max(peaks[engine][1], pss))
            outputs[engine] = (_pages(site), tree_size(site))
            shutil.rmtree(site)
    runs = []
    for engine in ENGINES:
        fastest = min(timings[engine])
        runs.append(EngineRun(engine, fastest[0], max(t[0] for t in timings[engine]), fastest[1],
                              *peaks[engine], *outputs[engine]))
    return runs


def _cpu() -> float:
    """User + system seconds of this process and of its finished children (the engine's process)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))
