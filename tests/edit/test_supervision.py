"""record_supervision: a result appended to the file's own layout, whatever that layout is."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from generator.edit import EditError, record_supervision
from generator.load.catalogue import read_catalogue

from .support import leftovers, snapshot

YUEHUA = "changbaishan-yuehua-ginseng"

# A hand-formatted file: comments everywhere, lists not indented, quoted and flow values.
HAND_WRITTEN = """\
# yaml-language-server: $schema=../schemas/enterprise.schema.json
# 示例数据：本企业及其人员、电话、代码均为虚构，仅用于演示网站功能。
id: changbaishan-yuehua-ginseng   # 网址标识
name: "长白山岳桦参业有限公司"
credit_code: '91220621MA0XN4Q9DL'
evaluation_code: Y000022000111
industry: pharmchem
reporting_unit: changbaishan
batch: 1
listed_on: 2019-11-15
address: 吉林省长白山保护开发区池北区示例参乡路 8 号
assessment_body: 长白山岳桦参业有限公司职业技能评价室
supervisory_body: 长白山管委会人力资源和社会保障局
contacts:
- {name: 卫示例, role: 总经理办公室, phone: 0439-80000111}
occupations:
- code: 6-12-02-00
  work_type: 人参加工
  levels: {from: 5, to: 2}     # 五级至二级
  methods: [combined, process]
status_history:
- status: active
  date: 2019-11-15
  reason: >-
    经专家实地考察和评估，
    纳入第一批试点企业目录
  document: 吉人社函字〔2019〕210号（示例）

# 以上为列入目录时的记录。
"""

RESULT = {"date": "2026-04-02", "kind": "random", "outcome": "rectify",
          "summary": "双随机抽查：人参加工实际操作考核记录不全，限期一个月整改。",
          "document": "长管人社督〔2026〕2号（示例）"}


def _messages(exc: pytest.ExceptionInfo[EditError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def _write(catalogue: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path = catalogue / "enterprises" / f"{YUEHUA}.yaml"
    path.write_bytes(text.encode(encoding))
    return path


def test_appended_to_an_existing_list(catalogue: Path) -> None:
    path = catalogue / "enterprises/jilin-jiangpan-cnc.yaml"
    old = path.read_text(encoding="utf-8")
    record_supervision(catalogue, "jilin-jiangpan-cnc", "2026-01-20", "complaint", "pass",
                       "经核查，投诉反映的问题不属实。")
    assert path.read_text(encoding="utf-8") == old + (
        "  - date: 2026-01-20\n"
        "    kind: complaint\n"
        "    outcome: pass\n"
        "    summary: 经核查，投诉反映的问题不属实。\n")


def test_a_hand_written_file_keeps_its_layout_and_gains_the_list(catalogue: Path) -> None:
    path = _write(catalogue, HAND_WRITTEN)
    others = snapshot(catalogue)
    record_supervision(catalogue, YUEHUA, **RESULT)
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN + (
        "supervision:\n"
        "- date: 2026-04-02\n"
        "  kind: random\n"
        "  outcome: rectify\n"
        "  summary: 双随机抽查：人参加工实际操作考核记录不全，限期一个月整改。\n"
        "  document: 长管人社督〔2026〕2号（示例）\n")
    assert {k: v for k, v in snapshot(catalogue).items() if not k.endswith(f"{YUEHUA}.yaml")} == \
        {k: v for k, v in others.items() if not k.endswith(f"{YUEHUA}.yaml")}
    enterprises = read_catalogue(catalogue, display_root=catalogue.parent).enterprises
    enterprise = {e.id: e for e in enterprises}[YUEHUA]
    assert [(s.kind, s.outcome, s.document) for s in enterprise.supervision] == [
        ("random", "rectify", "长管人社督〔2026〕2号（示例）")]


def test_an_empty_flow_list_becomes_a_block_list_keeping_its_comment(catalogue: Path) -> None:
    text = HAND_WRITTEN.replace("\n# 以上为列入目录时的记录。\n", "supervision: []   # 尚无督导记录\n")
    path = _write(catalogue, text)
    record_supervision(catalogue, YUEHUA, "2026-04-02", "process", "pass", "过程督导合格。")
    assert path.read_text(encoding="utf-8") == text.replace(
        "supervision: []   # 尚无督导记录\n",
        "supervision:   # 尚无督导记录\n- date: 2026-04-02\n  kind: process\n  outcome: pass\n"
        "  summary: 过程督导合格。\n")


def test_crlf_line_ends_and_a_byte_order_mark_survive(catalogue: Path) -> None:
    text = HAND_WRITTEN.replace("\n", "\r\n")
    path = _write(catalogue, "\ufeff" + text)
    record_supervision(catalogue, YUEHUA, "2026-04-02", "process", "pass", "过程督导合格。")
    assert path.read_bytes() == codecs.BOM_UTF8 + (text + (
        "supervision:\n- date: 2026-04-02\n  kind: process\n  outcome: pass\n  summary: 过程督导合格。\n"
    ).replace("\n", "\r\n")).encode("utf-8")


def test_a_list_written_in_flow_style_is_extended_by_a_full_round_trip(catalogue: Path) -> None:
    line = "supervision: [{date: 2020-08-01, kind: process, outcome: pass, summary: 合格}]\n"
    text = HAND_WRITTEN.replace("\n# 以上为列入目录时的记录。\n", line)
    path = _write(catalogue, text)
    record_supervision(catalogue, YUEHUA, "2026-04-02", "random", "pass", "抽查合格。")
    assert path.read_text(encoding="utf-8") == text.replace(line, (
        "supervision:\n"
        "- {date: 2020-08-01, kind: process, outcome: pass, summary: 合格}\n"
        "- date: 2026-04-02\n  kind: random\n  outcome: pass\n  summary: 抽查合格。\n"))


@pytest.mark.parametrize(("arguments", "expected"), [
    (("2026-01-20", "inspection", "ok", "摘要内容"), [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: kind: unknown kind 'inspection' "
        "(expected process, random or complaint)",
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: outcome: unknown outcome 'ok' "
        "(expected pass, rectify or fail)"]),
    (("2021-09-15", "random", "pass", "摘要内容"), [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:42:11: supervision[1].date: the new result's date "
        "2021-09-15 is before this result's 2021-09-16 (expected the same day or later)"]),
    (("2019-11-14", "random", "pass", "摘要内容"), [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:11:12: listed_on: the result's date 2019-11-14 is "
        "before the listing on 2019-11-15 (expected on or after the listing)"]),
    (("2026-01-20", "random", "pass", "x"), [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: summary: 'x' is too short or spans lines "
        "(expected a summary of the result, one line of at least 2 characters)"]),
])
def test_bad_results_are_refused_and_nothing_is_written(catalogue: Path, arguments: tuple[str, ...],
                                                        expected: list[str]) -> None:
    before = snapshot(catalogue)
    with pytest.raises(EditError) as exc:
        record_supervision(catalogue, "jilin-jiangpan-cnc", *arguments)
    assert _messages(exc) == expected
    assert snapshot(catalogue) == before
    assert leftovers(catalogue.parent) == []
