"""Synthetic catalogues for the benchmark: write one, add one issuing batch to it, and pick the
queries the browser runs (holders are read back from a certificate file of the catalogue)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.load.yamlio import load_fast
from generator.synth import SAMPLE_END, synthesize
from generator.synth.issuing import IssuerPlan, issue, write_files

BATCH_SIZE = 1_000
Verify = tuple[str, str, str]  # label, certificate number, verification code


def write_catalogue(out: Path, enterprises: int, certificates: int, seed: int) -> None:
    synthesize(out, enterprises=enterprises, certificates=certificates, seed=seed)


def _active_enterprise(catalogue: Path) -> tuple[str, dict]:
    for path in sorted((catalogue / "enterprises").glob("*.yaml")):
        data = load_fast(path, path.name)
        if data["status_history"][-1]["status"] == "active":
            return path.stem, data
    raise ValueError(f"{catalogue}: no active enterprise to issue a batch")


def add_batch(catalogue: Path, count: int = BATCH_SIZE, seed: int = 1) -> Path:
    """Write one new issuing batch of `count` certificates for an active enterprise; return its file.

    The batch is issued in the month after the synthetic data ends, so its numbers (year and serial)
    cannot collide with any number already in the catalogue.
    """
    enterprise_id, data = _active_enterprise(catalogue)
    folder = catalogue / "certificates" / enterprise_id
    # one month after another, starting in the month after the synthetic data ends
    added = sum(1 for p in folder.glob("*.yaml") if p.stem > SAMPLE_END.strftime("%Y-%m"))
    year, month = divmod(SAMPLE_END.month + added, 12)
    month_start = dt.date(SAMPLE_END.year + year, month + 1, 1)
    month_end = month_start.replace(day=28)
    scopes = []
    for item in data["occupations"]:
        levels = item["levels"]
        scopes.append((item["code"], tuple(range(levels["from"], levels["to"] - 1, -1))))
    history = ((month_start, "active"),)
    plan = IssuerPlan(enterprise_id, data["evaluation_code"], tuple(scopes), history, count)
    files = issue(plan, f"benchmark-batch-{seed}-{added}", end=month_end, per_file=count)
    (label, text), = files.items()
    # serials are counted per year: continue after the batches already added this year
    yy = f"{month_start.year % 100:02d}"
    text = re.sub(rf"(number: [YS][0-9]{{12}}{yy}[1-5])([0-9]{{6}})",
                  lambda m: f"{m[1]}{int(m[2]) + 1000 * (month_start.month - 1):06d}", text)
    write_files(catalogue, enterprise_id, {label: text})
    return folder / f"{label}.yaml"


def _records(path: Path) -> list[dict]:
    return load_fast(path, path.name)["certificates"]


def verify_queries(catalogue: Path) -> list[Verify]:
    """Known certificates found by number and code, a revoked one, and two that must not match."""
    files = sorted((catalogue / "certificates").glob("*/*.yaml"))
    middle = _records(files[len(files) // 2])
    last = _records(files[-1])
    first, other = middle[0], last[-1]
    revoked = next((r for f in files[:50] for r in _records(f) if r.get("status") == "revoked"), None)
    queries: list[Verify] = [
        ("valid, number + code", first["number"], first["query_code"]),
        ("valid, number + code (last file)", other["number"], other["query_code"]),
    ]
    if revoked is not None:
        queries.append(("revoked, number + code", revoked["number"], revoked["query_code"]))
    # a number that exists with another certificate's code, and a well-formed number nobody holds
    queries.append(("wrong code", first["number"], other["query_code"]))
    unknown = first["number"][:16] + "999999"
    queries.append(("unknown number", unknown, first["query_code"]))
    return queries


def search_queries(catalogue: Path) -> list[str]:
    """Chinese terms: part of an enterprise's name, an occupation, a city, and a term with no page."""
    path = sorted((catalogue / "enterprises").glob("*.yaml"))[0]
    data = load_fast(path, path.name)
    name = data["name"].removeprefix("吉林")[:4]
    occupations = load_fast(catalogue / "reference" / "occupations.yaml", "occupations.yaml")
    occupation = _first_name(occupations)
    return [name, occupation, "长春", "鲸鱼潜艇"]


def _first_name(data: object) -> str:
    """The first occupation name in the reference file (whatever its top-level key)."""
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list) and value and isinstance(value[0], dict) and "name" in value[0]:
                return str(value[0]["name"])
    return "焊工"
