"""The JavaScript modules of the page agree with the Python build (through shared vectors)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lookup_vectors import VECTORS, dump, generate

HERE = Path(__file__).resolve().parent


def test_the_shared_vectors_are_current() -> None:
    assert VECTORS.read_text(encoding="utf-8") == dump(generate()), (
        "tests/lookup/vectors.json is stale: run python tests/lookup/lookup_vectors.py")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_the_page_modules_pass_the_node_tests() -> None:
    result = subprocess.run(["node", "--test", *sorted(str(p) for p in HERE.glob("*.test.mjs"))],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
