"""Normalisation, validation messages and name masks of the lookup (Python side)."""

from __future__ import annotations

import pytest

from generator.lookup.code import ALPHABET, BITS, display_code, is_code, new_code, normalise_code
from generator.lookup.format import NAME_BYTES, masked_name
from generator.lookup.normalise import normalise_name, normalise_number, validate_query

NUMBER = "Y000022000101194000001"


@pytest.mark.parametrize("text", ["y000022000101194000001", " Y000022 000101\u3000194000001\n",
                                  "Ｙ００００２２０００１０１１９４０００００１"])
def test_certificate_numbers_normalise_to_upper_case_without_spaces(text: str) -> None:
    assert normalise_number(text) == NUMBER


@pytest.mark.parametrize("text", ["abcd-efgh-jkmn", "ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ", "ABCD EFGH JKMN",
                                  " ab\u3000cd\u2014efgh\u2013jk mn\n", "abcd.efgh·jkmn"])
def test_codes_forgive_case_spaces_dashes_and_full_width_forms(text: str) -> None:
    assert normalise_code(text) == "ABCDEFGHJKMN"


def test_new_codes_are_random_twelve_characters_without_look_alikes() -> None:
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(is_code(c) for c in codes)
    assert not set("01OI") & set(ALPHABET) and len(ALPHABET) == 32 and BITS == 60
    used = {char for code in codes for char in code}
    assert used == set(ALPHABET)  # every character is drawn
    assert display_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    assert not is_code("ABCDEFGHJKMN\n") and not is_code("abcdefghjkmn")


@pytest.mark.parametrize("dot", ["\u00b7", "\u2022", "\u2027", "\u30fb", "\uff65", "\u2219", "\u22c5"])
def test_every_look_alike_middle_dot_becomes_u00b7(dot: str) -> None:
    assert normalise_name(f"阿依古丽{dot}买买提") == "阿依古丽\u00b7买买提"


@pytest.mark.parametrize(("number", "code", "problems"), [
    ("Y00002200010119400000", "ABCDEFGHJKMN",
     [("number", "证书编号应为 22 位（1 个字母加 21 位数字），现在是 21 位。")]),
    ("X000022000101194000001", "ABCDEFGHJKMN", [("number", "证书编号第 1 位应为字母 Y 或 S。")]),
    ("Y00002200010119400A001", "ABCDEFGHJKMN", [("number", "证书编号第 19 位应为数字。")]),
    ("Y000023000101194000001", "ABCDEFGHJKMN",
     [("number", "证书编号第 6–7 位是省份代码，本站只收录吉林省（22）发放的证书。")]),
    ("Y000022000101196000001", "ABCDEFGHJKMN", [("number", "证书编号第 16 位是等级代码，应为 1–5。")]),
    (NUMBER, "ABCDEFGHJKM", [("code", "查询码应为 12 位字母和数字，现在是 11 位。")]),
    (NUMBER, "ABCD0FGHJKMN", [("code", "查询码第 5 位是数字 0，查询码中没有数字 0、1 和字母 O、I，"
                                       "请对照证书核对（可能是形近的字符）。")]),
    (NUMBER, "ABCDEFGHJKMI", [("code", "查询码第 12 位是字母 I，查询码中没有数字 0、1 和字母 O、I，"
                                       "请对照证书核对（可能是形近的字符）。")]),
    (NUMBER, "ABCDEFGHJK!N", [("code", "查询码第 11 位“!”不是查询码使用的字符（数字 2–9 和字母）。")]),
    ("", "", [("number", "请填写证书编号。"), ("code", "请填写查询码。")]),
])
def test_malformed_queries_get_the_exact_message(number: str, code: str,
                                                 problems: list[tuple[str, str]]) -> None:
    assert validate_query(number, code)[2] == problems


def test_a_well_formed_query_has_no_problem() -> None:
    assert validate_query("y000022 000101194000001", "abcd-efgh-jkmn") == (NUMBER, "ABCDEFGHJKMN", [])


@pytest.mark.parametrize(("name", "masked"), [
    ("张伟", "张*"), ("张小明", "张*明"), ("阿依古丽·买买提", "阿依古丽·**"),
    ("阿依古丽•买买提", "阿依古丽·**"),
    ("𠮷田明", "𠮷*明"), ("欧阳娜娜", "欧**娜"),
    ("阿卜杜热合曼·买买提", "阿卜杜热合*·**"), ("张" * 30, "张*张"),
])
def test_masked_names_keep_first_and_last_character_and_fit_the_record(name: str, masked: str) -> None:
    assert masked_name(name) == masked
    assert len(masked.encode("utf-8")) <= NAME_BYTES
