"""The 附件1 form: the template's sheets and input hints, and adding an enterprise from a filled copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.edit import EditError, add_enterprise_from_form, write_enterprise_form_template
from generator.load.catalogue import check_catalogue

from .support import leftovers, snapshot

BASICS = {
    "企业标识（网址用）": "songyuan-ningjiang-feed",
    "试点企业名称": " 松原宁江饲料科技有限公司 ",
    "统一社会信用代码": "９１２２０７０２ＭＡ０Ｙ４Ｇ８Ｒ２Ｔ",  # typed in full-width characters
    "评价机构编码": "Y000022000117",
    "所属行业": "农产品加工",
    "推报单位": "松原市",
    "批次": 1.0,  # Excel stores numbers as floats
    "列入目录日期": dt.datetime(2019, 11, 20),  # an Excel date cell
    "地址": "吉林省松原市宁江区示例饲料路 5 号",
    "实施鉴定机构": "松原宁江饲料科技有限公司技能评价室",
    "监管服务机构": "松原市人力资源和社会保障局",
}
OCCUPATIONS = [
    ["6-01-01-02 制粉工", None, "五级/初级工", "三级/高级工", "是", None, "是", None],
    ["电工", "设备电工", "四级", "四级", None, "是", None, None],  # a name and short level words
]
CONTACTS = [["吕示例", "生产部", 13800000117, None]]  # the phone number became a number
SUBSIDIARIES = [["松原宁江饲料科技有限公司扶余分厂", "吉林省扶余市示例工业街 3 号", "制粉工参加认定"]]
EXPECTED = """\
# yaml-language-server: $schema=../schemas/enterprise.schema.json
# 试点企业目录条目。各字段的说明见 ../schemas/enterprise.schema.json（VS Code 中悬停可见）；
# 修改后运行 skills-site check。
# 状态变更和督导结果请用 skills-site enterprise status / supervise 追加。
# 稳定标识，用于网址 /enterprises/<id>/，发布后不要修改。
id: songyuan-ningjiang-feed
name: 松原宁江饲料科技有限公司
# summary: 一句话介绍（可选）
# 统一社会信用代码（末位为校验码）；评价机构编码由省职业技能鉴定中心赋予（Y000022 加 6 位序号）。
credit_code: 91220702MA0Y4G8R2{check}
evaluation_code: Y000022000117
# 行业、推报单位见 ../reference/industries.yaml 和 ../reference/reporting-units.yaml。
industry: agrifood
reporting_unit: songyuan
batch: 1
listed_on: 2019-11-20
address: 吉林省松原市宁江区示例饲料路 5 号
assessment_body: 松原宁江饲料科技有限公司技能评价室  # 实施鉴定机构
supervisory_body: 松原市人力资源和社会保障局  # 监管服务机构
# 分（子）公司情况。
subsidiaries:
  - name: 松原宁江饲料科技有限公司扶余分厂
    address: 吉林省扶余市示例工业街 3 号
    note: 制粉工参加认定
# 联系人（方式）。
contacts:
  - name: 吕示例
    role: 生产部
    phone: "13800000117"
# 职业（工种）及等级范围：from 为起始（较低）等级，to 为最高等级
# （5 五级/初级工 … 1 一级/高级技师）；评价方式：assessment 考核鉴定、
# combined 考评结合、process 过程化考核、competition 竞赛选拔。
occupations:
  - code: 6-01-01-02  # 制粉工
    levels: {from: 5, to: 3}
    methods: [assessment, process]
  - code: 6-31-01-03  # 电工
    work_type: 设备电工
    levels: {from: 4, to: 4}
    methods: [combined]
# 状态变更记录，最后一条为当前状态。
status_history:
  - status: active
    date: 2019-11-20
    reason: 经专家实地考察和评估，纳入第一批试点企业目录
    document: 吉人社函字〔2019〕210号（示例）
