"""The reference day: nothing in the catalogue may be dated after it.

A supervision result, a status change or a certificate dated in the future is impossible data. To
keep a check's verdict a property of the commit (the same commit passes or fails on any day), the
day is taken, in this order, from:

1. `SOURCE_DATE_EPOCH`, when set (the reproducible-builds convention);
2. the commit date of HEAD, when the catalogue is in a git work tree without uncommitted changes
   to it;
3. today, when the catalogue has uncommitted changes (an edit being made now) or is not in git.

Days are counted in China Standard Time (UTC+8), the time zone the catalogue's dates are written in.
Editing commands and imports make their change now: `working_day` is SOURCE_DATE_EPOCH's day or today.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
ENV = "SOURCE_DATE_EPOCH"


@dataclass(frozen=True)
class ReferenceDay:
    day: dt.date
    source: str  # how the day was chosen, for messages

    def describe(self) -> str:
        return f"{self.day.isoformat()}, {self.source}"

    def after(self, day: dt.date) -> bool:
        return day > self.day

    def future(self, day: dt.date | str) -> str:
        """The message for a date after the reference day."""
        shown = day.isoformat() if isinstance(day, dt.date) else day
        return f"{shown} is in the future (expected a date no later than {self.describe()})"


def _day_of(seconds: int) -> dt.date:
    return dt.datetime.fromtimestamp(seconds, CHINA).date()


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                              timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def today() -> ReferenceDay:
    return ReferenceDay(dt.datetime.now(CHINA).date(), "today")


def _from_environment() -> ReferenceDay | None:
    value = os.environ.get(ENV, "").strip()
    if value:
        try:
            return ReferenceDay(_day_of(int(value)), f"the day of {ENV}={value}")
        except (ValueError, OverflowError, OSError):
            pass  # an unusable value: fall back as if it were not set
    return None


def working_day() -> ReferenceDay:
    """The reference day of a change made now: SOURCE_DATE_EPOCH's day, else today."""
    return _from_environment() or today()


def reference_day(folder: Path) -> ReferenceDay:
    """The reference day for checking the catalogue in `folder` (see the module's notes)."""
    chosen = _from_environment()
    if chosen is not None:
        return chosen
    folder = Path(folder)
    if not folder.is_dir():
        return today()
    changes = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if changes is None or changes.strip():
        return today()
    stamp = _git(folder, "log", "-1", "--format=%ct %h", "HEAD")
    try:
        seconds, commit = (stamp or "").split()
        return ReferenceDay(_day_of(int(seconds)), f"the commit date of HEAD ({commit})")
    except ValueError:
        return today()
