"""Chinese wording for the catalogue's coded values, and the formats the pages use for them."""

from __future__ import annotations

import datetime as dt

from generator.model import Enterprise, Level, OccupationScope

STATUS_LABELS = {
    "active": "试点中",
    "suspended": "暂停试点",
    "withdrawn": "已退出试点",
}
STATUS_ORDER = ("active", "suspended", "withdrawn")

SUPERVISION_KINDS = {
    "process": "过程督导",
    "random": "随机抽查",
    "complaint": "投诉核查",
}

SUPERVISION_OUTCOMES = {
    "pass": "合格",
    "rectify": "限期整改",
    "fail": "不合格",
}


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


def chinese_date(day: dt.date) -> str:
    """2019-11-15 → 2019年11月15日, the form used in the province's documents."""
    return f"{day.year}年{day.month}月{day.day}日"


def level_range(scope: OccupationScope) -> str:
    """五级/初级工–三级/高级工; a single level when the range has one step."""
    if scope.level_from.code == scope.level_to.code:
        return scope.level_from.label
    return f"{scope.level_from.label}–{scope.level_to.label}"


def short_level_range(scope: OccupationScope) -> str:
    """五级–三级, for narrow table cells."""
    if scope.level_from.code == scope.level_to.code:
        return scope.level_from.name
    return f"{scope.level_from.name}–{scope.level_to.name}"


def level_label(level: Level) -> str:
    return level.label


def occupation_title(scope: OccupationScope) -> str:
    """Occupation name with the work type (工种) when there is one: 装配钳工（重型设备装配）."""
    name = scope.occupation.name
    return f"{name}（{scope.work_type}）" if scope.work_type else name


def is_listed(enterprise: Enterprise) -> bool:
    """True while the enterprise is in the pilot (neither suspended nor withdrawn)."""
    return enterprise.status.status == "active"


def tel_uri(phone: str) -> str:
    """A phone number as written in the catalogue (0431-80000101, 13800000110) as a tel: URI in
    international form (tel:+86-431-80000101), which phones dial from anywhere."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("+"):
        return "tel:+" + digits
    if digits.startswith("0"):
        area_length = 3 if digits[1] in "12" else 4  # 010, 021…029 have 3 digits; others 4
        return f"tel:+86-{digits[1:area_length]}-{digits[area_length:]}"
    return f"tel:+86-{digits}"
