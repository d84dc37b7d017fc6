"""add_enterprise_scaffold: a new, commented, valid enterprise file; nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.edit import Contact, EditError, Scope, add_enterprise_scaffold
from generator.load.catalogue import check_catalogue

from .support import leftovers, snapshot

NEW = "enterprises/baishan-linjiang-steel-structure.yaml"
FIELDS = {
    "credit_code": "91220602MA0Y9K2T34",
    "evaluation_code": "Y000022000116",
    "industry": "equipment",
    "reporting_unit": "baishan",
    "batch": 1,
    "address": "吉林省白山市浑江区示例钢构路 9 号",
    "assessment_body": "白山临江钢结构有限公司技能评价室",
    "supervisory_body": "白山市人力资源和社会保障局",
    "contacts": [Contact("郭示例", "0439-80000116", role="人力资源部"),
                 {"name": "何示例", "phone": "13800000116"}],
    "occupations": [Scope("6-18-02-04", 5, 2, ("assessment", "process"), work_type="钢结构焊接"),
                    {"code": "6-31-01-03", "level_from": 5, "level_to": 5, "methods": ("assessment",)}],
}
EXPECTED = """\
# yaml-language-server: $schema=../schemas/enterprise.schema.json
# 示例数据：本企业及其人员、电话、代码均为虚构，仅用于演示网站功能。
# 试点企业目录条目。各字段的说明见 ../schemas/enterprise.schema.json（VS Code 中悬停可见）；
# 修改后运行 skills-site check。
# 状态变更和督导结果请用 skills-site enterprise status / supervise 追加。
# 稳定标识，用于网址 /enterprises/<id>/，发布后不要修改。
id: baishan-linjiang-steel-structure
name: 白山临江钢结构有限公司
summary: 钢结构厂房和桥梁构件制造企业。
# 统一社会信用代码（末位为校验码）；评价机构编码由省职业技能鉴定中心赋予（Y000022 加 6 位序号）。
credit_code: 91220602MA0Y9K2T34
evaluation_code: Y000022000116
# 行业、推报单位见 ../reference/industries.yaml 和 ../reference/reporting-units.yaml。
industry: equipment
reporting_unit: baishan
batch: 1
listed_on: 2019-11-15
address: 吉林省白山市浑江区示例钢构路 9 号
assessment_body: 白山临江钢结构有限公司技能评价室  # 实施鉴定机构
supervisory_body: 白山市人力资源和社会保障局  # 监管服务机构
# 分（子）公司情况。
# subsidiaries:
#   - name: 分（子）公司名称
#     address: 地址
#     note: 说明（可选），例如参与认定的范围
# 联系人（方式）。
contacts:
  - name: 郭示例
    role: 人力资源部
    phone: 0439-80000116
  - name: 何示例
    phone: "13800000116"
# 职业（工种）及等级范围：from 为起始（较低）等级，to 为最高等级
# （5 五级/初级工 … 1 一级/高级技师）；评价方式：assessment 考核鉴定、
# combined 考评结合、process 过程化考核、competition 竞赛选拔。
occupations:
  - code: 6-18-02-04  # 焊工
    work_type: 钢结构焊接
    levels: {from: 5, to: 2}
    methods: [assessment, process]
  - code: 6-31-01-03  # 电工
    levels: {from: 5, to: 5}
    methods: [assessment]
# 状态变更记录，最后一条为当前状态。
status_history:
  - status: active
    date: 2019-11-15
    reason: 经专家实地考察和评估，纳入第一批试点企业目录
    document: 吉人社函字〔2019〕210号（示例）
"""


def _messages(exc: pytest.ExceptionInfo[EditError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_scaffold_writes_the_commented_template_and_touches_nothing_else(catalogue: Path) -> None:
    before = snapshot(catalogue)
    path = add_enterprise_scaffold(catalogue, "baishan-linjiang-steel-structure", "白山临江钢结构有限公司",
                                   summary="钢结构厂房和桥梁构件制造企业。", sample=True, **FIELDS)
    assert path == catalogue / NEW
    assert path.read_text(encoding="utf-8") == EXPECTED
    after = snapshot(catalogue)
    assert after.pop(NEW) == EXPECTED.encode()
    assert after == before
    assert check_catalogue(catalogue, display_root=catalogue.parent) == []
    assert leftovers(catalogue.parent) == []


def test_without_the_sample_flag_there_is_no_sample_note(catalogue: Path) -> None:
    path = add_enterprise_scaffold(catalogue, "baishan-linjiang-steel-structure", "白山临江钢结构有限公司",
                                   summary="钢结构厂房和桥梁构件制造企业。", **FIELDS)
    assert path.read_text(encoding="utf-8") == EXPECTED.replace(
        "# 示例数据：本企业及其人员、电话、代码均为虚构，仅用于演示网站功能。\n", "")


@pytest.mark.parametrize(("enterprise_id", "changes", "expected"), [
    ("jilin-jiangpan-cnc", {}, [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: id: an enterprise with id 'jilin-jiangpan-cnc' "
        "already exists (expected a new id, or edit the file)"]),
    ("Baishan_Steel", {}, [
        "catalogue/enterprises/Baishan_Steel.yaml:0:0: id: 'Baishan_Steel' is not a valid id (expected "
        "lowercase letters, digits and single hyphens, e.g. changchun-hongda-machinery)"]),
    ("baishan-steel", {"batch": 9}, [
        "catalogue/enterprises/baishan-steel.yaml:0:0: batch: no batch 9 in batches.yaml "
        "(expected the number of a published batch)"]),
    ("baishan-steel", {"credit_code": "91220602MA0Y9K2T3X"}, [
        "catalogue/enterprises/baishan-steel.yaml:10:14: credit_code: '91220602MA0Y9K2T3X' ends in check "
        "character X (expected 4, computed from the first 17 characters)"]),
    ("baishan-steel", {"evaluation_code": "Y000022000113"}, [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:7:18: evaluation_code: 'Y000022000113' is already "
        "used by catalogue/enterprises/baishan-steel.yaml:11:18 (expected a unique evaluation_code)"]),
])
def test_a_bad_scaffold_is_refused_and_nothing_is_written(catalogue: Path, enterprise_id: str,
                                                          changes: dict, expected: list[str]) -> None:
    before = snapshot(catalogue)
    with pytest.raises(EditError) as exc:
        add_enterprise_scaffold(catalogue, enterprise_id, "白山临江钢结构有限公司", **{**FIELDS, **changes})
    assert _messages(exc) == expected
    assert snapshot(catalogue) == before
    assert leftovers(catalogue.parent) == []
