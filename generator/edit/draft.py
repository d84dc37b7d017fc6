"""A new enterprise before it has a file, and the commented YAML text it is written as."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.edit.files import scalar

MODELINE = "# yaml-language-server: $schema=../schemas/enterprise.schema.json"
SAMPLE_NOTE = "# 示例数据：本企业及其人员、电话、代码均为虚构，仅用于演示网站功能。"


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    role: str = ""
    email: str = ""


@dataclass(frozen=True)
class Scope:
    """One occupation with its level range (5 = 五级 … 1 = 一级) and evaluation methods."""

    code: str
    level_from: int
    level_to: int
    methods: tuple[str, ...]
    work_type: str = ""


@dataclass(frozen=True)
class Subsidiary:
    name: str
    address: str
    note: str = ""


@dataclass
class EnterpriseDraft:
    id: str
    name: str
    credit_code: str
    evaluation_code: str
    industry: str
    reporting_unit: str
    batch: int
    listed_on: dt.date
    address: str
    assessment_body: str
    supervisory_body: str
    contacts: list[Contact]
    occupations: list[Scope]
    reason: str
    document: str
    summary: str = ""
    subsidiaries: list[Subsidiary] = field(default_factory=list)

    def values(self) -> dict[str, Any]:
        """The values the file must hold, in the schema's key order (dates as dates)."""
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.summary:
            out["summary"] = self.summary
        out.update({"credit_code": self.credit_code, "evaluation_code": self.evaluation_code,
                    "industry": self.industry, "reporting_unit": self.reporting_unit, "batch": self.batch,
                    "listed_on": self.listed_on, "address": self.address,
                    "assessment_body": self.assessment_body, "supervisory_body": self.supervisory_body})
        if self.subsidiaries:
            out["subsidiaries"] = [_some({"name": s.name, "address": s.address, "note": s.note})
                                   for s in self.subsidiaries]
        out["contacts"] = [_some({"name": c.name, "role": c.role, "phone": c.phone, "email": c.email})
                           for c in self.contacts]
        out["occupations"] = [_some({"code": o.code, "work_type": o.work_type,
                                     "levels": {"from": o.level_from, "to": o.level_to},
                                     "methods": list(o.methods)}) for o in self.occupations]
        out["status_history"] = [{"status": "active", "date": self.listed_on, "reason": self.reason,
                                  "document": self.document}]
        return out


def _some(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in ("", None)}


def _entry(lines: list[str], values: dict[str, Any], comments: dict[str, str] | None = None) -> None:
    """A block-sequence item at the file's usual indentation (`  - key: value`)."""
    for index, (key, value) in enumerate(values.items()):
        lead = "  - " if index == 0 else "    "
        comment = f"  # {comments[key]}" if comments and key in comments else ""
        lines.append(f"{lead}{key}: {value}{comment}")


def render(draft: EnterpriseDraft, *, sample: bool, occupation_names: dict[str, str]) -> str:
    """The enterprise file: modeline, optional sample-data note, commented fields."""
    v = draft.values()
    lines = [MODELINE]
    if sample:
        lines.append(SAMPLE_NOTE)
    lines += [
        "# 试点企业目录条目。各字段的说明见 ../schemas/enterprise.schema.json（VS Code 中悬停可见）；",
        "# 修改后运行 skills-site check。",
        "# 状态变更和督导结果请用 skills-site enterprise status / supervise 追加。",
        "# 稳定标识，用于网址 /enterprises/<id>/，发布后不要修改。",
        f"id: {scalar(v['id'])}",
        f"name: {scalar(v['name'])}",
    ]
    if "summary" in v:
        lines.append(f"summary: {scalar(v['summary'])}")
    else:
        lines.append("# summary: 一句话介绍（可选）")
    lines += [
        "# 统一社会信用代码（末位为校验码）；评价机构编码由省职业技能鉴定中心赋予（Y000022 加 6 位序号）。",
        f"credit_code: {scalar(v['credit_code'])}",
        f"evaluation_code: {scalar(v['evaluation_code'])}",
        "# 行业、推报单位见 ../reference/industries.yaml 和 ../reference/reporting-units.yaml。",
        f"industry: {scalar(v['industry'])}",
        f"reporting_unit: {scalar(v['reporting_unit'])}",
        f"batch: {scalar(v['batch'])}",
        f"listed_on: {scalar(v['listed_on'])}",
        f"address: {scalar(v['address'])}",
        f"assessment_body: {scalar(v['assessment_body'])}  # 实施鉴定机构",
        f"supervisory_body: {scalar(v['supervisory_body'])}  # 监管服务机构",
        "# 分（子）公司情况。",
    ]
    if "subsidiaries" in v:
        lines.append("subsidiaries:")
        for item in v["subsidiaries"]:
            _entry(lines, {k: scalar(x) for k, x in item.items()})
    else:
        lines += ["# subsidiaries:", "#   - name: 分（子）公司名称", "#     address: 地址",
                  "#     note: 说明（可选），例如参与认定的范围"]
    lines += ["# 联系人（方式）。", "contacts:"]
    for item in v["contacts"]:
        _entry(lines, {k: scalar(x) for k, x in item.items()})
    lines += ["# 职业（工种）及等级范围：from 为起始（较低）等级，to 为最高等级",
              "# （5 五级/初级工 … 1 一级/高级技师）；评价方式：assessment 考核鉴定、",
              "# combined 考评结合、process 过程化考核、competition 竞赛选拔。",
              "occupations:"]
    for item in v["occupations"]:
        shown = {k: scalar(x) for k, x in item.items() if k not in ("levels", "methods")}
        levels = item["levels"]
        shown["levels"] = f"{{from: {levels['from']}, to: {levels['to']}}}"
        shown["methods"] = "[" + ", ".join(scalar(m) for m in item["methods"]) + "]"
        name = occupation_names.get(item["code"])
        _entry(lines, shown, {"code": name} if name else None)
    lines += ["# 状态变更记录，最后一条为当前状态。", "status_history:"]
    for item in v["status_history"]:
        _entry(lines, {k: scalar(x) for k, x in item.items()})
    return "\n".join(lines) + "\n"
