"""What the index holds besides page text: boilerplate left out, synonym variants, pinyin."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.search.boilerplate import ignore_paragraphs, repeated_paragraphs
from generator.search.pinyin import pinyin_words
from generator.search.synonyms import load_groups, variants

NOTE = "职业代码取自《中华人民共和国职业分类大典》，标注“待核实”的代码尚待核对。"


def page(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>t</title></head><body>{body}</body>"


def test_a_paragraph_on_four_pages_is_boilerplate_and_one_on_three_is_not() -> None:
    pages = [page(NOTE, f"第{i}家企业的简介，内容各不相同。") for i in range(4)]
    assert repeated_paragraphs(pages) == {NOTE}
    assert repeated_paragraphs(pages[:3]) == frozenset()


def test_short_paragraphs_are_never_boilerplate() -> None:
    assert repeated_paragraphs([page("无。")] * 10) == frozenset()


def test_boilerplate_paragraphs_are_marked_to_be_ignored_and_others_kept() -> None:
    marked = ignore_paragraphs(page(NOTE, "本页自己的文字。"), frozenset({NOTE}))
    assert f"<p data-pagefind-ignore>{NOTE}</p>" in marked
    assert "<p>本页自己的文字。</p>" in marked


def test_a_text_is_varied_with_each_other_word_of_its_group() -> None:
    groups = (("考评人员", "考评员"), ("鉴定", "认定"))
    assert variants("开展考评人员培训", groups) == ["开展考评员培训"]
    assert variants("职业技能鉴定中心", groups) == ["职业技能认定中心"]
    assert variants("没有同义词", groups) == []


def test_the_synonym_list_of_the_site_reads_and_a_bad_one_is_a_build_error(tmp_path: Path) -> None:
    assert ("考评人员", "考评员") in load_groups()
    bad = tmp_path / "synonyms.yaml"
    bad.write_text("groups:\n  - [只有一个]\n", encoding="utf-8")
    with pytest.raises(BuildError, match="groups: expected a list of lists of two or more words"):
        load_groups(bad)


def test_pinyin_words_start_at_every_syllable_and_initials_too() -> None:
    words = pinyin_words("公主岭沃禾玉米")
    assert "gongzhulingwo" in words and "gzlwhy" in words and "wohe" in " ".join(words)
    assert pinyin_words("長春")[:2] == ["changchun", "cc"]
    assert pinyin_words("ABC") == []
