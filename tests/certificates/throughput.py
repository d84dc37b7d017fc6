"""Certificate check and read throughput against the floor (not a test; run it by hand):

    python -m tests.certificates.throughput /tmp/certs-100k --enterprises 100 --certificates 100000

The floor is what any builder of this data must spend: PyYAML's C loader over every file and one
SHA-256 per record. CPU seconds are printed beside wall seconds because a shared machine's wall
time says little; the check may use worker processes, whose CPU time is counted too.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.certificates import check_certificate_files, iter_certificates
from generator.load.catalogue import read_with_problems
from generator.synth import synthesize


def _timed(label: str, run: Callable[[], int], floor: float | None) -> float:
    before, wall = os.times(), time.perf_counter()
    count = run()
    after, wall = os.times(), time.perf_counter() - wall
    cpu = (after.user + after.system + after.children_user + after.children_system
           - before.user - before.system - before.children_user - before.children_system)
    ratio = f"  {cpu / floor:.2f}x floor (cpu)" if floor else ""
    print(f"{label:6} {count:>9,} records  wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
          f"{count / cpu:>9,.0f} records/s (cpu){ratio}")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--enterprises", type=int, default=100)
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    if not args.out.exists():
        start = time.perf_counter()
        report = synthesize(args.out, enterprises=args.enterprises, certificates=args.certificates,
                            seed=args.seed)
        print(f"synth  {report} in {time.perf_counter() - start:.1f} s")
    catalogue, problems = read_with_problems(args.out, display_root=args.out.parent)
    assert catalogue is not None and not problems, problems[:5]
    paths = sorted((args.out / "certificates").glob("*/*.yaml"))

    def floor() -> int:
        count = 0
        for path in paths:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for record in data["certificates"]:
                hashlib.sha256(repr(record).encode()).digest()
                count += 1
        return count

    def check() -> int:
        files, found = check_certificate_files(catalogue, args.out, args.out.parent)
        assert not found
        return sum(f.count for f in files)

    def read() -> int:
        return sum(1 for f in catalogue.certificate_files for _ in iter_certificates(args.out, f))

    base = _timed("floor", floor, None)
    _timed("check", check, base)
    _timed("iter", read, base)


if __name__ == "__main__":
    main()
