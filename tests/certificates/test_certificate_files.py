"""Rules for whole certificate files: where they live, their own keys, numbers across files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.certificates import iter_certificates
from generator.model import Certificate
from tests.certificates.conftest import GOOD, HEADER, certificate_text, code_for

P = "catalogue/certificates/test-welding/2020-06.yaml"
OTHER = ('{number: Y000022000901204000002, name: 李娜, id_number: "220203198511114569", '
         "occupation: 6-18-02-04, level: 4, issued: 2020-06-18}")

FILE_CASES = [
    ("enterprise-not-folder", certificate_text(GOOD, enterprise="other-firm"), f"{P}:3:13: enterprise: "
     "other-firm does not match the folder name test-welding "
     "(expected the file to be in certificates/other-firm/)"),
    ("label-not-file-name", certificate_text(GOOD, label="2020-05"), f"{P}:4:8: label: "
     "2020-05 does not match the file name 2020-06.yaml (expected 2020-06)"),
    ("label-layout", certificate_text(GOOD, label="June"), f"{P}:4:8: label: 'June' is not an issuing "
     "batch label (expected YYYY-MM, optionally followed by -2, -3 … for a further file that month)"),
    ("sample-not-boolean", certificate_text(GOOD).replace("sample: true", "sample: yes"),
     f"{P}:5:9: sample: sample must be true or false (expected true for synthetic sample data)"),
    ("no-certificates", certificate_text().replace("certificates:\n", "certificates: []\n"),
     f"{P}:6:15: certificates: certificates must be a non-empty list "
     "(expected one line per certificate, starting with '- ')"),
    ("unknown-key", certificate_text(GOOD).replace("sample: true", "sample: true\nbatch: 3"),
     f"{P}:6:1: batch: unknown field (expected one of enterprise, label, sample, certificates)"),
    ("missing-key", certificate_text(GOOD).replace("sample: true\n", ""),
     f"{P}:3:1: sample missing (expected every one of enterprise, label, sample, certificates)"),
    ("schema-line", certificate_text(GOOD).replace(HEADER.splitlines()[0], "# certificates"),
     f"{P}:1:1: the first line must be "
     "'# yaml-language-server: $schema=../../schemas/certificates.schema.json' "
     "(expected the schema reference that editors use)"),
    ("not-a-mapping", HEADER + "- 1\n", f"{P}:3:1: a certificate file must be a mapping "
     "(expected the keys enterprise, label, sample, certificates)"),
    ("malformed-yaml", certificate_text(GOOD).replace("level: 4,", "level: [4,"),
     f"{P}:7:112: malformed YAML: the '[' here is never closed (expected ']' before line 7, column 162)"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_an_invalid_file_gets_its_exact_message(check, text, message):
    files, problems = check({"certificates/test-welding/2020-06.yaml": text})
    assert [str(p) for p in problems] == [message]
    assert files == []


def test_an_unknown_enterprise_is_reported(check):
    text = certificate_text(GOOD, enterprise="ghost-firm")
    _, problems = check({"certificates/ghost-firm/2020-06.yaml": text})
    assert [str(p) for p in problems] == [
        "catalogue/certificates/ghost-firm/2020-06.yaml:3:13: enterprise: ghost-firm is not an enterprise "
        "of the catalogue (expected the id of a file in enterprises/)"]


@pytest.mark.parametrize("relative", ["certificates/2020-06.yaml", "certificates/test-welding/2020-06.yml",
                                      "certificates/test-welding/old/2020-06.yaml"])
def test_a_file_outside_the_layout_is_reported(check, relative):
    _, problems = check({relative: certificate_text(GOOD)})
    assert [str(p) for p in problems] == [
        f"catalogue/{relative}:0:0: not a certificate file "
        "(expected certificates/<enterprise-id>/<label>.yaml)"]


def test_a_number_used_twice_is_reported_at_both_places(check):
    again = GOOD.replace("张伟", "王芳")
    files, problems = check({
        "certificates/test-welding/2020-06.yaml": certificate_text(GOOD, OTHER),
        "certificates/test-welding/2020-06-2.yaml": certificate_text(again, label="2020-06-2"),
    })
    column = f"  - {GOOD}".index("Y0000") + 1
    assert [str(p) for p in sorted(problems)] == [
        f"catalogue/certificates/test-welding/2020-06-2.yaml:7:{column}: certificates[0].number: "
        f"the same number is also at {P}:7:{column} "
        "(expected each certificate number once in the whole catalogue)",
        f"{P}:7:{column}: certificates[0].number: the same number is also at "
        f"catalogue/certificates/test-welding/2020-06-2.yaml:7:{column} "
        "(expected each certificate number once in the whole catalogue)",
    ]
    assert files == []


def test_a_file_with_a_problem_is_not_published_but_the_others_are(check):
    bad = OTHER.replace("level: 4", "level: 9").replace("2020-06-18", "2020-05-18")
    files, problems = check({
        "certificates/test-welding/2020-06.yaml": certificate_text(GOOD),
        "certificates/test-welding/2020-05.yaml": certificate_text(bad, label="2020-05"),
    })
    assert len(problems) == 1
    assert [f.path for f in files] == ["certificates/test-welding/2020-06.yaml"]


def test_many_files_are_checked_in_parallel_with_the_same_result(check):
    files = {}
    for month in range(1, 13):
        for index, part in enumerate(("", "-2", "-3")):
            label = f"2020-{month:02d}{part}"
            serial = month * 10 + index
            record = GOOD.replace("204000001", f"204{serial:06d}")
            record = record.replace("2020-06-18", f"2020-{month:02d}-18")
            files[f"certificates/test-welding/{label}.yaml"] = certificate_text(record, label=label)
    files["certificates/test-welding/2020-12-3.yaml"] = files["certificates/test-welding/2020-12-3.yaml"] \
        .replace("level: 4", "level: 7")
    checked, problems = check(files)
    assert len(checked) == 35
    assert [p.field for p in problems] == ["certificates[0].level"]


def test_a_verification_code_used_twice_is_reported_at_both_places(check):
    code = 'query_code: "ABCDEFGHJKMN"'
    first = GOOD.replace("}", f", {code}}}")
    second = OTHER.replace("}", f", {code}}}")
    files, problems = check({"certificates/test-welding/2020-06.yaml": certificate_text(first, second)})
    column = f"  - {first}".index('"ABCDEFGHJKMN"') + 1
    assert [str(p) for p in sorted(problems)] == [
        f"{P}:7:{column}: certificates[0].query_code: the same verification code is also at {P}:8:{column} "
        "(expected every certificate to have a code of its own: a code is never reused)",
        f"{P}:8:{column}: certificates[1].query_code: the same verification code is also at {P}:7:{column} "
        "(expected every certificate to have a code of its own: a code is never reused)",
    ]
    assert files == []


def test_a_missing_or_malformed_verification_code_is_reported(check):
    missing = GOOD.replace("issued: 2020-06-18", "issued: 2020-06-18, query_code: null")
    bad = OTHER.replace("}", ', query_code: "ABCDEFGHJKM0"}')
    _files, problems = check({"certificates/test-welding/2020-06.yaml": certificate_text(missing, bad)})
    assert [(p.line, p.field, p.message) for p in problems] == [
        (7, "certificates[0].query_code", "None is not a verification code (expected 12 characters from "
         "23456789ABCDEFGHJKLMNPQRSTUVWXYZ, in quotes; `skills-site certificate codes` assigns them)"),
        (8, "certificates[1].query_code", "'ABCDEFGHJKM0' is not a verification code (expected 12 characters "
         "from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, in quotes; `skills-site certificate codes` assigns them)")]


def test_iter_certificates_yields_model_objects(check, catalogue_dir: Path):
    revoked = OTHER.replace("}", ", status: revoked, revoked_on: 2021-02-03, revocation_reason: 2}")
    files, problems = check({"certificates/test-welding/2020-06.yaml": certificate_text(GOOD, revoked)})
    assert problems == []
    assert list(iter_certificates(catalogue_dir, files[0])) == [
        Certificate("Y000022000901204000001", "张伟", "220102199001011239", "6-18-02-04", 4,
                    dt.date(2020, 6, 18), "test-welding", query_code=code_for(GOOD)),
        Certificate("Y000022000901204000002", "李娜", "220203198511114569", "6-18-02-04", 4,
                    dt.date(2020, 6, 18), "test-welding", "revoked", dt.date(2021, 2, 3), 2,
                    query_code=code_for(revoked)),
    ]


def test_a_file_in_another_yaml_layout_gives_the_same_certificates(check, catalogue_dir: Path):
    canonical = certificate_text(GOOD, OTHER)
    block = canonical.replace(f"  - {OTHER}\n", "  - number: Y000022000901204000002  # 补录\n"
                              "    name: 李娜\n    id_number: '220203198511114569'\n"
                              "    occupation: 6-18-02-04\n    level: 4\n    issued: 2020-06-18\n")
    files, problems = check({"certificates/test-welding/2020-06.yaml": canonical})
    expected = list(iter_certificates(catalogue_dir, files[0]))
    files, problems = check({"certificates/test-welding/2020-06.yaml": block})
    assert problems == []
    assert list(iter_certificates(catalogue_dir, files[0])) == expected
