"""A tiny catalogue for certificate tests: the repository's reference data and schemas, one test
enterprise (test-welding, evaluation code Y000022000901, suspended 2021-03-01 to 2021-09-01), and
certificate files that each test writes."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.certificates import check_certificate_files
from generator.errors import Problem
from generator.load.catalogue import read_with_problems
from generator.lookup.code import ALPHABET
from generator.model import Catalogue, CertificateFile

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
HEADER = ("# yaml-language-server: $schema=../../schemas/certificates.schema.json\n"
          "# 测试数据：姓名、身份证号码、证书编号、查询码均为程序合成。\n")
GOOD = ('{number: Y000022000901204000001, name: 张伟, id_number: "220102199001011239", '
        "occupation: 6-18-02-04, level: 4, issued: 2020-06-18}")


def code_for(text: str) -> str:
    """A test verification code, fixed for a record's text (test data only)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "".join(ALPHABET[b % 32] for b in digest[:12])


def with_code(record: str) -> str:
    """The record with a verification code after its issue date, unless it has one (or no date)."""
    if "query_code" in record:
        return record
    return re.sub(r"(issued: [^,}]+)", lambda m: f'{m[1]}, query_code: "{code_for(record)}"', record, count=1)


def certificate_text(*records: str, enterprise: str = "test-welding", label: str = "2020-06") -> str:
    """A certificate file of the records; each gets a verification code unless it has one."""
    body = "".join(f"  - {with_code(record)}\n" for record in records)
    return f"{HEADER}enterprise: {enterprise}\nlabel: {label}\nsample: true\ncertificates:\n{body}"


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    for name in ("schemas", "reference"):
        shutil.copytree(ROOT / "catalogue" / name, root / name)
    shutil.copy(ROOT / "catalogue" / "batches.yaml", root / "batches.yaml")
    shutil.copytree(HERE / "catalogue" / "enterprises", root / "enterprises")
    return root


@pytest.fixture
def catalogue(catalogue_dir: Path) -> Catalogue:
    model, problems = read_with_problems(catalogue_dir, display_root=catalogue_dir.parent)
    assert problems == [] and model is not None
    return model


Checker = Callable[..., tuple[list[CertificateFile], list[Problem]]]


@pytest.fixture
def check(catalogue: Catalogue, catalogue_dir: Path) -> Checker:
    """Write certificate files {relative path: text}, then check them all."""

    def run(files: dict[str, str]) -> tuple[list[CertificateFile], list[Problem]]:
        for relative, text in files.items():
            path = catalogue_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return check_certificate_files(catalogue, catalogue_dir, catalogue_dir.parent)

    return run
