"""The hostile-input benchmark at a tiny size runs end to end and prints its table: the alias bomb
refused, a valid file accepted, a file with one bad last record refused at that record. Not a
timed test: no figure is judged."""

from __future__ import annotations

import re

import pytest

from benchmarks.hostile import main


def test_a_tiny_run_prints_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--records", "300", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Command: `python -m benchmarks.hostile --records 300 --repeat 1`")
    rows = [line for line in printed.splitlines() if line.startswith("| ") and not line.startswith("| input")]
    assert len(rows) == 8
    bomb = [row for row in rows if row.startswith("| alias bomb")]
    assert all("'&a' is an anchor" in row and "| 1 |" in row for row in bomb)
    valid = [row for row in rows if "valid |" in row]
    assert len(valid) == 2 and all("catalogue OK" in row and "| 0 |" in row for row in valid)
    bad = [row for row in rows if "last ID number wrong" in row]
    assert len(bad) == 2 and all(re.search(r"2020-06\.yaml:306:\d+: certificates\[299\]\.id_numbe", row)
                                 for row in bad)
    assert printed.count("one bad last record costs") == 2
