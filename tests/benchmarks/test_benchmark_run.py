"""The benchmark at a tiny size (5 enterprises, 500 certificates): it runs end to end, prints every
phase, the floor, the rebuild and the browser figures, and writes its tables between the markers of
the Markdown file while keeping the notes around them. Not a timed test: no figure is judged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.report import END, START
from benchmarks.run import main

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PHASES = ("load+validate", "render", "engine build", "search index", "lookup index", "checks", "publish")


def test_a_tiny_run_prints_and_writes_every_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    markdown = tmp_path / "BENCHMARKS.md"
    markdown.write_text(f"# Notes before\n\n{START}\nold figures\n{END}\n\nNotes after.\n", encoding="utf-8")

    assert main(["--sizes", "5x500", "--out", str(tmp_path / "data"), "--markdown", str(markdown)]) == 0

    printed = capsys.readouterr().out
    for phase in PHASES:
        row = rf"^\| {re.escape(phase)} \| [0-9.]+ \| [0-9.,]+ \| [0-9.,]+ \|"
        assert re.search(row, printed, re.MULTILINE), phase
    assert "↳ validate certificates" in printed
    assert re.search(r"\*\*Floor\*\* .* for 500 records in [0-9]+ files\.", printed)
    assert "Rebuild after adding one batch of 1,000 certificates" in printed
    assert "| target | measured |" in printed
    for engine in ("mkdocs", "zensical"):  # the engine step with each engine, in both tables
        row = rf"^\| {engine} \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.,]+ \| [0-9.,]+ \| [0-9,]+ \|"
        assert re.search(row, printed, re.MULTILINE), engine
    assert re.search(r"^\| 5 \| 500 \| [0-9,]+ \| [0-9.]+ \([0-9.]+\) \| [0-9.]+ \([0-9.]+\) \|$",
                     printed, re.MULTILINE)

    results = json.loads((tmp_path / "data" / "results.json").read_text(encoding="utf-8"))
    (size,) = results["results"]
    assert (size["enterprises"], size["certificates"]) == (5, 500)
    assert size["rebuild"]["certificates"] == 1500
    publish = next(r for r in size["cold"]["rows"] if r["name"] == "publish")
    assert publish["output"]["files"] > 0 and publish["output"]["bytes"] > 0
    engines = {run["engine"]: run for run in size["engines"]}
    assert set(engines) == {"mkdocs", "zensical"}
    assert engines["mkdocs"]["pages"] == engines["zensical"]["pages"] > 0
    assert all(0 < run["seconds"] <= run["slowest"] and run["cpu_seconds"] > 0 and run["output"]["files"] > 0
               for run in engines.values())
    verify = {f["label"]: f for f in size["browser"] if f["kind"] == "verify"}
    assert verify["valid, number + code"]["outcome"] == "valid"
    assert verify["valid, number + code (last file)"]["outcome"] == "valid"
    assert verify["wrong code"]["outcome"] == "no-match"
    assert verify["unknown number"]["outcome"] == "no-match"
    assert all(f["shard_bytes"] > 0 for f in verify.values())
    searches = [f for f in size["browser"] if f["kind"] == "search"]
    assert len(searches) == 4 and searches[-1]["outcome"] == "0 shown"
    assert size["console_errors"] == []
    assert size["server"].startswith("nginx")  # .ci/run installs nginx; it answers the Range requests
    assert not (tmp_path / "data" / "5x500").exists()  # generated data is removed after the size

    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# Notes before\n\n" + START)
    assert text.endswith(END + "\n\nNotes after.\n")
    assert "old figures" not in text
    assert text.count(START) == 1

    again = tmp_path / "AGAIN.md"  # the same tables written again from the results file alone
    again.write_text(f"{START}\n{END}\n", encoding="utf-8")
    assert main(["--from-results", str(tmp_path / "data" / "results.json"), "--markdown", str(again)]) == 0
    assert again.read_text(encoding="utf-8").strip() == text[text.index(START):text.index(END) + len(END)]
