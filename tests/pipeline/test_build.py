"""The whole build: byte-identical output for one commit, and a failed build that changes nothing."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.errors import CatalogueError

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HONGDA = "enterprises/changchun-hongda-machinery.yaml"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_give_byte_identical_sites(built_site: Path, tmp_path: Path) -> None:
    second = Project(ROOT, out=tmp_path / "site", work=tmp_path / "work")
    build(second)
    first_files, second_files = tree_digest(built_site), tree_digest(second.out)
    assert len(first_files) > 100
    differing = sorted(k for k in first_files.keys() | second_files.keys()
                       if first_files.get(k) != second_files.get(k))
    assert differing == []


# Ten different faults, each in its own place; every one must be reported, in one run.
FAULTS = [
    ("id: changchun-hongda-machinery", "id: Changchun_Hongda"),
    ("credit_code: 91220101MA14X2K7LG", "credit_code: 91220101MA14X2K7L3"),
    ("evaluation_code: Y000022000101", "evaluation_code: Y00002200010"),
    ("industry: equipment", "industry: machinery"),
    ("reporting_unit: changchun", "reporting_unit: 220100"),
    ("listed_on: 2019-11-15", "listed_on: 2019-02-30"),
    ("    levels: {from: 5, to: 2}", "    levels: {from: 5, to: 6}"),
    ("    methods: [assessment]", "    methods: [exam]"),
    ("    phone: 0431-80000101", "    phne: 0431-80000101"),
    ("    kind: process", "    kind: audit"),
]


def broken_catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    target = root / "catalogue" / HONGDA
    text = target.read_text(encoding="utf-8")
    for old, new in FAULTS:
        assert text.count(f"\n{old}\n") == 1, old
        text = text.replace(f"\n{old}\n", f"\n{new}\n", 1)
    target.write_text(text, encoding="utf-8")
    return root / "catalogue"


def test_check_prints_ten_located_messages_and_exits_1(tmp_path: Path) -> None:
    catalogue = broken_catalogue(tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--catalogue", str(catalogue)],
                            cwd=catalogue.parent, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("catalogue/")]
    assert len(lines) == 10, result.stderr
    assert all(line.startswith(f"catalogue/{HONGDA}:") for line in lines)
    assert "Traceback" not in result.stderr


def test_a_failed_build_leaves_the_previous_site_untouched(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    before = tree_digest(out)
    project = Project(ROOT, catalogue=broken_catalogue(tmp_path), out=out, work=tmp_path / "work")
    with pytest.raises(CatalogueError) as caught:
        build(project)
    assert len(caught.value.problems) == 10
    assert tree_digest(out) == before
