"""Each rule a certificate record must follow: one small invalid record per rule, exact message.

Every case writes a file with one valid record (line 7) and the invalid one (line 8); the column
is that of the anchor text in line 8, so each expectation reads `path:8:column: field: message`.
"""

from __future__ import annotations

import pytest

from tests.certificates.conftest import GOOD, certificate_text, with_code

R = "Y000022000901204000002"  # a valid number for a level-4 certificate issued in 2020
ID = '"220203198511114569"'
PATH = "catalogue/certificates/test-welding/2020-06.yaml"


def rec(number: str = R, name: str = "李娜", id_number: str = ID, occupation: str = "6-18-02-04",
        level: str = "4", issued: str = "2020-06-18", tail: str = "") -> str:
    return (f"{{number: {number}, name: {name}, id_number: {id_number}, occupation: {occupation}, "
            f"level: {level}, issued: {issued}{tail}}}")


CASES = [
    # (case, record, field, anchor in the line, message)
    ("number-length", rec(number="Y00002200090120400002"), "number", "Y00002200090120400002",
     "a certificate number is 22 characters (expected a capital Y or S followed by 21 digits)"),
    ("number-letter", rec(number="X000022000901204000002"), "number", "X000022",
     "a certificate number is 22 characters (expected a capital Y or S followed by 21 digits)"),
    ("number-province", rec(number="Y000023000901204000002"), "number", "Y000023",
     "positions 6–7 are 23 (expected 22, the province code of Jilin)"),
    ("number-evaluation-code", rec(number="Y000022000902204000002"), "number", "Y000022000902",
     "positions 1–13 are Y000022000902 (expected the issuing enterprise's evaluation code Y000022000901)"),
    ("number-year", rec(number="Y000022000901194000002"), "number", "Y000022000901194",
     "positions 14–15 are 19 (expected 20, the issue year 2020)"),
    ("number-level", rec(number="Y000022000901203000002"), "number", "Y000022000901203",
     "position 16 is 3 (expected 4, the certificate's level)"),
    ("id-check-character", rec(id_number='"220203198511114568"'), "id_number", '"2202031985',
     "the check character is 8 (expected 9 by GB 11643-1999)"),
    ("id-birth-date", rec(id_number='"220102199002301238"'), "id_number", '"220102199002',
     "positions 7–14 are not a real date of birth (expected YYYYMMDD)"),
    ("id-under-16", rec(id_number='"220102200501011230"'), "id_number", '"2201022005',
     "the holder was 15 years old on the issue date 2020-06-18 (expected at least 16)"),
    ("id-unquoted", rec(id_number="220203198511114569"), "id_number", "220203198511114569",
     'the ID number must be quoted text (expected 18 characters in quotes, e.g. "11010519491231002X")'),
    ("id-lower-x", rec(id_number='"11010519491231002x"'), "id_number", '"110105',
     "an ID number is 17 digits and a check character (expected 18 characters, the last 0–9 or a capital X)"),
    ("occupation-not-registered", rec(occupation="6-01-01-01"), "occupation", "6-01-01-01",
     "6-01-01-01 is not an occupation registered for test-welding (expected one of 6-18-02-04, 6-18-01-01)"),
    ("level-outside-range", rec(number="Y000022000901202000002", occupation="6-18-01-01", level="2"),
     "level", "2, issued",
     "level 2 is outside the range registered for 6-18-01-01 (expected 五级/初级工 to 三级/高级工)"),
    ("level-not-a-level", rec(level="6"), "level", "6, issued",
     "6 is not a level code (expected an integer 1–5)"),
    ("issued-not-a-date", rec(issued="2020-06-31"), "issued", "2020-06-31",
     "'2020-06-31' is not a real date (expected YYYY-MM-DD)"),
    ("issued-after-batch", rec(issued="2020-07-02"), "issued", "2020-07-02",
     "2020-07-02 is after the issuing batch 2020-06 (expected a date no later than 2020-06-30)"),
    ("issued-before-listing", rec(number="Y000022000901194000002", issued="2019-10-08"),
     "issued", "2019-10-08",
     "the enterprise was not yet in the pilot on 2019-10-08 (expected a date on or after 2019-11-15)"),
    ("status-unknown", rec(tail=", status: expired"), "status", "expired",
     "'expired' is not a status (expected valid or revoked)"),
    ("revoked-without-date", rec(tail=", status: revoked, revocation_reason: 1"), "", "{number: " + R,
     "a revoked certificate needs revoked_on (expected the revocation date YYYY-MM-DD)"),
    ("revoked-without-reason", rec(tail=", status: revoked, revoked_on: 2021-01-05"), "", "{number: " + R,
     "a revoked certificate needs revocation_reason "
     "(expected a code from reference/revocation-reasons.yaml: 1, 2, 3, 4)"),
    ("revoked-before-issue", rec(tail=", status: revoked, revoked_on: 2020-06-01, revocation_reason: 1"),
     "revoked_on", "2020-06-01",
     "2020-06-01 is before the issue date 2020-06-18 (expected on or after the issue date)"),
    ("revoked-unknown-reason", rec(tail=", status: revoked, revoked_on: 2021-01-05, revocation_reason: 9"),
     "revocation_reason", "9}",
     "9 is not a revocation reason (expected one of 1, 2, 3, 4 from reference/revocation-reasons.yaml)"),
    ("valid-with-revocation-date", rec(tail=", revoked_on: 2021-01-05"), "revoked_on", "revoked_on",
     "only a revoked certificate has this field (expected status: revoked, or no such field)"),
    ("unknown-field", rec(tail=", grade: 4"), "grade", "grade",
     "unknown field (expected one of number, name, id_number, occupation, level, issued, query_code, status, "
     "revoked_on, revocation_reason)"),
    ("missing-field", "{number: " + R + ", name: 李娜, occupation: 6-18-02-04, level: 4, issued: 2020-06-18}",
     "", "{number",
     "id_number missing (expected every one of number, name, id_number, occupation, level, issued, "
     "query_code)"),
    ("not-a-mapping", "Y000022000901204000002", "", "Y000022000901204000002",
     "a certificate must be a mapping of fields "
     "(expected {number: …, name: …, id_number: …, occupation: …, level: …, issued: …, query_code: …})"),
    ("code-lower-case", rec(tail=', query_code: "abcdefghjkmn"'), "query_code", '"abcdefghjkmn"',
     "'abcdefghjkmn' is not a verification code "
     "(expected 12 characters from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, "
     "in quotes; `skills-site certificate codes` assigns them)"),
    ("code-look-alike", rec(tail=', query_code: "ABCDEFGHJKM0"'), "query_code", '"ABCDEFGHJKM0"',
     "'ABCDEFGHJKM0' is not a verification code "
     "(expected 12 characters from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, "
     "in quotes; `skills-site certificate codes` assigns them)"),
    ("code-unquoted-number", rec(tail=", query_code: 234567892345"), "query_code", "234567892345",
     "234567892345 is not a verification code (expected 12 characters from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, "
     "in quotes; `skills-site certificate codes` assigns them)"),
    ("code-trailing-newline", rec(tail=', query_code: "ABCDEFGHJKMN\\n"'), "query_code", '"ABCDEFGHJKMN',
     "'ABCDEFGHJKMN\\n' is not a verification code (expected 12 characters from "
     "23456789ABCDEFGHJKLMNPQRSTUVWXYZ, in quotes; `skills-site certificate codes` assigns them)"),
    ("code-missing", rec(tail=", query_code: null"), "query_code", "null",
     "None is not a verification code (expected 12 characters from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, "
     "in quotes; `skills-site certificate codes` assigns them)"),
    ("name-empty", rec(name='""'), "name", '""',
     "the name is empty (expected the holder's name in Chinese characters)"),
    ("name-latin", rec(name="张A"), "name", "张A",
     "character 2 (U+0041 LATIN CAPITAL LETTER A) is not a Chinese character "
     "(expected Chinese characters, with U+00B7 · between the parts of a name)"),
    ("name-digit", rec(name="张3"), "name", "张3",
     "character 2 (U+0033 DIGIT THREE) is not a Chinese character "
     "(expected Chinese characters, with U+00B7 · between the parts of a name)"),
    ("name-lookalike-dot", rec(name="阿依古丽•买买提"), "name", "阿依古丽",
     "character 5 is the look-alike dot U+2022 BULLET (expected the canonical form: no spaces, "
     "middle dots written as U+00B7 ·)"),
    ("name-space", rec(name='"张 伟"'), "name", '"张 伟"',
     "character 2 is a space (expected the canonical form: no spaces, middle dots written as U+00B7 ·)"),
    ("name-full-width", rec(name="张Ａ"), "name", "张Ａ",
     "character 2 (U+FF21 FULLWIDTH LATIN CAPITAL LETTER A) is not in NFKC form "
     "(expected the canonical form, e.g. half-width letters, U+00B7 · for middle dots)"),
    ("name-too-long", rec(name="张" * 31), "name", "张张",
     "the name has 31 characters (expected at most 30)"),
    ("name-one-character", rec(name="张"), "name", "张,",
     "the name has 1 character (expected at least 2: surname and given name)"),
    ("name-leading-dot", rec(name="·买买提"), "name", "·买买提",
     "a middle dot must stand between two parts of the name "
     "(expected e.g. 阿依古丽·买买提: no leading, trailing or doubled dot)"),
]


