"""Rules across fields and files: each case changes line(s) of a valid catalogue and expects the
exact messages."""

from __future__ import annotations

import pytest

from .conftest import HONGDA, SIPING, CatalogueFolder

H = "catalogue/" + HONGDA
S = "catalogue/" + SIPING
LEVEL_1 = "  - {code: 1, name: 一级, title: 高级技师}"
JILIN = '  - {id: jilin, name: 吉林市, code: "220200"}'
MILLING = "  - {code: 6-18-01-02, edition: 2015, name: 铣工, confirmed: false}"

CASES = [
    # uniqueness across enterprises
    pytest.param(SIPING, "id: siping-hengchuan-heat-exchanger", "id: changchun-hongda-machinery", [
        f"{S}:3:5: id: 'changchun-hongda-machinery' differs from the file name "
        "siping-hengchuan-heat-exchanger.yaml "
        "(expected the file to be named changchun-hongda-machinery.yaml)",
        f"{S}:3:5: id: 'changchun-hongda-machinery' is already used by {H}:3:5 (expected a unique id)",
    ], id="unique-id"),
    pytest.param(SIPING, "name: 四平恒川换热设备有限公司", "name: 长春宏达重型机械股份有限公司", [
        f"{S}:4:7: name: '长春宏达重型机械股份有限公司' is already used by {H}:4:7 (expected a unique name)",
    ], id="unique-name"),
    pytest.param(SIPING, "credit_code: 91220302MA0XRT6U12", "credit_code: 91220101MA14X2K7LG", [
        f"{S}:6:14: credit_code: '91220101MA14X2K7LG' is already used by {H}:6:14 "
        "(expected a unique credit_code)",
    ], id="unique-credit-code"),
    pytest.param(SIPING, "evaluation_code: Y000022000104", "evaluation_code: Y000022000101", [
        f"{S}:7:18: evaluation_code: 'Y000022000101' is already used by {H}:7:18 "
        "(expected a unique evaluation_code)",
    ], id="unique-evaluation-code"),
    # codes
    pytest.param(HONGDA, "credit_code: 91220101MA14X2K7LG", "credit_code: 91220101MA14X2K7L0", [
        f"{H}:6:14: credit_code: '91220101MA14X2K7L0' ends in check character 0 "
        "(expected G, computed from the first 17 characters)",
    ], id="credit-code-check-character"),
    # references into the reference data
    pytest.param(HONGDA, "industry: equipment", "industry: equipement", [
        f"{H}:8:11: industry: 'equipement' is not an industry "
        "(expected an id from catalogue/reference/industries.yaml; did you mean 'equipment'?)",
    ], id="unknown-industry"),
    pytest.param(HONGDA, "reporting_unit: changchun", "reporting_unit: changchung", [
        f"{H}:9:17: reporting_unit: 'changchung' is not a reporting unit "
        "(expected an id from catalogue/reference/reporting-units.yaml; did you mean 'changchun'?)",
    ], id="unknown-reporting-unit"),
    pytest.param(HONGDA, "batch: 1", "batch: 2", [
        f"{H}:10:8: batch: 2 is not a batch (expected a number from catalogue/batches.yaml: 1)",
    ], id="unknown-batch"),
    pytest.param(HONGDA, "  - code: 6-18-01-01", "  - code: 6-18-01-09", [
        f"{H}:28:11: occupations[1].code: '6-18-01-09' is not in the reference data "
        "(expected a code from catalogue/reference/occupations.yaml; did you mean '6-18-01-07'?)",
    ], id="unknown-occupation"),
    pytest.param(HONGDA, "  - code: 6-18-01-01", "  - code: 6-18-01-01\n    edition: 2022", [
        f"{H}:29:14: occupations[1].edition: 2022 differs from the reference data "
        "(expected 2015, the edition of 6-18-01-01 in catalogue/reference/occupations.yaml)",
    ], id="occupation-edition"),
    pytest.param(HONGDA, "    methods: [combined, competition]", "    methods: [combined, contest]", [
        f"{H}:34:25: occupations[2].methods[1]: 'contest' is not an evaluation method "
        "(expected an id from catalogue/reference/methods.yaml)",
    ], id="unknown-method"),
    pytest.param(HONGDA, "  - code: 6-18-01-01", "  - code: 6-18-02-04", [
        f"{H}:28:11: occupations[1].code: '6-18-02-04' is listed again with the same work type as "
        "occupations[0] (expected each occupation and work type once)",
    ], id="occupation-twice"),
    # level ranges
    pytest.param(HONGDA, "    levels: {from: 5, to: 3}", "    levels: {from: 5, to: 6}", [
        f"{H}:29:27: occupations[1].levels.to: 6 is not a level (expected 1–5)",
    ], id="level-to-outside"),
    pytest.param(HONGDA, "    levels: {from: 5, to: 3}", "    levels: {from: 0, to: 3}", [
        f"{H}:29:20: occupations[1].levels.from: 0 is not a level (expected 1–5)",
    ], id="level-from-outside"),
    pytest.param(HONGDA, "    levels: {from: 5, to: 3}", "    levels: {from: 3, to: 4}", [
        f"{H}:29:13: occupations[1].levels: from 3 is smaller than to 4 (expected from ≥ to: from is the "
        "entry level, to the highest level, e.g. {from: 5, to: 3})",
    ], id="level-range-reversed"),
    # dates
    pytest.param(HONGDA, "listed_on: 2019-11-15", "listed_on: 2019-11-31", [
        f"{H}:11:12: listed_on: '2019-11-31' is not a real date (expected YYYY-MM-DD, a day of the calendar)",
    ], id="date-not-a-day"),
    pytest.param(HONGDA, "    date: 2019-11-15", "    date: 2019-11-15T10:00", [
        f"{H}:37:11: status_history[0].date: '2019-11-15T10:00' is not a real date "
        "(expected YYYY-MM-DD, a day of the calendar)",
    ], id="date-with-time"),
    pytest.param(HONGDA, "  - date: 2020-06-18", "  - date: 2020/06/18", [
        f"{H}:41:11: supervision[0].date: '2020/06/18' is not a real date "
        "(expected YYYY-MM-DD, a day of the calendar)",
    ], id="date-slashes"),
    pytest.param("batches.yaml", "    published_on: 2019-11-15", "    published_on: 2019-11-35", [
        "catalogue/batches.yaml:6:19: batches[0].published_on: '2019-11-35' is not a real date "
        "(expected YYYY-MM-DD, a day of the calendar)",
    ], id="batch-date"),
    # status history
    pytest.param(HONGDA, "  - status: active", "  - status: suspended", [
        f"{H}:36:13: status_history[0].status: 'suspended' cannot start the history "
        "(expected active: the first entry records the listing)",
    ], id="history-starts-active"),
    pytest.param(SIPING, "    date: 2020-07-10", "    date: 2019-07-10", [
        f"{S}:37:11: status_history[1].date: 2019-07-10 is not after the previous entry's 2019-11-15 "
        "(expected entries in date order, each later than the one before)",
    ], id="history-order"),
    pytest.param(SIPING, "  - status: active\n    date: 2020-12-08",
                 "  - status: suspended\n    date: 2020-12-08", [
        f"{S}:40:13: status_history[2].status: 'suspended' repeats the previous entry "
        "(expected a change of status)",
    ], id="history-repeat"),
    pytest.param(HONGDA, "listed_on: 2019-11-15", "listed_on: 2019-11-20", [
        f"{H}:11:12: listed_on: 2019-11-20 differs from status_history[0].date 2019-11-15 "
        "(expected the date of the first active entry)",
    ], id="listed-on-first-active"),
    # supervision
    pytest.param(SIPING, "  - date: 2020-06-30", "  - date: 2019-06-30", [
        f"{S}:45:11: supervision[0].date: 2019-06-30 is before listed_on 2019-11-15 "
        "(expected on or after the listing)",
    ], id="supervision-before-listing"),
    pytest.param(SIPING, "  - date: 2020-11-25", "  - date: 2020-05-25", [
        f"{S}:50:11: supervision[1].date: 2020-05-25 is before the previous entry's 2020-06-30 "
        "(expected entries in date order)",
    ], id="supervision-order"),
    # reference data
    pytest.param("reference/reporting-units.yaml", JILIN, JILIN.replace("jilin", "changchun"), [
        "catalogue/reference/reporting-units.yaml:5:10: reporting_units[1].id: 'changchun' is already used "
        "at line 4 (expected each id once)",
    ], id="reference-unique-id"),
    pytest.param("reference/reporting-units.yaml", JILIN, JILIN.replace("220200", "220100"), [
        "catalogue/reference/reporting-units.yaml:5:34: reporting_units[1].code: '220100' is already used "
        "at line 4 (expected each code once)",
    ], id="reference-unique-code"),
    pytest.param("reference/occupations.yaml", MILLING, MILLING.replace("6-18-01-02", "6-18-01-01"), [
        "catalogue/reference/occupations.yaml:7:12: occupations[2].code: '6-18-01-01' is already used "
        "at line 6 (expected each code once)",
    ], id="reference-unique-occupation"),
    pytest.param("reference/levels.yaml", LEVEL_1, "", [
        "catalogue/reference/levels.yaml:4:3: levels: level code 1 is missing "
        "(expected the codes 1 to 5, one entry each)",
    ], id="reference-levels-complete"),
    pytest.param("batches.yaml", "  - number: 1", "  - number: 1\n    name: 第二批", [
        "catalogue/batches.yaml:6:5: duplicate key 'name' (expected each key once per mapping)",
    ], id="batches-duplicate-key"),
]


