"""Synthetic certificates in memory, for the lookup's tests and benchmarks (never published).

Fast enough for 1,000,000 certificates: a small catalogue with a few enterprises, and names and ID
numbers drawn from a seeded generator.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from generator.lookup.code import ALPHABET, LENGTH
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
from generator.synth.people import birth_date, holder_name, id_number

LEVELS = {c: Level(c, n, t) for c, n, t in [
    (5, "五级", "初级工"), (4, "四级", "中级工"), (3, "三级", "高级工"), (2, "二级", "技师"),
    (1, "一级", "高级技师")]}
OCCUPATIONS = {o.code: o for o in [
    Occupation("6-18-02-04", 2015, "焊工", True), Occupation("6-18-01-01", 2015, "车工", False),
    Occupation("6-12-02-00", 2015, "中药炮制工", False),
    Occupation("4-12-01-01", 2015, "汽车维修工", False)]}
REASONS = {1: RevocationReason(1, "以欺骗等不正当手段取得证书"),
           3: RevocationReason(3, "证书信息登记错误，已换发新证")}


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
            number=number, holder_name=holder_name(rng),
            id_number=id_number(rng, birth_date(rng, issued)),
            occupation_code=scope.occupation.code, level=level, issued_on=issued, enterprise_id=ent.id,
            status="revoked" if revoked else "valid",
            revoked_on=issued + dt.timedelta(days=200) if revoked else None,
            revocation_reason=rng.choice(list(REASONS)) if revoked else None,
            query_code="".join(rng.choices(ALPHABET, k=LENGTH)))  # seeded: synthetic data only
