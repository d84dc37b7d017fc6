"""Synthetic pilot enterprises and batches, written as YAML text like the hand-written files.

Each enterprise gets a unique name, a valid unified social credit code, a unique evaluation code,
one to four registered occupations with level ranges and methods, and a status history in which
a few enterprises are suspended (some reinstated) or withdrawn.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from generator.codes import CREDIT_ALPHABET, credit_check_char

_DIGITS = "零一二三四五六七八九"
# (reporting unit id, name used in addresses, division code for the credit code)
UNITS = (
    ("changchun", "长春市", "220100"), ("jilin", "吉林市", "220200"), ("siping", "四平市", "220300"),
    ("liaoyuan", "辽源市", "220400"), ("tonghua", "通化市", "220500"), ("baishan", "白山市", "220600"),
    ("songyuan", "松原市", "220700"), ("baicheng", "白城市", "220800"), ("yanbian", "延吉市", "222401"),
    ("meihekou", "梅河口市", "220581"), ("gongzhuling", "公主岭市", "220184"),
    ("changbaishan", "长白山保护开发区", "220600"), ("provincial", "长春市", "220100"),
)
_BRANDS = (
    "宏远", "恒达", "金泰", "华鼎", "瑞丰", "盛源", "天成", "永新", "鑫隆", "博远",
    "安信", "德润", "长盛", "北方", "松江", "白山", "东阳", "兴业", "嘉禾", "正大",
    "汇通", "中科", "吉祥", "万通", "信达", "启航", "凯瑞", "华润", "森茂", "昌隆",
    "广源", "新元", "利民", "丰泽", "泰和", "通达", "明德", "远航", "和顺", "东升",
)
# industry id → (kinds of business, occupation codes this industry registers)
_INDUSTRIES = {
    "equipment": (("重型机械", "装备制造", "精密机床", "数控设备", "焊接结构"),
                  ("6-18-02-04", "6-18-01-01", "6-18-01-02", "6-18-01-04", "6-18-01-07", "6-20-01-01",
                   "6-20-01-02", "6-31-01-02")),
    "agrifood": (("粮油", "米业", "玉米加工", "食品"),
                 ("6-01-01-01", "6-01-01-02", "6-01-01-03", "6-31-01-03")),
    "pharmchem": (("药业", "制药", "化工", "精细化工"),
                  ("6-11-01-03", "6-12-01-00", "6-12-02-00", "6-12-03-00", "6-31-01-02")),
    "automotive-service": (("汽车服务", "汽车维修"), ("4-12-01-01", "6-31-01-03", "6-18-02-04")),
    "energy": (("电力设备", "热电"), ("6-31-01-03", "6-31-01-02", "6-18-02-04")),
}
_FORMS = ("有限公司", "股份有限公司", "集团有限公司")
_METHODS = ("assessment", "combined", "process", "competition")


@dataclass(frozen=True)
class SynthBatch:
    number: int
    published_on: dt.date


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99)."""
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return head + (_DIGITS[ones] if ones or not tens else "")


def batches(count: int) -> list[SynthBatch]:
    """Batches published twice a year from November 2019."""
    out = []
    for i in range(count):
        year, half = divmod(i + 1, 2)
        out.append(SynthBatch(i + 1, dt.date(2019 + year, 5 if half == 0 else 11, 15)))
    return out


def batches_text(items: list[SynthBatch]) -> str:
    lines = ["# yaml-language-server: $schema=schemas/batches.schema.json\n",
             "# 示例数据：批次的发布日期和文号为程序合成，仅用于演示和性能测试。\n", "batches:\n"]
    for b in items:
        lines.append(f"  - number: {b.number}\n    name: 第{chinese_number(b.number)}批\n"
                     f"    published_on: {b.published_on.isoformat()}\n"
                     f"    document: 吉人社函字〔{b.published_on.year}〕{100 + b.number}号（示例）\n")
    return "".join(lines)


