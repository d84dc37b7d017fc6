"""Synthetic certificates for one enterprise, written as YAML text in the catalogue's layout.

An enterprise issues its certificates in batches: one file per batch, labelled with the month
(`2020-06`, and `2020-06-2` for a further file that month), one issue date per batch, each date
falling while the enterprise is active. Numbers follow FACTS.md: the enterprise's evaluation code,
the year, the level and a serial counted per year and level. The text is written directly, one
flow mapping per line, which is both the committed layout and far faster than a YAML dumper.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

from generator.lookup.code import ALPHABET, LENGTH
from generator.model import Enterprise
from generator.synth.people import birth_date, holder_name, id_number

HEADER = (
    "# yaml-language-server: $schema=../../schemas/certificates.schema.json\n"
    "# 示例数据：姓名、身份证号码、证书编号、查询码均为程序合成，不对应任何真实人员。\n"
)
MAX_PER_FILE = 1000
REVOKED_SHARE = 0.01
_LEVEL_WEIGHT = {5: 5.0, 4: 4.0, 3: 2.5, 2: 1.0, 1: 0.4}  # lower levels are issued far more often


@dataclass(frozen=True)
class IssuerPlan:
    """What the generator needs to know about an enterprise to issue its certificates."""

    id: str
    evaluation_code: str
    scopes: tuple[tuple[str, tuple[int, ...]], ...]  # (occupation code, level codes)
    history: tuple[tuple[dt.date, str], ...]  # (date, status), in date order
    count: int  # certificates to issue

    @classmethod
    def of(cls, enterprise: Enterprise, count: int) -> IssuerPlan:
        return cls(enterprise.id, enterprise.evaluation_code,
                   tuple((s.occupation.code, s.levels) for s in enterprise.occupations),
                   tuple((e.date, e.status) for e in enterprise.status_history), count)

    def active_on(self, day: dt.date) -> bool:
        current = None
        for date, status in self.history:
            if date <= day:
                current = status
        return current == "active"


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _issue_days(plan: IssuerPlan, rng: random.Random, end: dt.date) -> list[dt.date]:
    """One candidate issue date per month in which the enterprise is active on that date."""
    days = []
    for year, month in _months(plan.history[0][0], end):
        day = dt.date(year, month, rng.randint(5, 26))
        if plan.history[0][0] <= day <= end and plan.active_on(day):
            days.append(day)
    return days


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [0.5 + rng.random() for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


def _revocation(rng: random.Random, issued: dt.date, end: dt.date, reasons: tuple[int, ...]) -> str:
    latest = max(issued, end)
    revoked = issued + dt.timedelta(days=rng.randint(20, 720))
    revoked = min(revoked, latest)
    return f", status: revoked, revoked_on: {revoked.isoformat()}, revocation_reason: {rng.choice(reasons)}"


def issue(plan: IssuerPlan, seed: int | str, *, end: dt.date, per_file: int = MAX_PER_FILE,
          reasons: tuple[int, ...] = (1, 2, 3, 4), guaranteed: bool = False) -> dict[str, str]:
    """The enterprise's certificate files as {label: YAML text}; deterministic for a seed.

    With `guaranteed`, the first batch includes a revoked certificate, a dotted name and a name
    with a character outside the BMP, so that even a small sample shows each case.
    """
    rng = random.Random(f"{seed}:{plan.id}")
    # Synthetic codes come from a seeded generator of their own, so that the sample stays reproducible
    # and the other values do not move; real codes are drawn by `generator.lookup.code.new_code`.
    code_rng = random.Random(f"{seed}:{plan.id}:codes")
    days = _issue_days(plan, rng, end)
    if not days or plan.count <= 0:
        return {}
    wanted = max(1, math.ceil(plan.count / per_file))
    chosen = sorted(rng.sample(days, min(wanted, len(days))))
    sizes = _split(plan.count, len(chosen), rng)
    levels = [(code, level) for code, scope in plan.scopes for level in scope]
    weights = [_LEVEL_WEIGHT[level] for _code, level in levels]
    serials: dict[tuple[int, int], int] = {}
    files: dict[str, str] = {}
    for batch, (day, size) in enumerate(zip(chosen, sizes, strict=True)):
        issued = day.isoformat()
        yy = day.year % 100
        picks = rng.choices(levels, weights, k=size)
        lines = []
        for index, (occupation, level) in enumerate(picks):
            key = (yy, level)
            serial = serials[key] = serials.get(key, 0) + 1
            special = guaranteed and batch == 0 and index < 3
            name = holder_name(rng, dotted=True if special and index == 1 else None,
                               non_bmp=True if special and index == 2 else None)
            holder_id = id_number(rng, birth_date(rng, day))
            line = (f"  - {{number: {plan.evaluation_code}{yy:02d}{level}{serial:06d}, name: {name}, "
                    f'id_number: "{holder_id}", occupation: {occupation}, level: {level}, issued: {issued}, '
                    f'query_code: "{"".join(code_rng.choices(ALPHABET, k=LENGTH))}"')
            if (special and index == 0) or rng.random() < REVOKED_SHARE:
                line += _revocation(rng, day, end, reasons)
            lines.append(line + "}\n")
        lines.sort()
        month = f"{day.year}-{day.month:02d}"
        for part in range(math.ceil(len(lines) / MAX_PER_FILE)):
            label = month if part == 0 else f"{month}-{part + 1}"
            body = "".join(lines[part * MAX_PER_FILE:(part + 1) * MAX_PER_FILE])
            files[label] = (f"{HEADER}enterprise: {plan.id}\nlabel: {label}\nsample: true\n"
                            f"certificates:\n{body}")
    return files


def write_files(catalogue_dir: Path, enterprise_id: str, files: dict[str, str]) -> int:
    """Write one enterprise's files; return the number of bytes written."""
    folder = catalogue_dir / "certificates" / enterprise_id
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for label, text in files.items():
        data = text.encode("utf-8")
        (folder / f"{label}.yaml").write_bytes(data)
        written += len(data)
    return written
