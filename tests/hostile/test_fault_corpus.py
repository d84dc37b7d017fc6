"""The fault corpus: every kind of bad input, one case each, run through the real command line.

Each case asserts the exit code, the exact messages (with `path:line:column` or `sheet!row:
column`), that no traceback or internal error was printed, and that no file changed anywhere
below the test's folder (byte for byte, links by target)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.faults_catalogue import CASES as CATALOGUE_CASES
from tests.hostile.faults_commands import CASES as COMMAND_CASES
from tests.hostile.faults_sheets import CASES as SHEET_CASES
from tests.hostile.project import EPOCH, Fault, make_project, run, snapshot

CASES: list[Fault] = [*CATALOGUE_CASES, *SHEET_CASES, *COMMAND_CASES]


def test_the_corpus_has_a_case_for_every_fault_kind() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 80


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_fault_gets_its_located_message_and_changes_nothing(case: Fault, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    root = tmp_path / "project"
    make_project(root)
    argv = case.setup(root)
    before = snapshot(tmp_path)
    result = run(argv, root)
    assert "Traceback" not in result.out + result.err
    assert "internal error" not in result.err
    assert result.lines == list(case.expected), result.err
    assert result.code == case.code
    assert snapshot(tmp_path) == before
