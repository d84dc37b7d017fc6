"""The browser's verifier (lookup/ecert.js) and the Python one (generator/ecert/verify.py) reach the
same outcome on every shared vector; the vectors are current."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.ecert.verify import verify_text
from tests.ecert.ecert_vectors import KEYRING, VECTORS, dump, generate

HERE = Path(__file__).resolve().parent


def test_the_shared_vectors_are_current() -> None:
    assert VECTORS.read_text(encoding="utf-8") == dump(generate()), (
        "tests/ecert/vectors.json is stale: run python tests/ecert/ecert_vectors.py")


def test_the_vectors_cover_every_outcome() -> None:
    kinds = {case["kind"] for case in generate()["cases"]}  # type: ignore[index]
    assert kinds == {"valid", "not-ours", "version", "damaged", "unknown-key", "compromised", "signature",
                     "outside-validity"}


def test_python_reaches_the_recorded_outcome_of_every_vector() -> None:
    for case in generate()["cases"]:  # type: ignore[union-attr]
        assert verify_text(case["text"], KEYRING).kind == case["kind"], case["name"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_the_page_modules_reach_the_same_outcomes_in_node() -> None:
    result = subprocess.run(["node", "--test", str(HERE / "ecert.test.mjs")], capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
