"""The reference day: SOURCE_DATE_EPOCH, else HEAD's commit date for a clean work tree, else today."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.inputs.refday import CHINA, reference_day, working_day


def _git(folder: Path, *args: str, date: str = "2024-03-05T23:30:00+00:00") -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "测试",
           "GIT_AUTHOR_EMAIL": "t@example.cn", "GIT_COMMITTER_NAME": "测试",
           "GIT_COMMITTER_EMAIL": "t@example.cn", "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "batches.yaml").write_text("batches: []\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "目录")
    return tmp_path


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch, repository: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")  # 2020-09-13 20:26:40 in UTC+8
    day = reference_day(repository / "catalogue")
    assert (day.day, day.source) == (dt.date(2020, 9, 13), "the day of SOURCE_DATE_EPOCH=1600000000")
    assert working_day().day == dt.date(2020, 9, 13)


def test_a_clean_work_tree_is_judged_on_the_day_of_its_commit_in_china(monkeypatch: pytest.MonkeyPatch,
                                                                       repository: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    day = reference_day(repository / "catalogue")
    assert day.day == dt.date(2024, 3, 6)  # 23:30 UTC is the next morning in Jilin
    assert day.source.startswith("the commit date of HEAD (")


def test_uncommitted_changes_are_judged_today(monkeypatch: pytest.MonkeyPatch, repository: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (repository / "catalogue" / "batches.yaml").write_text("batches: [] # 改\n", encoding="utf-8")
    day = reference_day(repository / "catalogue")
    assert (day.day, day.source) == (dt.datetime.now(CHINA).date(), "today")


def test_a_folder_outside_git_is_judged_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert reference_day(tmp_path).source == "today"


def test_an_unusable_source_date_epoch_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert reference_day(tmp_path).source == "today"
