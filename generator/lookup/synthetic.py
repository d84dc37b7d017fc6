"""Synthetic certificates in memory, for the lookup's tests and benchmarks (never published).

Fast enough for 1,000,000 certificates: a small catalogue with a few enterprises, and names and ID
numbers drawn from a seeded generator.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from generator.codes import id_check_char
from generator.model import (
    Batch,
    Catalogue,
    Enterprise,
    Industry,
    Level,
    Method,
    Occupation,
    OccupationScope,
    ReportingUnit,
    RevocationReason,
    StatusEvent,
)

LEVELS = {c: Level(c, n, t) for c, n, t in [
    (5, "五级", "初级工"), (4, "四级", "中级工"), (3, "三级", "高级工"), (2, "二级", "技师"),
    (1, "一级", "高级技师")]}
OCCUPATIONS = {o.code: o for o in [
    Occupation("6-18-02-04", 2015, "焊工", True), Occupation("6-18-01-01", 2015, "车工", False),
    Occupation("6-12-02-00", 2015, "中药炮制工", False),
    Occupation("4-12-01-01", 2015, "汽车维修工", False)]}
REASONS = {1: RevocationReason(1, "以欺骗等不正当手段取得证书"),
           3: RevocationReason(3, "证书信息登记错误，已换发新证")}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红志建国文斌宇浩凯欣怡晨阳雪梅"
UYGHUR_GIVEN = ["阿依古丽", "买买提", "热依拉", "艾力", "古丽娜尔"]
UYGHUR_FAMILY = ["买买提", "吐尔逊", "阿不都", "艾合买提"]


def enterprise(number: int, occupations: tuple[str, ...]) -> Enterprise:
    unit = ReportingUnit("changchun", "长春市", "220100")
    batch = Batch(1, "第一批", dt.date(2019, 11, 15), "示例文件")
    listed = StatusEvent("active", dt.date(2019, 11, 15), "纳入试点", "示例文件")
    scopes = tuple(OccupationScope(OCCUPATIONS[c], "", LEVELS[5], LEVELS[2],
                                   (Method("assessment", "考核鉴定", ""),)) for c in occupations)
    return Enterprise(
        id=f"sample-enterprise-{number}", name=f"示例企业{number}号有限公司", credit_code="",
        evaluation_code=f"Y000022{number:06d}", industry=Industry("equipment", "装备制造", True),
        reporting_unit=unit, batch=batch, listed_on=listed.date, address="吉林省长春市示例路",
        assessment_body="", supervisory_body="", subsidiaries=(), contacts=(), occupations=scopes,
        status_history=(listed,), supervision=())


def catalogue(enterprises: int = 4) -> Catalogue:
    codes = list(OCCUPATIONS)
    return Catalogue(
        levels=LEVELS, reporting_units={}, industries={}, methods={}, occupations=OCCUPATIONS,
        revocation_reasons=REASONS, batches={},
        enterprises=[enterprise(100 + i, (codes[i % len(codes)], codes[(i + 1) % len(codes)]))
                     for i in range(enterprises)])


def id_number(rng: random.Random, issued: dt.date) -> str:
    birth = dt.date(issued.year - rng.randint(18, 55), rng.randint(1, 12), rng.randint(1, 28))
    first17 = f"2201{rng.randint(1, 99):02d}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + id_check_char(first17)


def name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return rng.choice(UYGHUR_GIVEN) + "·" + rng.choice(UYGHUR_FAMILY)
    if roll < 0.025:
        return rng.choice(SURNAMES) + "𠮷" + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def certificates(count: int, cat: Catalogue, seed: int = 7) -> Iterator:
    """`count` certificates spread over the catalogue's enterprises; about 2% revoked."""
    from generator.model import Certificate

    rng = random.Random(seed)
    serials: dict[tuple[str, int, int], int] = {}
    for _ in range(count):
        ent = rng.choice(cat.enterprises)
        scope = rng.choice(ent.occupations)
        level = rng.choice(scope.levels)
        issued = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))
        key = (ent.evaluation_code, issued.year, level)
        serials[key] = serials.get(key, 0) + 1
        number = f"{ent.evaluation_code}{issued.year % 100:02d}{level}{serials[key]:06d}"
        revoked = rng.random() < 0.02
        yield Certificate(
            number=number, holder_name=name(rng), id_number=id_number(rng, issued),
            occupation_code=scope.occupation.code, level=level, issued_on=issued, enterprise_id=ent.id,
            status="revoked" if revoked else "valid",
            revoked_on=issued + dt.timedelta(days=200) if revoked else None,
            revocation_reason=rng.choice(list(REASONS)) if revoked else None)
