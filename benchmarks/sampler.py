"""Peak memory of this process and its children, sampled on a thread, and output size of a folder."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import psutil

INTERVAL = 0.05  # seconds between samples


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


class MemorySampler:
    """Samples RSS and PSS summed over the process tree every INTERVAL; `take()` returns the peaks
    since the previous `take()` and starts a new window."""

    def __init__(self, pid: int | None = None) -> None:
        self.process = psutil.Process(pid or os.getpid())
        self._lock = threading.Lock()
        self._rss = self._pss = 0
        self.overall_rss = self.overall_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        try:
            tree = [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return
        rss = pss = 0
        for proc in tree:
            try:
                resident = proc.memory_info().rss
            except psutil.Error:
                continue
            rss += resident
            proportional = _pss(proc.pid)
            pss += resident if proportional is None else proportional
        with self._lock:
            self._rss, self._pss = max(self._rss, rss), max(self._pss, pss)
            self.overall_rss, self.overall_pss = max(self.overall_rss, rss), max(self.overall_pss, pss)

    def _loop(self) -> None:
        while not self._stop.wait(INTERVAL):
            self.sample()

    def take(self) -> tuple[int, int]:
        """(peak RSS, peak PSS) in bytes since the last call."""
        self.sample()
        with self._lock:
            peaks = (self._rss, self._pss)
            self._rss = self._pss = 0
        return peaks


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
