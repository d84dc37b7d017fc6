"""A small catalogue built in code: three enterprises (one in the pilot, one suspended, one
withdrawn) over two batches, enough to exercise every part of the rendered pages."""

from __future__ import annotations

import datetime as dt

from generator.model import (
    Batch,
    Catalogue,
    Contact,
    Enterprise,
    Industry,
    Level,
    Method,
    Occupation,
    OccupationScope,
    ReportingUnit,
    StatusEvent,
    Subsidiary,
    SupervisionResult,
)

D = dt.date.fromisoformat

LEVELS = {
    c: Level(c, n, t)
    for c, n, t in [
        (5, "五级", "初级工"),
        (4, "四级", "中级工"),
        (3, "三级", "高级工"),
        (2, "二级", "技师"),
        (1, "一级", "高级技师"),
    ]
}
UNITS = {
    u.id: u
    for u in [
        ReportingUnit("changchun", "长春市", "220100"),
        ReportingUnit("jilin", "吉林市", "220200"),
        ReportingUnit("yanbian", "延边朝鲜族自治州", "222400"),
        ReportingUnit("provincial", "省直（省属及以上企业）", None),
    ]
}
INDUSTRIES = {
    i.id: i
    for i in [
        Industry("equipment", "装备制造", True),
        Industry("agrifood", "农产品加工", True),
        Industry("pharmchem", "医药化工", True),
    ]
}
METHODS = {
    m.id: m
    for m in [
        Method("assessment", "考核鉴定", ""),
        Method("combined", "考评结合", ""),
        Method("process", "过程化考核", ""),
        Method("competition", "竞赛选拔", ""),
    ]
}
OCCUPATIONS = {
    o.code: o
    for o in [
        Occupation("6-18-02-04", 2015, "焊工", True),
        Occupation("6-18-01-01", 2015, "车工", False),
        Occupation("6-01-01-01", 2015, "制米工", False),
        Occupation("6-12-02-00", 2015, "中药炮制工", False),
    ]
}
BATCHES = {
    1: Batch(1, "第一批", D("2019-11-15"), "吉人社函字〔2019〕210号（示例）"),
    2: Batch(2, "第二批", D("2020-09-01"), "吉人社函字〔2020〕88号（示例）"),
}


def scope(code: str, start: int, top: int, *methods: str, work_type: str = "") -> OccupationScope:
    return OccupationScope(
        OCCUPATIONS[code], work_type, LEVELS[start], LEVELS[top], tuple(METHODS[m] for m in methods)
    )


def build_catalogue() -> Catalogue:
    listed = StatusEvent(
        "active", D("2019-11-15"), "经专家评估，纳入第一批试点企业目录", "吉人社函字〔2019〕210号（示例）"
    )
    machinery = Enterprise(
        id="changchun-test-machinery",
        name="长春测试机械有限公司",
        credit_code="91220101MA14X2K7LG",
        evaluation_code="Y000022000101",
        industry=INDUSTRIES["equipment"],
        reporting_unit=UNITS["changchun"],
        batch=BATCHES[1],
        listed_on=D("2019-11-15"),
        address="吉林省长春市绿园区示例路 1 号",
        assessment_body="长春测试机械有限公司技能评价中心",
        supervisory_body="长春市人力资源和社会保障局",
        subsidiaries=(
            Subsidiary("长春测试机械有限公司铸造分公司", "吉林省长春市绿园区示例路 3 号", "焊工在此评价"),
        ),
        contacts=(Contact("王示例", "人力资源部", "0431-80000101", "skills@test.example.cn"),),
        occupations=(
            scope("6-18-02-04", 5, 2, "assessment", "process"),
            scope("6-18-01-01", 5, 3, "assessment", work_type="数控车削"),
        ),
        status_history=(listed,),
        supervision=(SupervisionResult(D("2020-06-18"), "process", "pass", "焊工四级考核过程规范。"),),
        summary="重型机械制造企业。",
    )
    rice = Enterprise(
        id="jilin-test-rice",
        name="吉林测试米业有限公司",
        credit_code="91220201MA0Y7TQ52B",
        evaluation_code="Y000022000102",
        industry=INDUSTRIES["agrifood"],
        reporting_unit=UNITS["jilin"],
        batch=BATCHES[1],
        listed_on=D("2019-11-15"),
        address="吉林省吉林市船营区示例街 2 号",
        assessment_body="吉林测试米业有限公司",
        supervisory_body="吉林市人力资源和社会保障局",
        subsidiaries=(),
        contacts=(Contact("李示例", "培训科", "0432-80000102"),),
        occupations=(scope("6-01-01-01", 5, 4, "combined"),),
        status_history=(
            listed,
            StatusEvent(
                "suspended",
                D("2021-03-10"),
                "随机抽查发现考核记录不全，限期整改",
                "吉人社函字〔2021〕15号（示例）",
            ),
        ),
        supervision=(
            SupervisionResult(D("2021-03-01"), "random", "rectify", "考核记录不全。", "督导通报（示例）"),
        ),
    )
    pharma = Enterprise(
        id="yanbian-test-pharma",
        name="延边测试药业股份有限公司",
        credit_code="91222400MA0Y8PLX1C",
        evaluation_code="Y000022000201",
        industry=INDUSTRIES["pharmchem"],
        reporting_unit=UNITS["yanbian"],
        batch=BATCHES[2],
        listed_on=D("2020-09-01"),
        address="吉林省延吉市示例大街 5 号",
        assessment_body="延边测试药业股份有限公司",
        supervisory_body="延边朝鲜族自治州人力资源和社会保障局",
        subsidiaries=(Subsidiary("敦化测试中药饮片有限公司", "吉林省敦化市示例路 9 号"),),
        contacts=(
            Contact("朴示例", "技能鉴定办公室", "0433-80000201", "hr@pharma.example.cn"),
            Contact("金示例", "质量部", "0433-80000202"),
        ),
        occupations=(scope("6-12-02-00", 4, 3, "assessment", "competition"),),
        status_history=(
            StatusEvent(
                "active", D("2020-09-01"), "纳入第二批试点企业目录", "吉人社函字〔2020〕88号（示例）"
            ),
            StatusEvent("withdrawn", D("2022-05-20"), "企业申请退出试点", "吉人社函字〔2022〕40号（示例）"),
        ),
        supervision=(),
    )
    return Catalogue(
        levels=LEVELS,
        reporting_units=UNITS,
        industries=INDUSTRIES,
        methods=METHODS,
        occupations=OCCUPATIONS,
        revocation_reasons={},
        batches=BATCHES,
        enterprises=[machinery, rice, pharma],
    )
