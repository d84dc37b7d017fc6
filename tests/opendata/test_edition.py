"""The publication date: SOURCE_DATE_EPOCH when set, else the commit date of HEAD."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.load.catalogue import read_catalogue
from generator.opendata.edition import current_edition, latest_change

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return read_catalogue(ROOT / "catalogue", display_root=ROOT)


def test_source_date_epoch_sets_the_date(catalogue) -> None:  # type: ignore[no-untyped-def]
    edition = current_edition(ROOT, catalogue, {"SOURCE_DATE_EPOCH": "1764547199"})
    assert edition.stamp == "2025-12-01" and edition.source == "SOURCE_DATE_EPOCH"  # 07:59:59 in China


def test_without_an_epoch_the_commit_date_is_used(catalogue) -> None:  # type: ignore[no-untyped-def]
    seconds = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True,
                             text=True, check=True).stdout.strip()
    edition = current_edition(ROOT, catalogue, {})
    assert edition.source == "commit" and int(edition.published.timestamp()) == int(seconds)
    assert len(edition.commit) == 40


def test_outside_git_the_latest_catalogue_change_is_used(catalogue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    edition = current_edition(tmp_path, catalogue, {})
    assert edition.source == "catalogue" and edition.day == latest_change(catalogue) and edition.commit == ""


def test_a_malformed_epoch_is_a_clear_error(catalogue) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BuildError, match=r"SOURCE_DATE_EPOCH: '12-01' is not a number of seconds"):
        current_edition(ROOT, catalogue, {"SOURCE_DATE_EPOCH": "12-01"})
