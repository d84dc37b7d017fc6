"""Swap a fully built staging folder into place, keeping the old site until the new one is there.

The previous site is renamed aside in the same step and removed by a separate process afterwards:
the new site is published the moment the rename is done, and ten thousand deletions do not hold the
build up. A site left aside by an interrupted removal is removed by the next publication.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def publish(staging: Path, out: Path, *, wait: bool = False) -> None:
    """Replace `out` by `staging` with two renames; on failure the previous site stays in `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(out.name + ".old*"):
        shutil.rmtree(stale, ignore_errors=True)
    old = out.with_name(f"{out.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except OSError:
        if old.exists() and not out.exists():
            os.replace(old, out)
        raise
    if old.exists():
        if wait:
            shutil.rmtree(old)
        else:
            _remove_later(old)


def discard(folder: Path) -> None:
    """Move a folder out of the way at once and remove it in the background (with earlier leftovers)."""
    for stale in folder.parent.glob(folder.name + ".old-*"):
        shutil.rmtree(stale, ignore_errors=True)
    if folder.exists():
        aside = folder.with_name(f"{folder.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(folder, aside)
        _remove_later(aside)


def _remove_later(folder: Path) -> None:
    subprocess.Popen([sys.executable, "-c", _REMOVE, str(folder)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
