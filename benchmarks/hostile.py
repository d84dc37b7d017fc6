"""Hostile inputs, timed: how fast `check` refuses an alias bomb, and what one bad record costs in a
200,000-record certificate file compared with the same file when valid.

    python -m benchmarks.hostile                 # 200,000 records, each run 3 times
    python -m benchmarks.hostile --records 20000 --repeat 1
    python -m benchmarks.hostile --generator DIR --timeout 120   # another version's generator/ in DIR

Every run is `skills-site check` in a fresh process on a small catalogue (the repository's
reference data and one enterprise); the table gives the median wall time and the peak resident
memory of that process. Generated files live in a temporary folder and are removed afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from generator.synth.people import birth_date, holder_name, id_number

ROOT = Path(__file__).resolve().parent.parent
ENTERPRISE = ROOT / "tests" / "certificates" / "catalogue" / "enterprises" / "test-welding.yaml"
ALIAS_LEVELS = "abcdefghij"
ISSUED = dt.date(2020, 6, 18)  # test-welding is active then
HEADER = ("# yaml-language-server: $schema=../../schemas/certificates.schema.json\n"
          "# 基准测试数据：程序合成。\n")


def alias_bomb(width: int = 20) -> str:
    """A "billion laughs" YAML mapping of about 1 KB: its last key would expand to width**10 strings."""
    laugh = '"lol"'
    lines = [f"a: &a [{', '.join([laugh] * width)}]"]
    for previous, name in itertools.pairwise(ALIAS_LEVELS):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * width)}]")
    return "\n".join(lines) + "\n"


def certificate_lines(records: int, seed: int = 9) -> list[str]:
    """`records` valid certificates of test-welding, one canonical line each."""
    rng = random.Random(seed)
    lines = []
    for serial in range(1, records + 1):
        holder = id_number(rng, birth_date(rng, ISSUED))
        lines.append(f"  - {{number: Y000022000901204{serial:06d}, name: {holder_name(rng)}, "
                     f'id_number: "{holder}", occupation: 6-18-02-04, level: 4, issued: {ISSUED}}}\n')
    return lines


def spoil_id_number(line: str) -> str:
    """The line with its ID number's check character made wrong."""
    start = line.index('id_number: "') + len('id_number: "')
    last = start + 17
    wrong = "0" if line[last] != "0" else "1"
    return line[:last] + wrong + line[last + 1:]


def make_catalogue(folder: Path) -> Path:
    catalogue = folder / "catalogue"
    for name in ("schemas", "reference"):
        shutil.copytree(ROOT / "catalogue" / name, catalogue / name)
    shutil.copy(ROOT / "catalogue" / "batches.yaml", catalogue / "batches.yaml")
    (catalogue / "enterprises").mkdir()
    shutil.copy(ENTERPRISE, catalogue / "enterprises" / "test-welding.yaml")
    (catalogue / "certificates" / "test-welding").mkdir(parents=True)
    return catalogue


@dataclass
class Measured:
    name: str
    file_bytes: int
    seconds: float
    peak_mb: float
    exit_code: int
    first_line: str
    stopped: bool = False  # killed at the time limit


@dataclass(frozen=True)
class Runner:
    generator: Path | None = None  # a folder holding another version's `generator` package
    timeout: float = 600.0
    memory_mb: int | None = None  # address-space limit of each run (an older version may need one)

    def limit(self) -> None:
        if self.memory_mb is not None:
            size = self.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))


def measure(name: str, catalogue: Path, file_bytes: int, repeat: int, runner: Runner) -> Measured:
    """Median wall time and largest peak RSS of `skills-site check` over `repeat` fresh processes."""
    times, peaks, code, first, stopped = [], [], 0, "", False
    command = [sys.executable, "-m", "generator", "check", "--catalogue", str(catalogue)]
    environment = dict(os.environ)
    if runner.generator is not None:
        environment["PYTHONPATH"] = str(runner.generator.resolve())
    for _ in range(repeat):
        start = time.perf_counter()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(command, cwd=catalogue.parent, stdout=out, stderr=err, env=environment,
                                       preexec_fn=runner.limit)
            timer = threading.Timer(runner.timeout, process.kill)
            timer.start()
            _pid, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
            timer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
            times.append(time.perf_counter() - start)
            out.seek(0)
            err.seek(0)
            output = err.read().decode("utf-8", "replace") or out.read().decode("utf-8", "replace")
        stopped = stopped or process.returncode == -9
        code, first = process.returncode, output.splitlines()[0] if output else ""
        peaks.append(usage.ru_maxrss / 1024)  # KB on Linux
        if stopped:
            break  # once over the limit, once is enough
    return Measured(name, file_bytes, statistics.median(times), max(peaks), code, first, stopped)


