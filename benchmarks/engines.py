"""The engine step alone, once with each site engine, on the docs folder that the cold build
rendered: MkDocs and Zensical are timed on the same input. For each: wall time, peak memory of
the process tree (the engine runs as a child process, which the sampler counts), and what it wrote.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.sampler import MemorySampler, TreeSize, tree_size
from generator.build import Project
from generator.engine import ENGINES, build_with_engine


@dataclass
class EngineRun:
    engine: str
    seconds: float
    peak_rss: int
    peak_pss: int
    pages: int
    output: TreeSize


def measure_engines(project: Project, *, log: object = print) -> list[EngineRun]:
    """Run every engine on `project.docs` (rendered by a build of the project) into a scratch folder."""
    runs = []
    for engine in ENGINES:
        site = project.work / f"engine-{engine}"  # type: ignore[operator]
        if site.exists():
            shutil.rmtree(site)
        site.mkdir(parents=True)
        log(f"  engine step: {engine}")  # type: ignore[operator]
        with MemorySampler() as sampler:
            sampler.take()
            start = time.perf_counter()
            build_with_engine(project.config, project.docs, site, engine)
            seconds = time.perf_counter() - start
            rss, pss = sampler.take()
        runs.append(EngineRun(engine, seconds, rss, pss, _pages(site), tree_size(site)))
        shutil.rmtree(site)
    return runs


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))
