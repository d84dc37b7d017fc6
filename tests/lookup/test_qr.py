"""QR codes for printing on certificates: the deep link, print sizing, and where they may be written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import segno

from generator.qr import deep_link, write_qr, write_qr_batch

BASE = "https://skills.example.cn/"
NUMBER = "Y000022000107205000001"


def test_the_code_opens_the_verify_page_with_the_number_filled_in(tmp_path: Path) -> None:
    path = write_qr(" y000022000107205000001 ", BASE, tmp_path / "qr")
    assert path == tmp_path / "qr" / f"{NUMBER}.svg"
    assert deep_link(NUMBER, BASE) == f"https://skills.example.cn/verify/?n={NUMBER}"
    expected = segno.make_qr(f"https://skills.example.cn/verify/?n={NUMBER}", error="q", boost_error=False)
    assert expected.error == "Q"
    width = (expected.symbol_size(border=4)[0]) * 0.5
    svg = path.read_text(encoding="utf-8")
    assert re.match(rf'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}mm" height="{width:g}mm"', svg)
    expected.save(str(tmp_path / "expected.svg"), kind="svg", scale=0.5, unit="mm", border=4, xmldecl=False,
                  dark="#000", light="#fff")
    assert svg == (tmp_path / "expected.svg").read_text(encoding="utf-8")


def test_a_batch_writes_one_code_per_certificate_at_level_m(tmp_path: Path) -> None:
    numbers = [NUMBER, "Y000022000107205000002", "S000022000107203000009"]
    paths = write_qr_batch(numbers, BASE, tmp_path, error="M")
    assert [p.name for p in paths] == [f"{n}.svg" for n in numbers]


def test_a_malformed_number_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as error:
        write_qr_batch([NUMBER, "Y00002200010720500000"], BASE, tmp_path / "qr")
    assert str(error.value) == ("certificate number 'Y00002200010720500000': "
                                "证书编号应为 22 位（1 个字母加 21 位数字），现在是 21 位。")
    assert not (tmp_path / "qr").exists()


def test_codes_are_never_written_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with pytest.raises(ValueError, match="may not be written inside"):
        write_qr(NUMBER, BASE, site / "assets", forbidden=[site])
    with pytest.raises(ValueError, match=r"error correction 'L' \(expected M or Q\)"):
        write_qr(NUMBER, BASE, tmp_path, error="L")
