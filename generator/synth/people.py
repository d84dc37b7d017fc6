"""Synthetic holders: plausible Chinese names and valid resident ID numbers.

Every function takes the `random.Random` to draw from, so that a seed fixes the output and two
generators never share state. The names are common-looking but made up; the ID numbers follow
GB 11643-1999 (Jilin division codes, real birth dates, the check character) and belong to nobody.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate

from generator.certificates.rules import id_check_char  # the fast form of codes.id_check_char

MIDDLE_DOT = "\u00b7"

# Common surnames, roughly most frequent first; the weights fall off along the list.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段"
    "雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤朴全常康温鲁葛庞尚聂岳柴")
_SURNAME_WEIGHTS = tuple(accumulate(1.0 / (10 + i) for i in range(len(_SURNAMES))))
_DOUBLE_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫",
    "慕容", "令狐", "尉迟", "公孙", "夏侯", "宇文",
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲建文亮宇飞波斌浩志红鑫鹰晶琳凯宁"
    "晓东春梅海燕雪峰林娇颖博旭阳俊杨婷欣怡佳欢思雨嘉琪晨昊然子轩梓涵一诺睿泽宏宪成德福禄寿喜庆"
    "国庆立新永胜长江振兴金山玉龙凤霞淑珍桂芝秀荣丽娟春华秋实冬青晓光红梅海波建国建军卫东向阳铁柱"
    "铭鸿岩松柏雷震云鹤清源晗瑶琦瑞祥泰安康乐怡然晴川")
# Uyghur and other names written in Chinese characters with a middle dot between the parts.
_DOT_FIRST = ("阿依古丽", "古丽娜尔", "热依拉", "帕提古丽", "米娜瓦尔", "阿迪力", "艾尔肯", "努尔兰",
              "迪丽拜尔", "吐尔逊", "阿布都", "麦尔丹", "巴哈尔古丽", "茹仙古丽")
_DOT_LAST = ("买买提", "吐尔逊", "艾力", "依明", "玉素甫", "卡德尔", "热合曼", "司马义", "托合提", "阿不都拉",
             "艾买提", "吾守尔")
# Characters outside the Basic Multilingual Plane that occur in given names.
_NON_BMP = ("\U00020bb7", "\U0002b5af", "\U0002c62d", "\U0002c029", "\U0002b7c5")

# Jilin division codes (GB/T 2260) used as registration places in ID numbers.
DIVISIONS = (
    "220102", "220103", "220104", "220105", "220106", "220112", "220113", "220122", "220182", "220183",
    "220184", "220202", "220203", "220204", "220211", "220221", "220281", "220282", "220283", "220284",
    "220302", "220303", "220322", "220323", "220382", "220402", "220403", "220421", "220422", "220502",
    "220503", "220521", "220523", "220524", "220581", "220582", "220602", "220605", "220621", "220622",
    "220623", "220681", "220702", "220721", "220722", "220723", "220781", "220802", "220821", "220822",
    "220881", "220882", "222401", "222402", "222403", "222404", "222405", "222406", "222424", "222426",
)

DOT_SHARE = 0.02
NON_BMP_SHARE = 0.005
DOUBLE_SURNAME_SHARE = 0.01


def surname(rng: random.Random) -> str:
    if rng.random() < DOUBLE_SURNAME_SHARE:
        return rng.choice(_DOUBLE_SURNAMES)
    return _SURNAMES[bisect(_SURNAME_WEIGHTS, rng.random() * _SURNAME_WEIGHTS[-1])]


def holder_name(rng: random.Random, *, dotted: bool | None = None, non_bmp: bool | None = None) -> str:
    """A made-up name: surname + one or two given characters, sometimes a dotted or non-BMP name."""
    roll = rng.random()
    if dotted or (dotted is None and roll < DOT_SHARE):
        return f"{rng.choice(_DOT_FIRST)}{MIDDLE_DOT}{rng.choice(_DOT_LAST)}"
    given = rng.choice(_GIVEN) if rng.random() < 0.3 else rng.choice(_GIVEN) + rng.choice(_GIVEN)
    if non_bmp or (non_bmp is None and DOT_SHARE <= roll < DOT_SHARE + NON_BMP_SHARE):
        given = given[:-1] + rng.choice(_NON_BMP)
    return surname(rng) + given


def id_number(rng: random.Random, birth: dt.date) -> str:
    """A valid 18-character ID number registered in Jilin for someone born on `birth`."""
    division = rng.choice(DIVISIONS)
    first17 = f"{division}{birth.year:04d}{birth.month:02d}{birth.day:02d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def birth_date(rng: random.Random, on: dt.date, *, youngest: int = 18, oldest: int = 58) -> dt.date:
    """A birth date that makes the holder between `youngest` and `oldest` years old on `on`."""
    earliest = dt.date(on.year - oldest - 1, on.month, min(on.day, 28)) + dt.timedelta(days=1)
    latest = dt.date(on.year - youngest, on.month, min(on.day, 28))
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))
