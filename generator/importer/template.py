"""`skills-site template certificates`: the Excel sheet staff fill in and import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from generator.importer.columns import COLUMNS, SHEET_NAME

EXAMPLE_NOTE = "第 2 行为示例（灰色斜体），导入时自动跳过，可删除。"


def write_certificate_template(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    header_font = Font(bold=True)
    example_font = Font(italic=True, color="808080")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = header_font
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.comment = Comment(column.hint, "吉林省职业技能鉴定中心")
        value: object = column.example or None
        if value and column.field in ("issued", "revoked_on"):
            value = dt.date.fromisoformat(column.example)
        example = sheet.cell(row=2, column=index, value=value)
        example.font = example_font
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.header) * 3)
        number_format = "yyyy-mm-dd" if column.field in ("issued", "revoked_on") else "@"
        sheet.column_dimensions[letter].number_format = number_format  # whole column: text or date
        example.number_format = number_format
        hint = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=column.header[:32],
                              prompt=column.hint[:255])
        if column.field == "level":
            hint = DataValidation(type="list", formula1='"5,4,3,2,1"', allow_blank=False,
                                  showInputMessage=True, promptTitle=column.header, prompt=column.hint)
        elif column.field == "status":
            hint = DataValidation(type="list", formula1='"有效,撤销"', allow_blank=True,
                                  showInputMessage=True, promptTitle=column.header, prompt=column.hint)
        sheet.add_data_validation(hint)
        hint.add(f"{letter}2:{letter}2001")
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["填写说明"])
    notes.append([EXAMPLE_NOTE])
    notes.append(["每行一本证书；不要合并单元格，不要改动第 1 行的列名。"])
    for column in COLUMNS:
        notes.append([column.header, "必填" if column.required else "选填", column.hint])
    notes.column_dimensions["C"].width = 80
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