def in_process(name: str, call, size: int, repeat: int) -> Measured:  # type: ignore[no-untyped-def]
    """Median time of `call()` in this process (no start-up), over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        first = call()
        times.append(time.perf_counter() - start)
    return Measured(name, size, statistics.median(times), float("nan"), 1, first)


def _refusal(text: str) -> str:
    from generator.load.yamlio import YamlFileError, load_text

    try:
        load_text(text, "bomb.yaml")
    except YamlFileError as exc:
        return str(exc.problem)
    return "accepted"


def _checked(catalogue: Path) -> str:
    from generator.load.catalogue import check_catalogue

    problems = check_catalogue(catalogue, display_root=catalogue.parent)
    return str(problems[0]) if problems else "no problem"


def run(records: int, repeat: int, log, runner: Runner) -> list[Measured]:  # type: ignore[no-untyped-def]
    results: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
        base = Path(scratch)
        catalogue = make_catalogue(base / "bomb")
        bomb = "# yaml-language-server: $schema=../schemas/enterprise.schema.json\n" + alias_bomb()
        (catalogue / "enterprises" / "test-welding.yaml").write_text(bomb, encoding="utf-8")
        log("alias bomb")
        size = len(bomb.encode())
        if runner.generator is None:  # in-process figures are of this version only
            results.append(in_process("alias bomb: the YAML reader alone (in process)",
                                      lambda: _refusal(bomb), size, max(repeat, 20)))
            results.append(in_process("alias bomb: check_catalogue (in process)",
                                      lambda: _checked(catalogue), size, max(repeat, 5)))
        results.append(measure("alias bomb: skills-site check (new process)", catalogue, size, repeat,
                               runner))
        catalogue = make_catalogue(base / "empty")
        log("empty catalogue")
        results.append(measure("no certificates: skills-site check (new process, start-up)", catalogue, 0,
                               repeat, runner))

        log(f"{records:,} records")
        lines = certificate_lines(records)
        catalogue = make_catalogue(base / "big")
        target = catalogue / "certificates" / "test-welding" / "2020-06.yaml"
        variants = (
            ("canonical, valid", "sample: true\n", lines[-1]),
            ("canonical, last ID number wrong", "sample: true\n", spoil_id_number(lines[-1])),
            ("other layout, valid", "sample: true  # 其他排版\n", lines[-1]),
            ("other layout, last ID number wrong", "sample: true  # 其他排版\n", spoil_id_number(lines[-1])),
        )
        for name, sample_line, last in variants:
            text = (f"{HEADER}enterprise: test-welding\nlabel: 2020-06\n{sample_line}certificates:\n"
                    + "".join(lines[:-1]) + last)
            target.write_text(text, encoding="utf-8")
            log(f"  {name}")
            results.append(measure(f"{records:,} records, {name}", catalogue, len(text.encode()), repeat,
                                   runner))
    return results


def table(results: list[Measured]) -> str:
    rows = ["| input | file size | time s | peak memory MB | memory ÷ file size | exit "
            "| first message |", "|---|---:|---:|---:|---:|---:|---|"]
    for r in results:
        ratio = f"{r.peak_mb * 1_048_576 / r.file_bytes:.0f}×" if r.file_bytes > 1_000_000 else ""
        size = f"{r.file_bytes / 1_000_000:.1f} MB" if r.file_bytes > 1_000_000 else f"{r.file_bytes:,} B"
        if r.stopped:
            r.first_line = "(stopped at the time limit)"
        message = r.first_line if len(r.first_line) <= 90 else r.first_line[:89] + "…"
        peak = "" if r.peak_mb != r.peak_mb else f"{r.peak_mb:.0f}"  # NaN: measured in this process
        seconds = f"{r.seconds:.2f}" if r.seconds >= 0.1 else f"{r.seconds * 1000:.2f} ms"
        if r.stopped:
            seconds = f"> {r.seconds:.0f}"
        rows.append(f"| {r.name} | {size} | {seconds} | {peak} | {ratio} | {r.exit_code} | "
                    f"{message.replace('|', '/')} |")
    by_name = {r.name.split(", ", 1)[-1]: r for r in results}
    notes = []
    for layout in ("canonical", "other layout"):
        clean, bad = by_name.get(f"{layout}, valid"), by_name.get(f"{layout}, last ID number wrong")
        if clean and bad:
            notes.append(f"- {layout}: one bad last record costs {bad.seconds / clean.seconds:.2f}× the time "
                         f"of the valid file and {bad.peak_mb / clean.peak_mb:.2f}× its peak memory "
                         "(target: at most 3×).")
    return "\n".join([*rows, "", *notes])


def describe_machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return (f"{cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 1024 ** 3:.0f} GB memory, "
            f"Python {platform.python_version()}, load average {load:.1f} at the start; "
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generator", type=Path, default=None,
                        help="run the generator package found in this folder (e.g. an older version)")
    parser.add_argument("--timeout", type=float, default=600.0, help="stop a run after this many seconds")
    parser.add_argument("--memory-limit", type=int, default=None, help="address-space limit of a run, in MB")
    args = parser.parse_args(argv)
    machine = describe_machine()
    runner = Runner(args.generator, args.timeout, args.memory_limit)
    results = run(args.records, args.repeat, lambda text: print(f"… {text}", file=sys.stderr), runner)
    shown = " ".join(argv if argv is not None else sys.argv[1:])
    print(f"Command: `python -m benchmarks.hostile{' ' + shown if shown else ''}`\n")
    print(f"Machine: {machine}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
