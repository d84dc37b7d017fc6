"""The 附件1 form (职业技能等级认定试点企业基本情况) as an Excel workbook that enterprises fill in.

Sheets: 基本情况 (one labelled row per field), 职业（工种）, 联系人, 分（子）公司, and a hidden
选项 sheet holding the drop-down lists (industries, reporting units, occupations, levels, batches)
taken from the catalogue's reference data, so the lists never disagree with the validator.

Intended command line:

    skills-site template enterprise --out 附件1.xlsx
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from generator.edit.files import default_display_root
from generator.edit.scaffold import reference_items

BASICS = "基本情况"
OCCUPATIONS = "职业（工种）"
CONTACTS = "联系人"
SUBSIDIARIES = "分（子）公司"
OPTIONS = "选项"
TITLE = "职业技能等级认定试点企业基本情况"
MARK = "是"
TABLE_ROWS = 50  # rows offered in each table sheet
LEVEL_LABELS = {5: "五级/初级工", 4: "四级/中级工", 3: "三级/高级工", 2: "二级/技师", 1: "一级/高级技师"}
METHODS = (("assessment", "考核鉴定"), ("combined", "考评结合"), ("process", "过程化考核"),
           ("competition", "竞赛选拔"))


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    hint: str
    required: bool = True
    choices: str = ""  # name of a list on the 选项 sheet


FIELDS = (
    Field("id", "企业标识（网址用）",
          "由省职业技能鉴定中心填写：小写字母、数字和连字符，如 changchun-hongda-machinery"),
    Field("name", "试点企业名称", "企业全称，与营业执照一致"),
    Field("summary", "企业简介", "一句话介绍（选填）", required=False),
    Field("credit_code", "统一社会信用代码", "18 位，与营业执照一致"),
    Field("evaluation_code", "评价机构编码", "由省职业技能鉴定中心赋予：Y000022 加 6 位序号"),
    Field("industry", "所属行业", "从下拉列表中选择", choices="industries"),
    Field("reporting_unit", "推报单位", "从下拉列表中选择；省属及以上企业选“省直”", choices="units"),
    Field("batch", "批次", "批次编号，如 1 表示第一批", choices="batches"),
    Field("listed_on", "列入目录日期", "YYYY-MM-DD；留空则取该批次的发布日期", required=False),
    Field("address", "地址", "企业注册或主要经营地址"),
    Field("assessment_body", "实施鉴定机构", "企业内部实施认定的机构名称"),
    Field("supervisory_body", "监管服务机构", "如 长春市人力资源和社会保障局"),
    Field("document", "列入目录文件（文号）", "留空则取该批次的发布文件", required=False),
)
OCCUPATION_HEADERS = ("职业（工种）", "工种名称（选填）", "起始等级", "最高等级",
                      *(name for _, name in METHODS))
CONTACT_HEADERS = ("姓名", "职务或部门（选填）", "联系电话", "电子邮箱（选填）")
SUBSIDIARY_HEADERS = ("名称", "地址", "说明（选填）")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HINT_FONT = Font(color="808080")


def _options(workbook: Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    """Write each list into a column of the hidden 选项 sheet; return list name → range formula."""
    sheet = workbook.create_sheet(OPTIONS)
    formulas: dict[str, str] = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        formulas[name] = f"{quote_sheetname(OPTIONS)}!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return formulas


def _choice(sheet, formula: str, cells: str, title: str, prompt: str) -> None:  # type: ignore[no-untyped-def]
    rule = DataValidation(type="list", formula1=formula, allow_blank=True, showInputMessage=True,
                          showErrorMessage=True, promptTitle=title[:32], prompt=prompt[:255],
                          errorTitle=title[:32], error="请从下拉列表中选择。")
    sheet.add_data_validation(rule)
    rule.add(cells)


def _table(workbook: Workbook, title: str, headers: tuple[str, ...], widths: tuple[int, ...]):  # type: ignore[no-untyped-def]
    sheet = workbook.create_sheet(title)
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
        for row in range(2, TABLE_ROWS + 2):
            sheet.cell(row=row, column=column).number_format = "@"
    sheet.freeze_panes = "A2"
    return sheet


def write_enterprise_form_template(path: Path, *, catalogue_dir: Path | None = None) -> Path:
    """Write the empty 附件1 form to `path` (.xlsx), with drop-down lists from the catalogue's
    reference data (`catalogue_dir`, by default ./catalogue)."""
    catalogue_dir = Path(catalogue_dir or "catalogue")
    root = default_display_root(catalogue_dir)
    def items(relative: str, key: str) -> list[dict]:
        return reference_items(catalogue_dir, relative, key, root)

    lists = {
        "industries": [str(i.get("name")) for i in items("reference/industries.yaml", "industries")],
        "units": [str(u.get("name")) for u in items("reference/reporting-units.yaml", "reporting_units")],
        "batches": [str(b.get("number")) for b in items("batches.yaml", "batches")],
        "occupations": [f"{o.get('code')} {o.get('name')}"
                        for o in items("reference/occupations.yaml", "occupations")],
        "levels": list(LEVEL_LABELS.values()),
        "mark": [MARK],
    }
    workbook = Workbook()
    basics = workbook.active
    basics.title = BASICS
    basics.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    basics.cell(row=2, column=1, value="带 * 的项目必填。填好后连同其余工作表一并报送。").font = _HINT_FONT
    for column, header in enumerate(("项目", "填写内容", "填写说明"), start=1):
        cell = basics.cell(row=3, column=column, value=header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    formulas = _options(workbook, lists)
    for row, field in enumerate(FIELDS, start=4):
        basics.cell(row=row, column=1, value=field.label + (" *" if field.required else ""))
        value = basics.cell(row=row, column=2)
        value.number_format = "yyyy-mm-dd" if field.key == "listed_on" else "@"
        value.alignment = Alignment(wrap_text=True)
        basics.cell(row=row, column=3, value=field.hint).font = _HINT_FONT
        if field.choices:
            _choice(basics, formulas[field.choices], f"B{row}", field.label, field.hint)
    basics.column_dimensions["A"].width = 24
    basics.column_dimensions["B"].width = 48
    basics.column_dimensions["C"].width = 70
    occupations = _table(workbook, OCCUPATIONS, OCCUPATION_HEADERS, (34, 18, 14, 14, 10, 10, 12, 10))
    last = TABLE_ROWS + 1
    _choice(occupations, formulas["occupations"], f"A2:A{last}", "职业（工种）",
            "从下拉列表中选择职业编码和名称")
    _choice(occupations, formulas["levels"], f"C2:D{last}", "等级",
            "起始等级为开展认定的最低等级，最高等级为最高可认定等级，例如 五级/初级工 至 三级/高级工")
    _choice(occupations, formulas["mark"], f"E2:H{last}", "评价方式", f"采用该评价方式的填“{MARK}”，可多选")
    _table(workbook, CONTACTS, CONTACT_HEADERS, (14, 20, 18, 28))
    _table(workbook, SUBSIDIARIES, SUBSIDIARY_HEADERS, (36, 44, 30))
    workbook.move_sheet(OPTIONS, offset=len(workbook.sheetnames))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
