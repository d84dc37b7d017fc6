"""The rules one certificate record must follow, written out by hand for speed.

A catalogue may hold a million records, so each record is checked with plain comparisons on the
values of the fast YAML reader; the JSON Schema (`certificates.schema.json`) describes the same
fields for editors and documentation, and a test keeps the two in step. A rule returns
`(field parts, message, at_key)` tuples; the caller attaches the file's positions afterwards.
"""

from __future__ import annotations

import calendar
import datetime as dt
from operator import mul

from generator.certificates.names import name_problem
from generator.codes import CERTIFICATE_NUMBER, ID_NUMBER, id_birth_date, parse_date
from generator.inputs.identifiers import LABEL
from generator.inputs.refday import ReferenceDay
from generator.load.assemble import StandIns
from generator.lookup.code import ALPHABET, LENGTH, is_code
from generator.model import Catalogue, Enterprise

Finding = tuple[tuple[str | int, ...], str, bool]

REQUIRED = ("number", "name", "id_number", "occupation", "level", "issued", "query_code")
OPTIONAL = ("status", "revoked_on", "revocation_reason")
FIELDS = REQUIRED + OPTIONAL
_REQUIRED_SET = frozenset(REQUIRED)
_FIELD_SET = frozenset(FIELDS)
STATUSES = ("valid", "revoked")
MIN_AGE = 16
_NONE: list[Finding] = []
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_OFFSET = ord("0") * sum(_ID_WEIGHTS)


def id_check_char(first17: str) -> str:
    """`codes.id_check_char` for 17 ASCII digits, summed over bytes in one pass (a million calls)."""
    return "10X98765432"[(sum(map(mul, first17.encode("ascii"), _ID_WEIGHTS)) - _ID_OFFSET) % 11]


