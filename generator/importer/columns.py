"""The certificate sheet's columns: Chinese headers, the YAML field each fills, and input hints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool
    hint: str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column("证书编号", "number", True, "22 位：1 位字母加 21 位数字，前 13 位为本企业评价机构编码。",
           "Y000022000101194000001"),
    Column("姓名", "name", True, "持证人姓名，少数民族姓名中间的点可用任意写法。", "张示例"),
    Column("身份证号码", "id_number", True,
           "18 位，末位可以是 X。本列须设为“文本”格式，否则 Excel 会丢失末尾数字。", "220102199003070021"),
    Column("职业编码", "occupation", True, "职业分类大典编码，如 6-18-02-04（焊工），须为本企业备案的职业。",
           "6-18-02-04"),
    Column("等级", "level", True, "1–5 的数字，或“四级”“中级工”等名称。", "4"),
    Column("发证日期", "issued", True, "日期，如 2019-12-20。", "2019-12-20"),
    Column("状态", "status", False, "留空表示有效；已撤销的证书填“撤销”。", ""),
    Column("撤销日期", "revoked_on", False, "仅撤销的证书填写。", ""),
    Column("撤销原因代码", "revocation_reason", False, "仅撤销的证书填写，代码见撤销原因表。", ""),
)

BY_HEADER = {c.header: c for c in COLUMNS}
BY_FIELD = {c.field: c for c in COLUMNS}
SHEET_NAME = "证书"
