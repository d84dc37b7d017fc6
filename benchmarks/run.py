"""Build synthetic catalogues of several sizes and measure the build, the floor and the browser.

    python -m benchmarks                                   # 100x10000,1000x100000,1000x1000000
    python -m benchmarks --sizes 5x500 --skip-browser      # a quick run
    python -m benchmarks --out DIR --no-write              # keep data in DIR, leave BENCHMARKS.md alone

Per size: write the catalogue with the synthesizer, measure the floor, build cold (empty cache),
run the engine step alone with each site engine on the cold build's docs, query the site in
headless Chromium, add one issuing batch and build again with the cache kept.
Generated data lives under --out (default benchmarks/data/, ignored by git) and is removed after
each size unless --keep is given.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks import data
from benchmarks.engines import measure_engines
from benchmarks.floor import measure_floor
from benchmarks.pipeline import BuildRun, measured_build, project_for
from benchmarks.report import render, write_markdown
from benchmarks.sampler import tree_size

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = "100x10000,1000x100000,1000x1000000,1000x10000000"
PREAMBLE = """# Benchmarks

How long the build takes and what the published site costs its visitors, at 10,000, 100,000,
1,000,000 and 10,000,000 synthetic certificates, measured against the floor (what reading the same
data costs at least). The section between the markers is written by `python -m benchmarks`; the notes after it
are kept when it runs again.
"""


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        enterprises, _, certificates = part.strip().lower().partition("x")
        sizes.append((int(enterprises), int(certificates)))
    return sizes


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                              check=False).stdout.strip() if Path("/usr/bin/chromium").exists() else ""
    return {"cpu": cpu, "nproc": os.cpu_count(), "memory_gb": psutil.virtual_memory().total / 1024 ** 3,
            "python": platform.python_version(), "chromium": chromium or "no Chromium",
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")}


def _plain(build: BuildRun) -> dict[str, Any]:
    return dataclasses.asdict(build)


def run_size(enterprises: int, certificates: int, out: Path, *, seed: int, browser: bool,
             log: Any, floor_max: int = 1_000_000) -> dict[str, Any]:
    base = out / f"{enterprises}x{certificates}"
    if base.exists():
        shutil.rmtree(base)
    catalogue = base / "catalogue"
    log(f"{enterprises:,} enterprises × {certificates:,} certificates: synthesize")
    start = time.perf_counter()
    data.write_catalogue(catalogue, enterprises, certificates, seed)
    synth_seconds = time.perf_counter() - start
    size = tree_size(catalogue)
    floor = None
    if certificates <= floor_max:
        log("  floor")
        floor = measure_floor(catalogue)
        log(f"  floor {floor.seconds:.1f} s")
    log("  cold build")
    project = project_for(ROOT, catalogue, base)
    load = os.getloadavg()[0]
    cold = measured_build(project, log=log)
    log(f"  cold build {cold.seconds:.1f} s")
    result: dict[str, Any] = {
        "enterprises": enterprises, "certificates": cold.certificates, "synth_seconds": synth_seconds,
        "catalogue_files": size.files, "catalogue_bytes": size.bytes,
        "floor": dataclasses.asdict(floor) | {"seconds": floor.seconds} if floor else None,
        "cold": _plain(cold),
        "load_average": [load, os.getloadavg()[0]],
    }
    result["engines"] = [dataclasses.asdict(run) for run in measure_engines(project, log=log)]
    if browser:
        from benchmarks.browser import browser_figures

        log("  browser")
        figures, errors, server = browser_figures(project.out, data.verify_queries(catalogue),  # type: ignore[arg-type]
                                                  data.search_queries(catalogue))
        result["browser"] = [dataclasses.asdict(f) for f in figures]
        result["console_errors"] = errors
        result["server"] = server
    log("  add one batch; rebuild")
    before = site_files(project.out)  # type: ignore[arg-type]
    data.add_batch(catalogue, data.BATCH_SIZE)
    result["batch"] = data.BATCH_SIZE
    rebuild = measured_build(project, log=log)
    log(f"  rebuild {rebuild.seconds:.1f} s")
    result["rebuild"] = _plain(rebuild)
    result["rebuild_changes"] = changes(before, site_files(project.out))  # type: ignore[arg-type]
    return result


def site_files(site: Path) -> dict[str, tuple[int, str]]:
    """Size and SHA-256 of every file of a built site, by path."""
    out = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(site).as_posix()] = (len(data), hashlib.sha256(data).hexdigest())
    return out


def changes(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> dict[str, int]:
    """What a rebuild changed in the published site: files new (under a new name), changed in place
    and removed, and the bytes an upload that syncs by content has to carry."""
    new = after.keys() - before.keys()
    changed = {p for p in after.keys() & before.keys() if after[p] != before[p]}
    return {"new": len(new), "changed": len(changed), "removed": len(before.keys() - after.keys()),
            "upload_bytes": sum(after[p][0] for p in new | changed), "files": len(after)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"comma-separated ENTERPRISESxCERTIFICATES (default {DEFAULT_SIZES})")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data",
                        help="folder for generated catalogues and builds (default benchmarks/data/)")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--skip-browser", action="store_true", help="leave out the Chromium figures")
    parser.add_argument("--keep", action="store_true", help="keep each size's data under --out")
    parser.add_argument("--floor-max", type=int, default=1_000_000,
                        help="measure the floor only up to this many certificates (default 1,000,000)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--from-results", type=Path, metavar="JSON",
                        help="measure nothing: write the markdown from a results.json of an earlier run")
    args = parser.parse_args(argv)
    if args.from_results:
        run = json.loads(args.from_results.read_text(encoding="utf-8"))
        print(render(run))
        if not args.no_write:
            write_markdown(args.markdown, run, PREAMBLE)
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    command = "python -m benchmarks" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    started = time.perf_counter()
    results = []
    args.out.mkdir(parents=True, exist_ok=True)
    for enterprises, certificates in parse_sizes(args.sizes):
        result = run_size(enterprises, certificates, args.out, seed=args.seed,
                          browser=not args.skip_browser, log=log, floor_max=args.floor_max)
        results.append(result)
        if not args.keep:
            shutil.rmtree(args.out / f"{enterprises}x{certificates}", ignore_errors=True)
        run = {"command": command, "machine": machine(), "results": results,
               "wall_seconds": time.perf_counter() - started}
        text = json.dumps(run, ensure_ascii=False, indent=1)
        (args.out / "results.json").write_text(text, encoding="utf-8")
    print(render(run))
    if not args.no_write:
        write_markdown(args.markdown, run, PREAMBLE)
        log(f"wrote {args.markdown}")
    return 0