@dataclass(frozen=True)
class SynthEnterprise:
    id: str
    evaluation_code: str
    scopes: tuple[tuple[str, tuple[int, ...]], ...]
    history: tuple[tuple[dt.date, str], ...]
    text: str


def _credit_code(rng: random.Random, division: str) -> str:
    body = "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    first17 = f"91{division}{body}"
    return first17 + credit_check_char(first17)


def _history(rng: random.Random, listed: dt.date, end: dt.date) -> list[tuple[dt.date, str, str]]:
    events = [(listed, "active", "经专家实地考察和评估，纳入试点企业目录")]
    roll = rng.random()
    span = (end - listed).days
    if span > 400 and roll < 0.06:
        suspended = listed + dt.timedelta(days=rng.randint(200, span - 100))
        events.append((suspended, "suspended", "督导发现考核过程不规范，暂停认定并限期整改"))
        if roll < 0.03:
            back = suspended + dt.timedelta(days=rng.randint(30, min(300, (end - suspended).days)))
            events.append((back, "active", "整改到位，经复核恢复认定"))
    elif span > 400 and roll < 0.09:
        withdrawn = listed + dt.timedelta(days=rng.randint(300, span - 30))
        events.append((withdrawn, "withdrawn", "企业申请退出试点"))
    return events


def enterprise(index: int, rng: random.Random, batch: SynthBatch, end: dt.date,
               taken: set[str]) -> SynthEnterprise:
    """One synthetic enterprise (its YAML text and what the certificate generator needs)."""
    unit, city, division = rng.choice(UNITS)
    industry = rng.choice(tuple(_INDUSTRIES))
    kinds, codes = _INDUSTRIES[industry]
    while True:
        name = f"吉林{rng.choice(_BRANDS)}{rng.choice(_BRANDS)}{rng.choice(kinds)}{rng.choice(_FORMS)}"
        if name not in taken:
            taken.add(name)
            break
    ident = f"{unit}-e{index:04d}"
    listed = batch.published_on + dt.timedelta(days=rng.randint(0, 20))
    scopes = []
    occupation_lines = []
    for code in rng.sample(codes, rng.randint(1, min(4, len(codes)))):
        low = rng.choice((5, 5, 4))
        high = rng.randint(max(1, low - 3), low - 1)
        methods = ", ".join(rng.sample(_METHODS, rng.randint(1, 2)))
        scopes.append((code, tuple(range(high, low + 1))))
        occupation_lines.append(f"  - code: {code}\n    levels: {{from: {low}, to: {high}}}\n"
                                f"    methods: [{methods}]\n")
    events = _history(rng, listed, end)
    history_lines = [f"  - status: {status}\n    date: {day.isoformat()}\n    reason: {reason}\n"
                     f"    document: 吉人社函字〔{day.year}〕{rng.randint(200, 999)}号（示例）\n"
                     for day, status, reason in events]
    street = rng.randint(1, 999)
    text = (
        "# yaml-language-server: $schema=../schemas/enterprise.schema.json\n"
        "# 示例数据：本企业及其人员、电话、代码均为程序合成，仅用于演示和性能测试。\n"
        f"id: {ident}\nname: {name}\n"
        f"credit_code: {_credit_code(rng, division)}\nevaluation_code: Y000022{index:06d}\n"
        f"industry: {industry}\nreporting_unit: {unit}\nbatch: {batch.number}\n"
        f"listed_on: {listed.isoformat()}\naddress: 吉林省{city}示例产业园 {street} 号\n"
        f"assessment_body: {name}技能人才评价中心\nsupervisory_body: {city}人力资源和社会保障局\n"
        "contacts:\n  - name: 李示例\n    role: 人力资源部\n"
        f"    phone: 0431-8{index:07d}\n"
        f"occupations:\n{''.join(occupation_lines)}"
        f"status_history:\n{''.join(history_lines)}"
    )
    return SynthEnterprise(ident, f"Y000022{index:06d}", tuple(scopes),
                           tuple((day, status) for day, status, _ in events), text)
