"""The catalogue as tables: enterprises, occupation and level scopes, branches, status history,
supervision results and batches. Public catalogue data only: no contact people, no certificates."""

from __future__ import annotations

from generator.model import Catalogue
from generator.opendata.table import Column, Table
from generator.render.labels import STATUS_LABELS, SUPERVISION_KINDS, SUPERVISION_OUTCOMES

ENTERPRISE_ID = Column("enterprise_id", "企业标识", required=True,
                       description="企业在本目录中的固定标识，也是企业详情页网址的最后一段")
ENTERPRISE_NAME = Column("enterprise_name", "企业名称", required=True)


def enterprises_table(catalogue: Catalogue) -> Table:
    table = Table("enterprises", "试点企业名录", "全部已公布的试点企业，包括暂停试点和已退出试点的企业。", (
        ENTERPRISE_ID, ENTERPRISE_NAME,
        Column("credit_code", "统一社会信用代码", required=True),
        Column("evaluation_code", "评价机构编码", required=True),
        Column("industry", "行业"),
        Column("reporting_unit", "推报单位"),
        Column("division_code", "行政区划代码",
               description="推报单位的 GB/T 2260 代码；长白山管委会和省直为空"),
        Column("batch", "批次号", "integer"),
        Column("listed_on", "列入目录日期", "date"),
        Column("status", "当前状态"),
        Column("status_code", "状态代码",
               description="active 试点中，suspended 暂停试点，withdrawn 已退出试点"),
        Column("status_since", "状态起始日期", "date"),
        Column("address", "地址"),
        Column("assessment_body", "实施鉴定机构"),
        Column("supervisory_body", "监管服务机构"),
    ), primary_key=("enterprise_id",))
    for e in catalogue.enterprises:
        table.rows.append((e.id, e.name, e.credit_code, e.evaluation_code, e.industry.name,
                           e.reporting_unit.name, e.reporting_unit.code or "", e.batch.number, e.listed_on,
                           STATUS_LABELS[e.status.status], e.status.status, e.status.date, e.address,
                           e.assessment_body, e.supervisory_body))
    return table


def scopes_table(catalogue: Catalogue) -> Table:
    table = Table("occupation-scopes", "职业（工种）和等级范围",
                  "每家试点企业可以认定的职业（工种）和等级。", (
        ENTERPRISE_ID, ENTERPRISE_NAME,
        Column("occupation_code", "职业代码", required=True,
               description="《中华人民共和国职业分类大典》代码"),
        Column("edition", "大典版本", "integer"),
        Column("occupation", "职业名称"),
        Column("work_type", "工种"),
        Column("entry_level", "起始等级"),
        Column("top_level", "最高等级"),
        Column("entry_level_code", "起始等级代码", "integer", "5 为五级/初级工，1 为一级/高级技师"),
        Column("top_level_code", "最高等级代码", "integer"),
        Column("methods", "评价方式", description="多种方式以“、”分隔"),
        Column("code_confirmed", "代码已核实", description="是：已与国家职业技能标准核对；否：待核实"),
    ), primary_key=("enterprise_id", "occupation_code", "work_type"))
    for e in catalogue.enterprises:
        for s in e.occupations:
            table.rows.append((e.id, e.name, s.occupation.code, s.occupation.edition, s.occupation.name,
                               s.work_type, s.level_from.label, s.level_to.label, s.level_from.code,
                               s.level_to.code, "、".join(m.name for m in s.methods),
                               "是" if s.occupation.confirmed else "否"))
    return table


def branches_table(catalogue: Catalogue) -> Table:
    table = Table("branches", "分（子）公司", "参加试点的分公司和子公司。", (
        ENTERPRISE_ID, ENTERPRISE_NAME,
        Column("branch_name", "分（子）公司名称", required=True),
        Column("address", "地址"),
        Column("note", "说明"),
    ), primary_key=("enterprise_id", "branch_name"))
    for e in catalogue.enterprises:
        for s in e.subsidiaries:
            table.rows.append((e.id, e.name, s.name, s.address, s.note))
    return table


def status_table(catalogue: Catalogue) -> Table:
    table = Table("status-history", "状态记录", "每家企业列入、暂停、恢复和退出试点的记录，按日期排列。", (
        ENTERPRISE_ID, ENTERPRISE_NAME,
        Column("sequence", "序号", "integer", "同一企业内从 1 起的顺序号", required=True),
        Column("date", "日期", "date"),
        Column("status", "状态"),
        Column("status_code", "状态代码"),
        Column("reason", "原因"),
        Column("document", "依据文件"),
    ), primary_key=("enterprise_id", "sequence"))
    for e in catalogue.enterprises:
        for n, event in enumerate(e.status_history, 1):
            table.rows.append((e.id, e.name, n, event.date, STATUS_LABELS[event.status], event.status,
                               event.reason, event.document))
    return table


def supervision_table(catalogue: Catalogue) -> Table:
    table = Table("supervision-results", "督导和抽查结果", "对试点企业的过程督导、随机抽查和投诉核查结果。", (
        ENTERPRISE_ID, ENTERPRISE_NAME,
        Column("sequence", "序号", "integer", "同一企业内从 1 起的顺序号", required=True),
        Column("date", "日期", "date"),
        Column("kind", "类型"),
        Column("kind_code", "类型代码", description="process 过程督导，random 随机抽查，complaint 投诉核查"),
        Column("outcome", "结果"),
        Column("outcome_code", "结果代码", description="pass 合格，rectify 限期整改，fail 不合格"),
        Column("summary", "情况说明"),
        Column("document", "文件"),
    ), primary_key=("enterprise_id", "sequence"))
    for e in catalogue.enterprises:
        for n, r in enumerate(e.supervision, 1):
            table.rows.append((e.id, e.name, n, r.date, SUPERVISION_KINDS[r.kind], r.kind,
                               SUPERVISION_OUTCOMES[r.outcome], r.outcome, r.summary, r.document))
    return table


def batches_table(catalogue: Catalogue) -> Table:
    table = Table("batches", "批次", "各批次试点企业目录的发布日期和文号。", (
        Column("batch", "批次号", "integer", required=True),
        Column("name", "批次名称"),
        Column("published_on", "发布日期", "date"),
        Column("document", "文号"),
        Column("enterprises", "企业数", "integer"),
        Column("note", "说明"),
    ), primary_key=("batch",))
    for number in sorted(catalogue.batches):
        b = catalogue.batches[number]
        members = sum(1 for e in catalogue.enterprises if e.batch.number == number)
        table.rows.append((b.number, b.name, b.published_on, b.document, members, b.note))
    return table


def catalogue_tables(catalogue: Catalogue) -> list[Table]:
    return [enterprises_table(catalogue), scopes_table(catalogue), branches_table(catalogue),
            status_table(catalogue), supervision_table(catalogue), batches_table(catalogue)]