@pytest.mark.parametrize(("record", "field", "anchor", "message"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_an_invalid_record_gets_its_exact_message(check, record, field, anchor, message):
    files, problems = check({"certificates/test-welding/2020-06.yaml": certificate_text(GOOD, record)})
    line = f"  - {with_code(record)}"
    column = line.index(anchor) + 1
    where = f"certificates[1].{field}" if field else "certificates[1]"
    assert [str(p) for p in problems] == [f"{PATH}:8:{column}: {where}: {message}"]
    assert files == []


def test_a_certificate_issued_while_suspended_is_refused(check):
    record = "{number: Y000022000901214000001, name: 李娜, id_number: " + ID + \
             ", occupation: 6-18-02-04, level: 4, issued: 2021-05-10}"
    _, problems = check({"certificates/test-welding/2021-05.yaml": certificate_text(record, label="2021-05")})
    column = f"  - {record}".index("2021-05-10") + 1
    assert [str(p) for p in problems] == [
        f"catalogue/certificates/test-welding/2021-05.yaml:7:{column}: certificates[0].issued: "
        "the enterprise's status on 2021-05-10 was suspended "
        "(expected active: certificates are issued only while an enterprise is active)"]


def test_valid_records_of_every_kind_pass(check):
    revoked = ('{number: Y000022000901205000001, name: 阿依古丽·买买提, id_number: "220102199001011239", '
               "occupation: 6-18-02-04, level: 5, issued: 2020-06-18, status: revoked, "
               "revoked_on: 2020-06-18, revocation_reason: 3}")
    non_bmp = ('{number: Y000022000901203000001, name: 王\U00020bb7, id_number: "220203198511114569", '
               "occupation: 6-18-01-01, level: 3, issued: 2020-06-18, status: valid}")
    text = certificate_text(GOOD, revoked, non_bmp)
    files, problems = check({"certificates/test-welding/2020-06.yaml": text})
    assert problems == []
    assert [(f.path, f.enterprise_id, f.label, f.sample, f.count) for f in files] == [
        ("certificates/test-welding/2020-06.yaml", "test-welding", "2020-06", True, 3)]
