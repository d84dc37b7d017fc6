"""A private copy of the sample catalogue for each editing test, and a byte-level snapshot of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "catalogue"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """`<tmp>/catalogue`, a copy of the repository's catalogue; messages are relative to `<tmp>`."""
    target = tmp_path / "catalogue"
    shutil.copytree(SAMPLE, target)
    return target