def label_end(label: str) -> dt.date | None:
    """Last day of the month an issuing batch label names (`2020-06` or `2020-06-2`), else None."""
    match = LABEL.match(label)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class RecordRules:
    """Checks the records of one certificate file, issued by one enterprise in one batch.

    Without the enterprise (its file has problems of its own, or the id is unknown) the records are
    checked for their form only: what depends on the enterprise is judged once it is known."""

    def __init__(self, catalogue: Catalogue, enterprise: Enterprise | None, label: str,
                 day: ReferenceDay | None = None) -> None:
        self.enterprise = enterprise
        self.day = day  # nothing may be dated after it
        self.prefix = enterprise.evaluation_code if enterprise else ""
        self.scopes = {s.occupation.code: s.levels for s in enterprise.occupations} if enterprise else None
        self.latest = label_end(label)
        self.label = label
        self.reasons = sorted(catalogue.revocation_reasons)
        self.reasons_known = not isinstance(catalogue.revocation_reasons, StandIns)  # else: file has problems
        self.levels = catalogue.levels
        self._dates: dict[str, tuple[dt.date | None, str | None]] = {}

    # -- issue date: parsed and judged once per distinct date in the file
    def _issued(self, text: str) -> tuple[dt.date | None, str | None]:
        known = self._dates.get(text)
        if known is not None:
            return known
        day = parse_date(text)
        message = None
        if day is None:
            message = f"{text!r} is not a real date (expected YYYY-MM-DD)"
        elif self.day is not None and self.day.after(day):
            message = self.day.future(day)
            day = None  # judging the number's year or the holder's age by this date would only repeat it
        elif self.latest is not None and day > self.latest:
            message = (f"{text} is after the issuing batch {self.label} "
                       f"(expected a date no later than {self.latest.isoformat()})")
        elif self.enterprise is not None:
            status = self.enterprise.status_on(day)
            if status is None:
                first = self.enterprise.status_history[0].date.isoformat()
                message = (f"the enterprise was not yet in the pilot on {text} "
                           f"(expected a date on or after {first})")
            elif status != "active":
                message = (f"the enterprise's status on {text} was {status} "
                           "(expected active: certificates are issued only while an enterprise is active)")
        self._dates[text] = (day, message)
        return day, message

    def check(self, record: object) -> list[Finding]:
        """Every problem of one record, as (parts, message, at_key); an empty list when it is valid."""
        if not isinstance(record, dict):
            return [((), "a certificate must be a mapping of fields "
                         "(expected {number: …, name: …, id_number: …, occupation: …, level: …, issued: …, "
                         "query_code: …})",
                     False)]
        keys = record.keys()
        out: list[Finding] = []
        if not (keys <= _FIELD_SET and keys >= _REQUIRED_SET):
            out.extend(self._structure(record))
        number, name, id_number = record.get("number"), record.get("name"), record.get("id_number")
        occupation, level, issued = record.get("occupation"), record.get("level"), record.get("issued")

        day = None
        if issued is not None:
            if isinstance(issued, str):
                day, message = self._issued(issued)
                if message:
                    out.append((("issued",), message, False))
            else:
                out.append((("issued",), "the issue date must be written YYYY-MM-DD (expected a date)",
                            False))
        level_ok = _is_int(level) and 1 <= level <= 5  # type: ignore[operator]
        if level is not None and not level_ok:
            shown = repr(level) if not isinstance(level, str) else f"{level!r}"
            out.append((("level",), f"{shown} is not a level code (expected an integer 1–5)", False))
        if number is not None:
            self._number(number, day, level if level_ok else None, out)
        if name is not None:
            message = name_problem(name) if isinstance(name, str) else (
                "the name must be text (expected the holder's name in Chinese characters)")
            if message:
                out.append((("name",), message, False))
        if id_number is not None:
            self._id_number(id_number, day, out)
        if occupation is not None:
            self._occupation(occupation, level if level_ok else None, out)
        code = record.get("query_code", "")
        if "query_code" in record and not is_code(code):
            out.append((("query_code",), f"{code!r} is not a verification code (expected {LENGTH} characters "
                        f"from {ALPHABET}, in quotes; `skills-site certificate codes` assigns them)", False))
        if "status" in record or "revoked_on" in record or "revocation_reason" in record:
            self._revocation(record, day, out)
        return out or _NONE

    def _structure(self, record: dict) -> list[Finding]:
        out: list[Finding] = []
        for key in record:
            if key not in _FIELD_SET:
                out.append(((str(key),), f"unknown field (expected one of {', '.join(FIELDS)})", True))
        missing = [k for k in REQUIRED if k not in record]
        if missing:
            out.append(((), f"{', '.join(missing)} missing (expected every one of {', '.join(REQUIRED)})",
                        False))
        return out

    def _number(self, number: object, day: dt.date | None, level: int | None, out: list[Finding]) -> None:
        if not isinstance(number, str) or not CERTIFICATE_NUMBER.match(number):
            out.append((("number",), "a certificate number is 22 characters "
                        "(expected a capital Y or S followed by 21 digits)", False))
            return
        if number[5:7] != "22":
            out.append((("number",), f"positions 6–7 are {number[5:7]} "
                        "(expected 22, the province code of Jilin)", False))
        elif not number.startswith(self.prefix):
            out.append((("number",), f"positions 1–13 are {number[:13]} "
                        f"(expected the issuing enterprise's evaluation code {self.prefix})", False))
        if day is not None and number[13:15] != f"{day.year % 100:02d}":
            out.append((("number",), f"positions 14–15 are {number[13:15]} "
                        f"(expected {day.year % 100:02d}, the issue year {day.year})", False))
        if level is not None and number[15] != str(level):
            out.append((("number",), f"position 16 is {number[15]} "
                        f"(expected {level}, the certificate's level)", False))

    def _id_number(self, id_number: object, day: dt.date | None, out: list[Finding]) -> None:
        parts = ("id_number",)
        if not isinstance(id_number, str):
            out.append((parts, "the ID number must be quoted text "
                        '(expected 18 characters in quotes, e.g. "11010519491231002X")', False))
            return
        if not ID_NUMBER.match(id_number):
            out.append((parts, "an ID number is 17 digits and a check character "
                        "(expected 18 characters, the last 0–9 or a capital X)", False))
            return
        want = id_check_char(id_number[:17])
        if id_number[17] != want:
            out.append((parts, f"the check character is {id_number[17]} "
                        f"(expected {want} by GB 11643-1999)", False))
            return
        birth = id_birth_date(id_number)
        if birth is None:
            out.append((parts, "positions 7–14 are not a real date of birth (expected YYYYMMDD)", False))
        elif day is not None and age_on(birth, day) < MIN_AGE:
            age = age_on(birth, day)
            shown = "not yet born" if age < 0 else f"{age} years old"
            out.append((parts, f"the holder was {shown} on the issue date {day.isoformat()} "
                        f"(expected at least {MIN_AGE})", False))

    def _occupation(self, occupation: object, level: int | None, out: list[Finding]) -> None:
        if self.scopes is None or self.enterprise is None:
            return
        levels = self.scopes.get(occupation) if isinstance(occupation, str) else None
        if levels is None:
            registered = ", ".join(self.scopes)
            out.append((("occupation",), f"{occupation} is not an occupation registered for "
                        f"{self.enterprise.id} (expected one of {registered})", False))
        elif level is not None and level not in levels:
            low, high = self.levels.get(levels[-1]), self.levels.get(levels[0])
            span = f"{low.label} to {high.label}" if low and high else f"{levels[-1]} to {levels[0]}"
            out.append((("level",), f"level {level} is outside the range registered for {occupation} "
                        f"(expected {span})", False))

    def _revocation(self, record: dict, day: dt.date | None, out: list[Finding]) -> None:
        status = record.get("status", "valid")
        if status not in STATUSES:
            out.append((("status",), f"{status!r} is not a status (expected valid or revoked)", False))
            return
        revoked_on, reason = record.get("revoked_on"), record.get("revocation_reason")
        codes = ", ".join(str(c) for c in self.reasons)
        if status == "valid":
            for key in ("revoked_on", "revocation_reason"):
                if key in record:
                    out.append(((key,), "only a revoked certificate has this field "
                                "(expected status: revoked, or no such field)", True))
            return
        if revoked_on is None:
            out.append(((), "a revoked certificate needs revoked_on "
                        "(expected the revocation date YYYY-MM-DD)", False))
        else:
            when = parse_date(revoked_on) if isinstance(revoked_on, str) else None
            if when is None:
                out.append((("revoked_on",), f"{revoked_on!r} is not a real date (expected YYYY-MM-DD)",
                            False))
            elif day is not None and when < day:
                out.append((("revoked_on",), f"{revoked_on} is before the issue date {day.isoformat()} "
                            "(expected on or after the issue date)", False))
            elif self.day is not None and self.day.after(when):
                out.append((("revoked_on",), self.day.future(when), False))
        listed = f": {codes}" if self.reasons_known else ""
        if reason is None:
            out.append(((), "a revoked certificate needs revocation_reason "
                        f"(expected a code from reference/revocation-reasons.yaml{listed})", False))
        elif not _is_int(reason) or (self.reasons_known and reason not in self.reasons):
            expected = f"one of {codes}" if self.reasons_known else "an integer code"
            out.append((("revocation_reason",), f"{reason!r} is not a revocation reason "
                        f"(expected {expected} from reference/revocation-reasons.yaml)", False))
