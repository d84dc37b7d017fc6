"""Which edition of the open data a build publishes: its date and the commit it was built from.

The date comes from `SOURCE_DATE_EPOCH` when it is set (the reproducible-builds convention), else
from the commit date of HEAD, so the same commit always publishes the same files under the same
names. Outside a git checkout, with no epoch given, the date of the latest catalogue change is used.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.model import Catalogue

CHINA = dt.timezone(dt.timedelta(hours=8))  # dates are the province's calendar days


@dataclass(frozen=True)
class Edition:
    published: dt.datetime  # aware, in China Standard Time
    commit: str  # full hash, or "" when the build is not from a git checkout
    source: str  # how the date was chosen: SOURCE_DATE_EPOCH, commit or catalogue

    @property
    def day(self) -> dt.date:
        return self.published.date()

    @property
    def stamp(self) -> str:
        """The date as it appears in file names: 2026-12-01."""
        return self.day.isoformat()

    @property
    def version(self) -> str:
        """Calendar version of the data package: 2026.12.1."""
        return f"{self.day.year}.{self.day.month}.{self.day.day}"

    @property
    def key(self) -> str:
        """Everything the edition is, as text (for cache keys)."""
        return f"{self.published.isoformat()} {self.commit} {self.source}"

    @property
    def short_commit(self) -> str:
        return self.commit[:12]


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False,
                              timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def latest_change(catalogue: Catalogue) -> dt.date:
    days = [b.published_on for b in catalogue.batches.values()]
    for enterprise in catalogue.enterprises:
        days += [e.date for e in enterprise.status_history] + [s.date for s in enterprise.supervision]
    return max(days, default=dt.date(2019, 1, 1))


def current_edition(root: Path, catalogue: Catalogue, environ: dict[str, str] | None = None) -> Edition:
    environ = dict(os.environ) if environ is None else environ
    commit = _git(root, "rev-parse", "HEAD") or ""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise BuildError(f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds "
                             "(expected a whole number such as 1764547200)")
        when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return Edition(when.astimezone(CHINA), commit, "SOURCE_DATE_EPOCH")
    committed = _git(root, "log", "-1", "--format=%ct") if commit else None
    if committed and committed.isdigit():
        when = dt.datetime.fromtimestamp(int(committed), dt.UTC)
        return Edition(when.astimezone(CHINA), commit, "commit")
    day = latest_change(catalogue)
    return Edition(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA), commit, "catalogue")
