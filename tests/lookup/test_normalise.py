"""Normalisation, validation messages and name masks of the lookup (Python side)."""

from __future__ import annotations

import pytest

from generator.lookup.format import NAME_BYTES, masked_name
from generator.lookup.normalise import (
    normalise_id,
    normalise_name,
    normalise_number,
    validate_query,
)


@pytest.mark.parametrize("text", ["y000022000101194000001", " Y000022 000101\u3000194000001\n",
                                  "Ｙ００００２２０００１０１１９４０００００１"])
def test_certificate_numbers_normalise_to_upper_case_without_spaces(text: str) -> None:
    assert normalise_number(text) == "Y000022000101194000001"


@pytest.mark.parametrize("text", ["11010519491231002x", "110105 19491231 002X",
                                  "１１０１０５１９４９１２３１００２ｘ"])
def test_id_numbers_normalise_with_a_capital_x(text: str) -> None:
    assert normalise_id(text) == "11010519491231002X"


@pytest.mark.parametrize("dot", ["\u00b7", "\u2022", "\u2027", "\u30fb", "\uff65", "\u2219", "\u22c5"])
def test_every_look_alike_middle_dot_becomes_u00b7(dot: str) -> None:
    assert normalise_name(f"阿依古丽{dot}买买提") == "阿依古丽\u00b7买买提"


def test_names_lose_all_whitespace_and_keep_characters_outside_the_bmp() -> None:
    assert normalise_name("\u3000𠮷 田\u00a0明\t") == "𠮷田明"


@pytest.mark.parametrize(("mode", "key", "name", "problems"), [
    ("A", "Y00002200010119400000", "张伟",
     [("number", "证书编号应为 22 位（1 个字母加 21 位数字），现在是 21 位。")]),
    ("A", "X000022000101194000001", "张伟", [("number", "证书编号第 1 位应为字母 Y 或 S。")]),
    ("A", "Y00002200010119400A001", "张伟", [("number", "证书编号第 19 位应为数字。")]),
    ("A", "Y000023000101194000001", "张伟",
     [("number", "证书编号第 6–7 位是省份代码，本站只收录吉林省（22）发放的证书。")]),
    ("A", "Y000022000101196000001", "张伟", [("number", "证书编号第 16 位是等级代码，应为 1–5。")]),
    ("B", "1101051949123100", "张伟", [("id_number", "身份证号码应为 18 位，现在是 16 位。")]),
    ("B", "1101051949123A002X", "张伟", [("id_number", "身份证号码第 14 位应为数字。")]),
    ("B", "11010519491231002Y", "张伟", [("id_number", "身份证号码第 18 位应为数字或字母 X。")]),
    ("B", "110105194902300021", "张伟",
     [("id_number", "身份证号码第 7–14 位的出生日期 19490230 不是有效日期。")]),
    ("B", "110105194912310021", "张伟",
     [("id_number", "身份证号码第 18 位（校验码）与前 17 位不符，请核对是否输错。")]),
    ("B", "", "", [("id_number", "请填写身份证号码。"), ("name", "请填写姓名。")]),
    ("A", "Y000022000101194000001", "张伟3",
     [("name", "姓名只能包含文字和间隔号“·”，不能有数字或其他符号。")]),
    ("A", "Y000022000101194000001", "张伟·", [("name", "姓名的开头和结尾不能是间隔号“·”。")]),
    ("A", "Y000022000101194000001", "张" * 31, [("name", "姓名最多 30 个字，现在是 31 个字。")]),
])
def test_malformed_queries_get_the_exact_message(mode: str, key: str, name: str,
                                                 problems: list[tuple[str, str]]) -> None:
    assert validate_query(mode, key, name)[2] == problems


def test_a_well_formed_query_has_no_problem() -> None:
    assert validate_query("B", "11010519491231002x", "张 伟") == ("11010519491231002X", "张伟", [])


@pytest.mark.parametrize(("name", "masked"), [
    ("张伟", "张*"), ("张小明", "张*明"), ("阿依古丽·买买提", "阿依古丽·**"),
    ("阿依古丽•买买提", "阿依古丽·**"),
    ("𠮷田明", "𠮷*明"), ("欧阳娜娜", "欧**娜"),
    ("阿卜杜热合曼·买买提", "阿卜杜热*·**"), ("张" * 30, "张*张"),
])
def test_masked_names_keep_first_and_last_character_and_fit_the_record(name: str, masked: str) -> None:
    assert masked_name(name) == masked
    assert len(masked.encode("utf-8")) <= NAME_BYTES
