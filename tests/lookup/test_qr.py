"""What enterprises print: the QR link with the code in its fragment, the print kit, where it may go."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import segno

from generator.model import Certificate
from generator.qr import qr_svg, verify_link, write_print_kit

BASE = "https://skills.example.cn/"
NUMBER = "Y000022000107205000001"
CERT = Certificate(NUMBER, "张示例", "11010519491231002X", "6-18-02-04", 5, dt.date(2020, 5, 6), "e",
                   query_code="7KQMR2XZ4HNP")


def test_the_link_carries_number_and_code_in_the_fragment_only() -> None:
    link = verify_link(" y000022000107205000001 ", "7kqm-r2xz-4hnp", BASE)
    assert link == f"https://skills.example.cn/verify/#n={NUMBER}&c=7KQMR2XZ4HNP"
    path, _hash, fragment = link.partition("#")
    assert NUMBER not in path and "7KQM" not in path and fragment.startswith("n=")


def test_the_kit_writes_a_qr_per_certificate_a_csv_with_bom_and_a_printable_sheet(tmp_path: Path) -> None:
    other = dataclasses.replace(CERT, number="Y000022000107205000002", query_code="ABCDEFGHJKMN",
                                holder_name="阿依古丽·买买提")
    paths = write_print_kit([CERT, other], BASE, tmp_path / "kit", sample=True)
    assert [p.name for p in paths] == [f"{NUMBER}.svg", "Y000022000107205000002.svg", "codes.csv",
                                       "sheet.html"]
    expected = segno.make_qr(verify_link(NUMBER, CERT.query_code, BASE), error="q", boost_error=False)
    svg = (tmp_path / "kit" / f"{NUMBER}.svg").read_text(encoding="utf-8")
    width = expected.symbol_size(border=4)[0] * 0.5
    assert re.match(rf'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}mm" height="{width:g}mm"', svg)
    assert svg == qr_svg(verify_link(NUMBER, CERT.query_code, BASE))
    raw = (tmp_path / "kit" / "codes.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [["证书编号", "姓名", "查询码", "二维码文件"],
                    [NUMBER, "张示例", "7KQM-R2XZ-4HNP", f"{NUMBER}.svg"],
                    ["Y000022000107205000002", "阿依古丽·买买提", "ABCD-EFGH-JKMN",
                     "Y000022000107205000002.svg"]]
    sheet = (tmp_path / "kit" / "sheet.html").read_text(encoding="utf-8")
    assert "7KQM-R2XZ-4HNP" in sheet and "示例数据" in sheet and "@page { size: A4" in sheet
    assert sheet.count("<svg") == 2


def test_a_malformed_number_or_code_writes_nothing(tmp_path: Path) -> None:
    bad = dataclasses.replace(CERT, query_code="7KQMR2XZ4HN0")
    with pytest.raises(ValueError) as error:
        write_print_kit([CERT, bad], BASE, tmp_path / "kit")
    assert "查询码第 12 位是数字 0" in str(error.value)
    assert not (tmp_path / "kit").exists()


def test_the_kit_is_never_written_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with pytest.raises(ValueError, match="may not be written inside"):
        write_print_kit([CERT], BASE, site / "assets", forbidden=[site])
    with pytest.raises(ValueError, match=r"error correction 'L' \(expected M or Q\)"):
        write_print_kit([CERT], BASE, tmp_path, error="L")
