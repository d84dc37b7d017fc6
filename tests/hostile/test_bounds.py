"""Large inputs within the size limits are checked in time that grows with their size, not with
its square: long lists that mix kinds of values, many repeated items, many records with the same
number. Each run must end well within its bound (a hang shows as a failure, not as a slow test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.certificates.conftest import certificate_text
from tests.hostile.project import (
    EPOCH,
    WELDING,
    WELDING_CERTS,
    edit,
    make_project,
    run,
    welding_record,
    write,
)

METHODS = "methods: [assessment]\n  - code: 6-18-01-01"

BOUND = 60


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    make_project(tmp_path / "project")
    return tmp_path / "project"


def test_a_long_list_mixing_integers_and_text(root: Path) -> None:
    items = ", ".join(["1", "a"] * 15_000)
    edit(root, WELDING, METHODS, METHODS.replace("[assessment]", f"[{items}]"))
    result = run(["check"], root, seconds=BOUND)
    assert result.code == 1
    # 15,000 integers that are not text, 29,998 repeated items, one 'a' that is not a method (its
    # repetitions are not reported as unknown methods again)
    assert len(result.lines) == 15_000 + 29_998 + 1


def test_a_long_list_of_one_repeated_item(root: Path) -> None:
    items = ", ".join(["assessment"] * 30_000)
    edit(root, WELDING, METHODS, METHODS.replace("[assessment]", f"[{items}]"))
    result = run(["check"], root, seconds=BOUND)
    assert result.code == 1
    assert len(result.lines) == 29_999
    assert result.lines[0].endswith("occupations[0].methods[1]: 'assessment' is listed twice "
                                    "(expected each item once)")


def test_many_records_with_one_number(root: Path) -> None:
    write(root, WELDING_CERTS, certificate_text(*[welding_record(1)] * 20_000))
    result = run(["check"], root, seconds=BOUND)
    assert result.code == 1
    assert len(result.lines) == 20_000  # each copy names one other place of the number
