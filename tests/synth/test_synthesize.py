"""Synthetic catalogues: valid, reproducible from the seed, and shaped like real data."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from generator.certificates import iter_certificates
from generator.certificates.names import canonical_name, name_problem
from generator.codes import id_birth_date, id_check_char
from generator.load.catalogue import check_catalogue, read_catalogue
from generator.synth import synthesize
from generator.synth.enterprises import chinese_number
from generator.synth.people import birth_date, holder_name, id_number


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_small_synthetic_catalogue_passes_the_check(tmp_path: Path):
    report = synthesize(tmp_path / "c", enterprises=30, certificates=3000, seed=5)
    assert [str(p) for p in check_catalogue(tmp_path / "c", display_root=tmp_path)] == []
    catalogue = read_catalogue(tmp_path / "c", display_root=tmp_path)
    assert len(catalogue.enterprises) == report.enterprises == 30
    assert sum(f.count for f in catalogue.certificate_files) == report.certificates == 3000
    certificates = [c for f in catalogue.certificate_files for c in iter_certificates(tmp_path / "c", f)]
    assert len({c.enterprise_id for c in certificates}) == 30
    assert len({c.issued_on.year for c in certificates}) >= 4
    assert {c.level for c in certificates} >= {2, 3, 4, 5}
    assert 0 < sum(c.status == "revoked" for c in certificates) < 100


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path):
    synthesize(tmp_path / "a", enterprises=12, certificates=1500, seed=11)
    synthesize(tmp_path / "b", enterprises=12, certificates=1500, seed=11, workers=1)
    synthesize(tmp_path / "c", enterprises=12, certificates=1500, seed=12)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_worker_processes_do_not_change_the_output(tmp_path: Path):
    synthesize(tmp_path / "one", enterprises=8, certificates=24_000, seed=3, workers=1)
    synthesize(tmp_path / "two", enterprises=8, certificates=24_000, seed=3, workers=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_files_hold_at_most_a_thousand_records(tmp_path: Path):
    synthesize(tmp_path / "c", enterprises=2, certificates=5000, seed=1, workers=1)
    files = (tmp_path / "c").glob("certificates/*/*")
    sizes = [p.read_text(encoding="utf-8").count("\n  - {") for p in files]
    assert sum(sizes) == 5000
    assert max(sizes) <= 1000


def test_synthesize_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synthesize(tmp_path / "c", enterprises=1, certificates=1)


def test_generated_names_are_canonical_and_varied():
    rng = random.Random(1)
    names = [holder_name(rng) for _ in range(20_000)]
    assert all(name_problem(n) is None and canonical_name(n) == n for n in names)
    assert 0.01 < sum("·" in n for n in names) / len(names) < 0.04
    assert 0.001 < sum(any(ord(c) > 0xFFFF for c in n) for n in names) / len(names) < 0.01
    assert any(n[:2] in ("欧阳", "司马", "上官", "诸葛") for n in names)
    assert len(set(names)) > 10_000


def test_generated_id_numbers_are_valid_and_of_working_age():
    rng = random.Random(2)
    issued = dt.date(2021, 3, 1)
    for _ in range(5000):
        birth = birth_date(rng, issued)
        number = id_number(rng, birth)
        assert number.startswith("22") and number[17] == id_check_char(number[:17])
        assert id_birth_date(number) == birth
        assert 18 <= (issued - birth).days / 365.25 <= 59


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_batches_are_named_in_chinese_numerals(n: int, text: str):
    assert chinese_number(n) == text