"""


def _fill(path: Path, basics: dict, occupations: list, contacts: list, subsidiaries: list) -> Path:
    workbook = load_workbook(path)
    sheet = workbook["基本情况"]
    for row in range(4, sheet.max_row + 1):
        label = str(sheet.cell(row=row, column=1).value).removesuffix(" *")
        if label in basics:
            sheet.cell(row=row, column=2, value=basics[label])
    for name, rows in (("职业（工种）", occupations), ("联系人", contacts), ("分（子）公司", subsidiaries)):
        for index, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                workbook[name].cell(row=index, column=column, value=value)
    workbook.save(path)
    return path


@pytest.fixture
def form(catalogue: Path) -> Path:
    return write_enterprise_form_template(catalogue.parent / "附件1.xlsx", catalogue_dir=catalogue)


def _check_char() -> str:
    from generator.codes import credit_check_char

    return credit_check_char("91220702MA0Y4G8R2")


def test_template_has_labelled_sheets_and_drop_down_lists(form: Path) -> None:
    workbook = load_workbook(form)
    assert workbook.sheetnames == ["基本情况", "职业（工种）", "联系人", "分（子）公司", "选项"]
    assert workbook["选项"].sheet_state == "hidden"
    basics = workbook["基本情况"]
    assert basics["A1"].value == "职业技能等级认定试点企业基本情况"
    assert [basics.cell(row=r, column=1).value for r in range(4, 17)] == [
        "企业标识（网址用） *", "试点企业名称 *", "企业简介", "统一社会信用代码 *", "评价机构编码 *",
        "所属行业 *", "推报单位 *", "批次 *", "列入目录日期", "地址 *", "实施鉴定机构 *", "监管服务机构 *",
        "列入目录文件（文号）"]
    lists = {str(v.sqref): v.formula1 for v in basics.data_validations.dataValidation}
    assert lists == {"B9": "'选项'!$A$2:$A$6", "B10": "'选项'!$B$2:$B$14", "B11": "'选项'!$C$2:$C$2"}
    options = workbook["选项"]
    assert [c.value for c in options["A"] if c.value][1:] == [
        "装备制造", "农产品加工", "医药化工", "汽车服务", "能源电力"]
    assert options["B14"].value == "省直（省属及以上企业）"
    occupations = workbook["职业（工种）"]
    assert [c.value for c in occupations[1]] == ["职业（工种）", "工种名称（选填）", "起始等级", "最高等级",
                                                 "考核鉴定", "考评结合", "过程化考核", "竞赛选拔"]
    hints = {str(v.sqref): (v.formula1, v.prompt) for v in occupations.data_validations.dataValidation}
    assert hints["A2:A51"][0] == "'选项'!$D$2:$D$18"
    assert options["D2"].value == "6-18-02-04 焊工"
    assert hints["C2:D51"][0] == "'选项'!$E$2:$E$6"
    assert hints["E2:H51"] == ("'选项'!$F$2:$F$2", "采用该评价方式的填“是”，可多选")


def test_a_filled_form_becomes_an_enterprise_file(catalogue: Path, form: Path) -> None:
    _fill(form, BASICS, OCCUPATIONS, CONTACTS, SUBSIDIARIES)
    before = snapshot(catalogue)
    path = add_enterprise_from_form(catalogue, form)
    assert path == catalogue / "enterprises/songyuan-ningjiang-feed.yaml"
    assert path.read_text(encoding="utf-8") == EXPECTED.replace("{check}", _check_char())
    after = snapshot(catalogue)
    after.pop("enterprises/songyuan-ningjiang-feed.yaml")
    assert after == before
    assert check_catalogue(catalogue, display_root=catalogue.parent) == []
    assert leftovers(catalogue) == []


def test_every_problem_of_the_form_is_listed_and_nothing_is_written(catalogue: Path, form: Path) -> None:
    basics = {**BASICS, "统一社会信用代码": "91220702MA0Y4G8R2A", "所属行业": "食品", "批次": "第一批",
              "评价机构编码": "Y00002200117", "列入目录日期": "2019-11-31", "地址": None}
    occupations = [["6-99-99-99 造船工", None, "五级", "六级", None, None, None, None],
                   ["焊工", None, "三级", "五级", "是", None, None, None]]
    _fill(form, basics, occupations, [["", None, "8000-", None]], [["某分公司", None, None]])
    before = snapshot(catalogue)
    with pytest.raises(EditError) as exc:
        add_enterprise_from_form(catalogue, form)
    assert [str(p) for p in exc.value.problems] == [
        "附件1.xlsx:2:1: 职业（工种）!A2 职业（工种）: 6-99-99-99 造船工 is not a known occupation "
        "(expected a code and name from the drop-down list)",
        "附件1.xlsx:2:1: 联系人!A2 姓名: the name is empty (expected the contact's name)",
        "附件1.xlsx:2:2: 分（子）公司!B2 地址: the cell is empty (expected a name and an address)",
        "附件1.xlsx:2:3: 联系人!C2 联系电话: 8000- is not a phone number (expected digits and hyphens, "
        "e.g. 0431-88690000)",
        "附件1.xlsx:2:4: 职业（工种）!D2 最高等级: 六级 is not a level (expected one of 五级/初级工, "
        "四级/中级工, 三级/高级工, 二级/技师, 一级/高级技师)",
        "附件1.xlsx:2:5: 职业（工种）!E2 评价方式: no method is marked "
        "(expected 是 under at least one method)",
        "附件1.xlsx:3:4: 职业（工种）!D3 最高等级: 五级/初级工 is below the entry level 三级/高级工 "
        "(expected a highest level at or above the entry level)",
        "附件1.xlsx:7:2: 基本情况!B7 统一社会信用代码: the check character is A but should be "
        f"{_check_char()} (expected a code copied exactly from the licence)",
        "附件1.xlsx:8:2: 基本情况!B8 评价机构编码: Y00002200117 is not an evaluation code "
        "(expected Y000022 and 6 digits)",
        "附件1.xlsx:9:2: 基本情况!B9 所属行业: 食品 is not in the list "
        "(expected one of 农产品加工、医药化工、汽车服务、能源电力、装备制造)",
        "附件1.xlsx:12:2: 基本情况!B12 列入目录日期: 2019-11-31 is not a real date (expected YYYY-MM-DD)",
        "附件1.xlsx:13:2: 基本情况!B13 地址: the item is required but empty "
        "(expected 企业注册或主要经营地址)",
    ]
    assert snapshot(catalogue) == before


def test_a_file_that_is_not_a_workbook_is_refused(catalogue: Path) -> None:
    fake = catalogue.parent / "附件1.xlsx"
    fake.write_text("姓名,电话\n", encoding="utf-8")
    with pytest.raises(EditError) as exc:
        add_enterprise_from_form(catalogue, fake)
    assert [str(p) for p in exc.value.problems] == [
        "附件1.xlsx:0:0: the file is UTF-8 text, saved with an .xlsx name (expected an .xlsx workbook: "
        "open it in Excel or WPS and save it as “Excel 工作簿 (*.xlsx)”)"]
