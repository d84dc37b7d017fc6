"""The notice and its work plan are the one text the site reproduces as it is: every line of the
source must be on the policy pages, unchanged and in order. Only structure may be added."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from .markdown_text import CONTENT, EXTENSIONS, normalise, read_html, read_page, render

# The official text as published (吉人社函字〔2019〕133号, 此件主动公开), kept byte for byte.
SOURCE = Path(__file__).resolve().parent / "source" / "notice-jirenshe-2019-133.txt"
POLICY = CONTENT / "policy"
PLAN_TITLE = "吉林省职业技能等级认定试点工作方案（试行）"


Line = tuple[int, str]  # (line number in the source file, normalised text)


def source_lines() -> list[Line]:
    lines = [(number, normalise(line))
             for number, line in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), 1)]
    return [(number, text) for number, text in lines if text]


def split_source() -> tuple[list[Line], list[Line], list[Line]]:
    """(notice, work plan with its contacts and annex list, contacts block) from the source."""
    lines = source_lines()
    texts = [text for _, text in lines]
    plan_start = texts.index(PLAN_TITLE)
    contacts_start = texts.index("联系方式：")
    annexes_start = next(i for i, text in enumerate(texts) if text.startswith("附件："))
    return lines[:plan_start], lines[plan_start:], lines[contacts_start:annexes_start]


def missing_in_order(lines: list[Line], text: str) -> list[str]:
    """Source lines not found in `text` after the previous line's match, as messages."""
    problems: list[str] = []
    position = 0
    for number, line in lines:
        found = text.find(line, position)
        if found < 0:
            problems.append(f"source line {number}: {line[:30]}")
            continue
        position = found + len(line)
    return problems


def render_text(markdown_source: str) -> str:
    return read_html(markdown.markdown(markdown_source, extensions=EXTENSIONS)).text


@pytest.fixture(scope="module")
def source_parts() -> tuple[list[Line], list[Line], list[Line]]:
    return split_source()


def test_the_source_splits_into_notice_plan_and_contacts(source_parts) -> None:
    notice, plan, contacts = source_parts
    assert notice[0][1] == "关于印发《吉林省职业技能等级认定试点工作方案（试行）》的通知"
    assert notice[-1][1] == "（联系单位：人才开发处 省职业技能鉴定中心）"
    assert plan[0][1] == PLAN_TITLE and plan[-1][1] == "2.企业技能人才职业技能等级认定试点工作方案（模板）"
    assert len(contacts) == 7


def test_the_notice_page_holds_every_line_of_the_notice_in_order(source_parts) -> None:
    notice, _, _ = source_parts
    assert missing_in_order(notice, read_page(POLICY / "notice.md").text) == []


def test_the_work_plan_page_holds_every_line_of_the_plan_in_order(source_parts) -> None:
    _, plan, _ = source_parts
    assert missing_in_order(plan, read_page(POLICY / "work-plan.md").text) == []


def test_notice_and_work_plan_read_together_hold_the_whole_source_in_order(source_parts) -> None:
    text = read_page(POLICY / "notice.md").text + read_page(POLICY / "work-plan.md").text
    assert missing_in_order(source_lines(), text) == []


def test_the_contacts_page_holds_both_contacts_as_in_the_source(source_parts) -> None:
    _, _, contacts = source_parts
    assert missing_in_order(contacts, read_page(POLICY / "contacts.md").text) == []


def test_contact_phone_numbers_are_dialable_links() -> None:
    for name in ("contacts.md", "work-plan.md"):
        links = read_page(POLICY / name).links
        assert "tel:+8643188690531" in links and "tel:+8643188690758" in links, name


def test_the_work_plan_has_a_heading_per_section_and_subsection() -> None:
    html = render(POLICY / "work-plan.md")
    sections = ["一、指导思想", "二、目标任务", "三、试点企业范围及具备的条件", "四、试点企业评价内容和方式",
                "五、试点职业（工种）范围及备案需提交的材料", "六、工作程序", "七、时间安排", "八、保障措施"]
    for number, title in enumerate(sections, 1):
        assert f'<h2 id="s{number}">{title}</h2>' in html
    assert html.count("<h3 ") == 19  # 2 + 2 + 2 + 5 + 3 + 5 （一）… subsections


def test_a_dropped_sentence_is_caught(source_parts) -> None:
    _, plan, _ = source_parts
    page = (POLICY / "work-plan.md").read_text(encoding="utf-8")
    sentence = "准入类职业资格不纳入职业技能等级认定范围。"
    assert sentence in page
    assert missing_in_order(plan, render_text(page.replace(sentence, ""))) == [
        "source line 61: （一）职业（工种）、人员范围。《中华人民共和国职业分类大典（"]


def test_an_altered_character_is_caught(source_parts) -> None:
    _, plan, _ = source_parts
    page = (POLICY / "work-plan.md").read_text(encoding="utf-8")
    assert missing_in_order(plan, render_text(page.replace("每次限报1个", "每次限报2个"))) == [
        "source line 47: 3.申报的职业（工种）应与本人实际岗位需要一致，每次限报1个"]


def test_a_dropped_list_item_is_caught_by_its_number(source_parts) -> None:
    _, plan, _ = source_parts
    page = (POLICY / "work-plan.md").read_text(encoding="utf-8")
    problems = missing_in_order(plan, render_text(page.replace("1. 企业申请报告；\n", "")))
    assert problems[0] == "source line 64: 1.企业申请报告；"
