"""The line reader for canonical certificate files gives exactly the values of the YAML reader,
and declines (None) every file it cannot read with certainty."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.certificates.fastread import read_canonical
from generator.load.yamlio import YamlFileError, load_fast
from generator.synth import synthesize
from tests.certificates.conftest import GOOD, HEADER, certificate_text

ROOT = Path(__file__).resolve().parents[2]
REVOKED = GOOD.replace("}", ", status: revoked, revoked_on: 2021-01-05, revocation_reason: 1}")


def _both(tmp_path: Path, text: str) -> tuple[object, object]:
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8"))
    return read_canonical(text), load_fast(path, "f.yaml")


def test_the_sample_files_read_the_same_both_ways():
    paths = sorted((ROOT / "catalogue" / "certificates").glob("*/*.yaml"))
    assert paths
    for path in paths:
        assert read_canonical(path.read_text(encoding="utf-8")) == load_fast(path, path.name), path


def test_synthetic_files_read_the_same_both_ways(tmp_path: Path):
    synthesize(tmp_path / "c", enterprises=10, certificates=4000, seed=9, workers=1)
    for path in sorted((tmp_path / "c" / "certificates").glob("*/*.yaml")):
        assert read_canonical(path.read_text(encoding="utf-8")) == load_fast(path, path.name), path


@pytest.mark.parametrize("text", [
    certificate_text(GOOD),
    certificate_text(GOOD, REVOKED.replace("000001", "000002")),
    certificate_text(GOOD.replace("张伟", "阿依古丽·买买提")),
    certificate_text(GOOD.replace("张伟", "王\U00020bb7")),
    certificate_text(GOOD.replace("}", ", status: valid}")),
    certificate_text(GOOD, enterprise="a1-b2"),
])
def test_canonical_files_are_read_by_the_line_reader(tmp_path: Path, text: str):
    fast, slow = _both(tmp_path, text)
    assert fast is not None
    assert fast == slow


@pytest.mark.parametrize("text", [
    certificate_text(GOOD).replace("\n", "\r\n"),  # CRLF line ends
    certificate_text(GOOD).rstrip("\n"),  # no final line end
    certificate_text(GOOD) + "\n",  # a trailing empty line
    certificate_text(GOOD.replace("}", "}  # 补发")),  # a comment after a record
    certificate_text(GOOD.replace("level: 4", "level: 04")),  # YAML 1.1 reads 04 as octal
    certificate_text(GOOD.replace("}", ", revocation_reason: 07}")),
    certificate_text(GOOD.replace("name: 张伟", "name: '张伟'")),  # quoting
    certificate_text(GOOD.replace("issued: 2020-06-18", "issued: 2020-06-18 ")),
    certificate_text(GOOD, enterprise="null"),
    certificate_text(GOOD, enterprise="0x1f"),
    certificate_text(GOOD).replace("label: 2020-06\n", "")
    .replace("sample: true\n", "sample: true\nlabel: 2020-06\n"),  # another key order
    certificate_text(GOOD).replace("certificates:\n", "certificates:\n\n"),
    certificate_text(GOOD, GOOD).replace("  - {number: Y000022000901204000001, name: 张伟",
                                         "  - {name: 张伟, number: Y000022000901204000001", 1),
    HEADER + "enterprise: test-welding\nlabel: 2020-06\nsample: true\ncertificates: []\n",
])
def test_other_layouts_are_left_to_the_yaml_reader(text: str):
    assert read_canonical(text) is None


def test_mutated_files_are_read_the_same_or_declined(tmp_path: Path):
    """Random one-character edits of a canonical file: the line reader agrees with YAML or declines."""
    rng = random.Random(8)
    base = certificate_text(GOOD, REVOKED.replace("000001", "000002"))
    alphabet = " \t#:,{}[]'\"-0123456789xX.·•~&*!|>%@`YSab张\n"
    read = 0
    for _ in range(1500):
        at = rng.randrange(len(base))
        text = base[:at] + rng.choice(alphabet) + base[at + rng.choice((0, 1)):]
        fast = read_canonical(text)
        if fast is None:
            continue
        read += 1
        try:
            _fast, slow = _both(tmp_path, text)
        except YamlFileError:
            pytest.fail(f"the line reader read a file that is not YAML:\n{text}")
        assert fast == slow, text
    assert read > 50  # the edits that keep the layout are read, not all declined
