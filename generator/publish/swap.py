"""Swap a fully built staging folder into place, keeping the old site until the new one is there."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames; on failure the previous site stays in `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.with_name(out.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except OSError:
        if old.exists() and not out.exists():
            os.replace(old, out)
        raise
    if old.exists():
        shutil.rmtree(old)
