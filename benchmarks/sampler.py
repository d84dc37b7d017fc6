"""Peak memory of this process and its children, sampled on a thread, and output size of a folder."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import psutil

INTERVAL = 0.05  # seconds between samples
CHILDREN_EVERY = 4  # samples between two listings of the child processes (listing reads all of /proc)


def _pss(pid: int) -> int | None:
    """Proportional set size in bytes: shared pages (forked workers) are counted once overall."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _watch(pid: int, conn: Connection) -> None:
    """Sampling loop, in its own process so that it takes no time from the build's interpreter."""
    root = psutil.Process(pid)
    me = os.getpid()
    tree: list[psutil.Process] = [root]
    window = [0, 0]
    overall = [0, 0]
    count = 0
    while True:
        if count % CHILDREN_EVERY == 0:
            try:
                tree = [root, *(c for c in root.children(recursive=True) if c.pid != me)]
            except psutil.Error:
                break
        count += 1
        rss = pss = 0
        for proc in tree:
            try:
                resident = proc.memory_info().rss
            except psutil.Error:
                continue
            proportional = _pss(proc.pid)
            rss += resident
            pss += resident if proportional is None else proportional
        window = [max(window[0], rss), max(window[1], pss)]
        overall = [max(overall[0], rss), max(overall[1], pss)]
        if conn.poll(INTERVAL):
            message = conn.recv()
            if message == "take":
                conn.send(tuple(window))
                window = [0, 0]
            else:
                conn.send(tuple(overall))
                break


class MemorySampler:
    """Samples RSS and PSS summed over the process tree every INTERVAL, from a separate process
    (itself not counted); `take()` returns the peaks since the previous `take()`."""

    def __init__(self) -> None:
        self.overall_rss = self.overall_pss = 0

    def __enter__(self) -> MemorySampler:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_watch, args=(os.getpid(), child), daemon=True)
        self._process.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._conn.send("stop")
        self.overall_rss, self.overall_pss = self._conn.recv()
        self._process.join()

    def take(self) -> tuple[int, int]:
        """(peak RSS, peak PSS) in bytes since the last call."""
        self._conn.send("take")
        return self._conn.recv()


@dataclass(frozen=True)
class TreeSize:
    files: int
    bytes: int


def tree_size(folder: Path) -> TreeSize:
    """Number of files and their total size below `folder` (0, 0 when it does not exist)."""
    files = size = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            try:
                size += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
            files += 1
    return TreeSize(files, size)
