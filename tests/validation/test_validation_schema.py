"""Schema problems: each case changes one line of a valid catalogue and expects exactly one message."""

from __future__ import annotations

import pytest

from .conftest import HONGDA, SIPING, CatalogueFolder

E = "catalogue/" + HONGDA
KEYS = ("id, name, summary, credit_code, evaluation_code, industry, reporting_unit, batch, listed_on, "
        "address, assessment_body, supervisory_body, subsidiaries, contacts, occupations, status_history, "
        "supervision")

CASES = [
    pytest.param(HONGDA, "contacts:", "contact:",
                 f"{E}:19:1: contact: unknown key (expected one of: {KEYS}; did you mean 'contacts'?)",
                 id="unknown-key-typo"),
    pytest.param(HONGDA, "evaluation_code: Y000022000101",
                 "website: www.example.cn\nevaluation_code: Y000022000101",
                 f"{E}:7:1: website: unknown key (expected one of: {KEYS})",
                 id="unknown-key"),
    pytest.param(HONGDA, "    role: 人力资源部", "    rol: 人力资源部",
                 f"{E}:21:5: contacts[0].rol: unknown key (expected one of: name, role, phone, email; "
                 "did you mean 'role'?)",
                 id="unknown-nested-key"),
    pytest.param(HONGDA, "reporting_unit: changchun", "reporting_unit: 220100",
                 f"{E}:9:17: reporting_unit: got an integer 220100 "
                 '(expected a string; put it in quotes: "220100")',
                 id="wrong-type-integer"),
    pytest.param(HONGDA, "batch: 1", 'batch: "1"',
                 f"{E}:10:8: batch: got a string '1' (expected an integer; write it without quotes: 1)",
                 id="wrong-type-quoted-number"),
    pytest.param(HONGDA, "    methods: [assessment]", "    methods: assessment",
                 f"{E}:30:14: occupations[1].methods: got a string 'assessment' (expected a list)",
                 id="wrong-type-list"),
    pytest.param(HONGDA, "address: 吉林省长春市绿园区示例工业路 88 号", "address:",
                 f"{E}:12:9: address: got null (expected a string)",
                 id="empty-value"),
    pytest.param(HONGDA, "  - status: active", "  - status: activ",
                 f"{E}:36:13: status_history[0].status: 'activ' is not allowed "
                 "(expected one of: active, suspended, withdrawn; did you mean 'active'?)",
                 id="enum"),
    pytest.param(HONGDA, "    kind: process", "    kind: inspection",
                 f"{E}:42:11: supervision[0].kind: 'inspection' is not allowed "
                 "(expected one of: process, random, complaint)",
                 id="enum-no-suggestion"),
    pytest.param(HONGDA, "evaluation_code: Y000022000101", "evaluation_code: Y00002200101",
                 f"{E}:7:18: evaluation_code: 'Y00002200101' does not have the expected form "
                 "(expected Y000022 followed by 6 digits, e.g. Y000022000101)",
                 id="evaluation-code-shape"),
    pytest.param(HONGDA, "evaluation_code: Y000022000101", "evaluation_code: S000022000101",
                 f"{E}:7:18: evaluation_code: 'S000022000101' does not have the expected form "
                 "(expected Y000022 followed by 6 digits, e.g. Y000022000101)",
                 id="evaluation-code-type-letter"),
    pytest.param(HONGDA, "credit_code: 91220101MA14X2K7LG", "credit_code: 91220101MA14X2K7L",
                 f"{E}:6:14: credit_code: '91220101MA14X2K7L' does not have the expected form "
                 "(expected 18 characters from 0-9 and A-Z without I, O, S, V, Z)",
                 id="credit-code-shape"),
    pytest.param(HONGDA, "id: changchun-hongda-machinery", "id: Changchun_Hongda",
                 f"{E}:3:5: id: 'Changchun_Hongda' does not have the expected form "
                 "(expected lower-case letters, digits and hyphens, e.g. changchun-hongda-machinery)",
                 id="id-shape"),
    pytest.param(HONGDA, "  - code: 6-18-01-01", "  - code: 618-01-01",
                 f"{E}:28:11: occupations[1].code: '618-01-01' does not have the expected form "
                 "(expected an occupation code D-DD-DD-DD, e.g. 6-18-02-04)",
                 id="occupation-code-shape"),
    pytest.param(HONGDA, "batch: 1", "batch: 0",
                 f"{E}:10:8: batch: 0 is too small (expected at least 1)",
                 id="minimum"),
    pytest.param(HONGDA, "    methods: [assessment]", "    methods: []",
                 f"{E}:30:14: occupations[1].methods: the list is empty (expected at least 1)",
                 id="min-items"),
    pytest.param(HONGDA, "    methods: [assessment, process]", "    methods: [assessment, assessment]",
                 f"{E}:27:27: occupations[0].methods[1]: 'assessment' is listed twice "
                 "(expected each item once)",
                 id="unique-items"),
    pytest.param(HONGDA, "    phone: 0431-80000101", "",
                 f"{E}:20:5: contacts[0].phone: required key is missing (expected it in this mapping)",
                 id="required-nested"),
    pytest.param(SIPING, "name: 四平恒川换热设备有限公司", "",
                 f"catalogue/{SIPING}:3:1: name: required key is missing (expected it in this mapping)",
                 id="required-top"),
    pytest.param(HONGDA, "    reason: 经专家实地考察和评估，纳入第一批试点企业目录", "    reason: 好",
                 f"{E}:38:13: status_history[0].reason: '好' is too short (expected at least 2 characters)",
                 id="min-length"),
    pytest.param("reference/reporting-units.yaml", '  - {id: siping, name: 四平市, code: "220300"}',
                 "  - {id: siping, name: 四平市, code: 220300}",
                 "catalogue/reference/reporting-units.yaml:6:35: reporting_units[2].code: "
                 'got an integer 220300 (expected a string or null; put it in quotes: "220300")',
                 id="reference-wrong-type"),
    pytest.param("reference/industries.yaml", "  - {id: energy, name: 能源电力, priority: false}",
                 "  - {id: energy, name: 能源电力, priority: no}",
                 "catalogue/reference/industries.yaml:8:40: industries[4].priority: "
                 "got a string 'no' (expected true or false)",
                 id="reference-boolean"),
    pytest.param("batches.yaml", "    document: 吉人社函字〔2019〕210号（示例）",
                 "    documents: 吉人社函字〔2019〕210号（示例）",
                 "catalogue/batches.yaml:7:5: batches[0].documents: unknown key "
                 "(expected one of: number, name, published_on, document, note; did you mean 'document'?)",
                 id="batches-unknown-key"),
]


@pytest.mark.parametrize(("relative", "old", "new", "expected"), CASES)
def test_schema_message(catalogue: CatalogueFolder, relative: str, old: str, new: str, expected: str) -> None:
    catalogue.edit(relative, old, new)
    assert catalogue.messages() == [expected]


def test_top_level_list(catalogue: CatalogueFolder) -> None:
    catalogue.write(HONGDA, "# yaml-language-server: $schema=../schemas/enterprise.schema.json\n"
                            "- id: changchun-hongda-machinery\n- name: 长春宏达\n")
    assert catalogue.messages() == [f"{E}:2:1: got a list (expected a mapping)"]


def test_top_level_text(catalogue: CatalogueFolder) -> None:
    catalogue.write("reference/levels.yaml", "# yaml-language-server: $schema=../schemas/levels.schema.json\n"
                                             "just some words\n")
    assert catalogue.messages() == [
        "catalogue/reference/levels.yaml:2:1: got a string 'just some words' (expected a mapping)",
    ]
