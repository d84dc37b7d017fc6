"""The catalogue as typed objects. Templates and index builders see these, never raw YAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Level:
    code: int  # 5 = 五级/初级工 (lowest) … 1 = 一级/高级技师 (highest)
    name: str  # 四级
    title: str  # 中级工

    @property
    def label(self) -> str:
        return f"{self.name}/{self.title}"


@dataclass(frozen=True)
class ReportingUnit:
    id: str
    name: str
    code: str | None  # GB/T 2260 division code, None for units without one
    note: str = ""


@dataclass(frozen=True)
class Industry:
    id: str
    name: str
    priority: bool


@dataclass(frozen=True)
class Method:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Occupation:
    code: str  # D-MM-SS-XX
    edition: int  # 职业分类大典 edition year
    name: str
    confirmed: bool  # False: the code is likely but not yet checked against a national standard
    note: str = ""


@dataclass(frozen=True)
class RevocationReason:
    code: int
    text: str


@dataclass(frozen=True)
class Batch:
    number: int
    name: str  # 第一批
    published_on: dt.date
    document: str
    note: str = ""


@dataclass(frozen=True)
class Subsidiary:
    name: str
    address: str
    note: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str
    email: str = ""


@dataclass(frozen=True)
class OccupationScope:
    occupation: Occupation
    work_type: str  # 工种, may be empty
    level_from: Level  # entry level (larger code)
    level_to: Level  # top level (smaller code)
    methods: tuple[Method, ...]

    @property
    def levels(self) -> tuple[int, ...]:
        """Level codes covered, highest level first: e.g. (3, 4, 5)."""
        return tuple(range(self.level_to.code, self.level_from.code + 1))


@dataclass(frozen=True)
class StatusEvent:
    status: str  # active | suspended | withdrawn
    date: dt.date
    reason: str
    document: str


@dataclass(frozen=True)
class SupervisionResult:
    date: dt.date
    kind: str  # process | random | complaint
    outcome: str  # pass | rectify | fail
    summary: str
    document: str = ""


@dataclass(frozen=True)
class Enterprise:
    id: str
    name: str
    credit_code: str
    evaluation_code: str
    industry: Industry
    reporting_unit: ReportingUnit
    batch: Batch
    listed_on: dt.date
    address: str
    assessment_body: str  # 实施鉴定机构
    supervisory_body: str  # 监管服务机构
    subsidiaries: tuple[Subsidiary, ...]
    contacts: tuple[Contact, ...]
    occupations: tuple[OccupationScope, ...]
    status_history: tuple[StatusEvent, ...]
    supervision: tuple[SupervisionResult, ...]
    summary: str = ""
    source_path: str = ""

    @property
    def status(self) -> StatusEvent:
        return self.status_history[-1]

    def status_on(self, day: dt.date) -> str | None:
        """Status in force on `day`, or None before the first entry."""
        current = None
        for event in self.status_history:
            if event.date <= day:
                current = event.status
        return current


@dataclass(frozen=True)
class Certificate:
    number: str  # 22 characters, FACTS.md
    holder_name: str
    id_number: str
    occupation_code: str
    level: int
    issued_on: dt.date
    enterprise_id: str
    status: str = "valid"  # valid | revoked
    revoked_on: dt.date | None = None
    revocation_reason: int | None = None  # RevocationReason.code
    query_code: str = ""  # verification code (查询码) printed on the certificate, generator.lookup.code


@dataclass(frozen=True)
class CertificateFile:
    """One published file of certificates: one enterprise, one issuing batch."""

    path: str
    enterprise_id: str
    label: str
    sample: bool
    count: int


@dataclass
class Catalogue:
    levels: dict[int, Level]
    reporting_units: dict[str, ReportingUnit]
    industries: dict[str, Industry]
    methods: dict[str, Method]
    occupations: dict[str, Occupation]
    revocation_reasons: dict[int, RevocationReason]
    batches: dict[int, Batch]
    enterprises: list[Enterprise]  # sorted by id
    certificate_files: list[CertificateFile] = field(default_factory=list)

    def enterprise(self, enterprise_id: str) -> Enterprise:
        for e in self.enterprises:
            if e.id == enterprise_id:
                return e
        raise KeyError(enterprise_id)