@pytest.mark.parametrize(("relative", "old", "new", "expected"), CASES)
def test_rule_message(catalogue: CatalogueFolder, relative: str, old: str, new: str,
                      expected: list[str]) -> None:
    catalogue.edit(relative, old, new)
    assert catalogue.messages() == expected


def test_listed_before_batch_published(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "listed_on: 2019-11-15", "listed_on: 2019-11-01")
    catalogue.edit(HONGDA, "    date: 2019-11-15", "    date: 2019-11-01")
    assert catalogue.messages() == [
        f"{H}:11:12: listed_on: 2019-11-01 is before batch 1 was published on 2019-11-15 "
        "(expected on or after the batch's published_on)",
    ]


def test_method_missing_from_reference(catalogue: CatalogueFolder) -> None:
    """A reference entry renamed to a duplicate: both the duplicate and the lost id are reported."""
    catalogue.edit("reference/methods.yaml", "  - id: combined", "  - id: assessment")
    assert catalogue.messages() == [
        f"{H}:34:15: occupations[2].methods[0]: 'combined' is not an evaluation method "
        "(expected an id from catalogue/reference/methods.yaml)",
        "catalogue/reference/methods.yaml:7:9: methods[1].id: 'assessment' is already used at line 4 "
        "(expected each id once)",
    ]
