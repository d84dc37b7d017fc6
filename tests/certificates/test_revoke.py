"""Revoking a certificate edits its one line in place; on any problem the file is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.certificates import revoke_certificate
from generator.errors import CatalogueError
from tests.certificates.conftest import GOOD, certificate_text

OTHER = ('{number: Y000022000901204000002, name: 阿依古丽·买买提, id_number: "220203198511114569", '
         'occupation: 6-18-02-04, level: 4, issued: 2020-06-18, query_code: "K7M2P9QRST34"}')
REVOKED = OTHER.replace("}", ", status: revoked, revoked_on: 2021-01-05, revocation_reason: 1}")
P = "catalogue/certificates/test-welding/2020-06.yaml"


@pytest.fixture
def batch(catalogue_dir: Path) -> Path:
    text = certificate_text(GOOD, OTHER, REVOKED.replace("204000002", "204000003").replace("K7M2", "K7M3"))
    text = text.replace("sample: true\n", "sample: true  # 合成数据\n")  # a comment must survive too
    path = catalogue_dir / "certificates" / "test-welding" / "2020-06.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_revoking_changes_only_that_line(batch: Path, catalogue_dir: Path, check):
    before = batch.read_bytes()
    edited = revoke_certificate(catalogue_dir, "Y000022000901204000002", "2021-01-05", 1)
    after = batch.read_bytes()
    assert edited == batch
    old, new = before.decode().splitlines(keepends=True), after.decode().splitlines(keepends=True)
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [7]
    assert new[7] == f"  - {REVOKED}\n"
    assert after == before.replace(OTHER.encode(), REVOKED.encode())
    assert check({})[1] == []  # the edited file still passes every rule


def _refused(catalogue_dir: Path, batch: Path, *args: object) -> list[str]:
    before = batch.read_bytes()
    with pytest.raises(CatalogueError) as caught:
        revoke_certificate(catalogue_dir, *args)
    assert batch.read_bytes() == before
    assert sorted(p.name for p in batch.parent.iterdir()) == ["2020-06.yaml"]  # no temporary file left
    return [str(p) for p in caught.value.problems]


def test_an_unknown_number_is_refused(batch: Path, catalogue_dir: Path):
    assert _refused(catalogue_dir, batch, "Y000022000901204000099", "2021-01-05", 1) == [
        "catalogue/certificates:0:0: number: no certificate file holds this number "
        "(expected the number of a published certificate)"]


def test_a_revoked_certificate_is_not_revoked_again(batch: Path, catalogue_dir: Path):
    assert _refused(catalogue_dir, batch, "Y000022000901204000003", "2021-02-01", 2) == [
        f"{P}:9:5: certificates[2].status: the certificate was already revoked on 2021-01-05 "
        "(expected a valid certificate)"]


def test_a_date_before_the_issue_date_is_refused(batch: Path, catalogue_dir: Path):
    assert _refused(catalogue_dir, batch, "Y000022000901204000002", "2020-06-17", 1) == [
        f"{P}:8:5: certificates[1].revoked_on: 2020-06-17 is before the issue date 2020-06-18 "
        "(expected on or after the issue date)"]


def test_an_unknown_reason_is_refused(batch: Path, catalogue_dir: Path):
    assert _refused(catalogue_dir, batch, "Y000022000901204000002", "2021-01-05", 7) == [
        "catalogue/reference/revocation-reasons.yaml:0:0: revocation_reason: 7 is not a revocation reason "
        "(expected one of 1, 2, 3, 4 from reference/revocation-reasons.yaml)"]


def test_a_date_that_is_not_real_is_refused(batch: Path, catalogue_dir: Path):
    assert _refused(catalogue_dir, batch, "Y000022000901204000002", "2021-02-30", 1) == [
        "catalogue/certificates:0:0: revoked_on: '2021-02-30' is not a real date (expected YYYY-MM-DD)"]
