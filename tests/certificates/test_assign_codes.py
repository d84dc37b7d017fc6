"""`skills-site certificate codes`: every certificate without a verification code gets a fresh one,
on its own line; codes already there never change; a second run changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.certificates import assign_codes
from generator.errors import CatalogueError
from generator.load.catalogue import read_with_problems
from generator.lookup.code import is_code
from tests.certificates.conftest import GOOD, certificate_text

OTHER = ('{number: Y000022000901204000002, name: 李娜, id_number: "220203198511114569", '
         "occupation: 6-18-02-04, level: 4, issued: 2020-06-18}")
REVOKED = ('{number: Y000022000901204000003, name: 王芳, id_number: "220102199001011239", '
           "occupation: 6-18-02-04, level: 4, issued: 2020-06-18, status: revoked, revoked_on: 2021-01-05, "
           "revocation_reason: 1}")
CODE = re.compile(r', query_code: "([0-9A-Z]{12})"')


def uncoded(text: str) -> str:
    return CODE.sub("", text)


@pytest.fixture
def batch(catalogue_dir: Path) -> Path:
    """A file whose first record has a code and whose other two have none."""
    text = certificate_text(GOOD)  # the code is added to this record only
    text += f"  - {OTHER}\n  - {REVOKED}  # 已撤销\n"
    path = catalogue_dir / "certificates" / "test-welding" / "2020-06.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_codes_are_added_in_place_and_the_file_then_passes(batch: Path, catalogue_dir: Path) -> None:
    before = batch.read_text(encoding="utf-8")
    kept = CODE.findall(before)
    result = assign_codes(catalogue_dir)
    after = batch.read_text(encoding="utf-8")
    assert (result.assigned, result.files) == (2, [batch])
    assert uncoded(after) == uncoded(before)  # every other byte, the comment too
    codes = CODE.findall(after)
    assert codes[0] == kept[0] and len(set(codes)) == 3 and all(is_code(c) for c in codes)
    revoked_line = after.splitlines()[-1]
    assert re.search(r'issued: 2020-06-18, query_code: "[0-9A-Z]{12}", status: revoked, ', revoked_line)
    assert revoked_line.endswith("revocation_reason: 1}  # 已撤销")
    assert read_with_problems(catalogue_dir, display_root=catalogue_dir.parent)[1] == []


def test_a_second_run_changes_nothing(batch: Path, catalogue_dir: Path) -> None:
    assign_codes(catalogue_dir)
    once = batch.read_bytes()
    result = assign_codes(catalogue_dir)
    assert (result.assigned, result.files) == (0, [])
    assert batch.read_bytes() == once


def test_one_enterprise_only_and_an_unknown_one_is_refused(batch: Path, catalogue_dir: Path) -> None:
    with pytest.raises(CatalogueError) as error:
        assign_codes(catalogue_dir, enterprise_id="../enterprises")
    assert "is not an enterprise of the catalogue" in str(error.value.problems[0])
    assert assign_codes(catalogue_dir, enterprise_id="test-welding").assigned == 2


def test_a_record_that_cannot_be_edited_on_its_line_stops_every_write(batch: Path,
                                                                      catalogue_dir: Path) -> None:
    block = batch.with_name("2020-07.yaml")
    record = OTHER.replace("000002", "000009").strip("{}").replace(", ", "\n    ")
    block.write_text(certificate_text(label="2020-07") + f"  - {record}\n", encoding="utf-8")
    before = batch.read_bytes(), block.read_bytes()
    with pytest.raises(CatalogueError) as error:
        assign_codes(catalogue_dir)
    assert any(p.field == "query_code" for p in error.value.problems)
    assert (batch.read_bytes(), block.read_bytes()) == before
