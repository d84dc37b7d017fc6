"""The whole run: the sample catalogue passes and assembles; many faults are all reported at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.errors import CatalogueError, format_json
from generator.load.catalogue import check_catalogue, read_catalogue

from .conftest import HONGDA, SIPING, CatalogueFolder

ROOT = Path(__file__).resolve().parents[2]
H = "catalogue/" + HONGDA
S = "catalogue/" + SIPING


def test_sample_catalogue_passes() -> None:
    assert [str(p) for p in check_catalogue(ROOT / "catalogue", display_root=ROOT)] == []


def test_sample_catalogue_assembles() -> None:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    ids = [e.id for e in catalogue.enterprises]
    assert ids == sorted(ids)
    assert len(ids) == len(list((ROOT / "catalogue" / "enterprises").glob("*.yaml")))
    hongda = catalogue.enterprise("changchun-hongda-machinery")
    assert hongda.source_path == H
    assert hongda.reporting_unit.name == "长春市"
    assert hongda.batch.published_on == dt.date(2019, 11, 15)
    welding = hongda.occupations[0]
    assert (welding.occupation.name, welding.occupation.edition) == ("焊工", 2015)  # edition from reference
    assert (welding.level_from.label, welding.level_to.label, welding.levels) == ("五级/初级工", "二级/技师",
                                                                                  (2, 3, 4, 5))
    assert [m.name for m in welding.methods] == ["考核鉴定", "过程化考核"]
    assert hongda.status.status == "active"
    assert catalogue.levels[4].label == "四级/中级工"
    assert catalogue.reporting_units["changbaishan"].code is None


def test_edition_given_in_enterprise(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "  - code: 6-18-01-01", "  - code: 6-18-01-01\n    edition: 2015")
    model = read_catalogue(catalogue.path, display_root=catalogue.root)
    assert model.enterprise("changchun-hongda-machinery").occupations[1].occupation.edition == 2015


def test_history_and_supervision_assembled(catalogue: CatalogueFolder) -> None:
    siping = read_catalogue(catalogue.path, display_root=catalogue.root).enterprise(
        "siping-hengchuan-heat-exchanger")
    assert [(e.status, e.date) for e in siping.status_history] == [
        ("active", dt.date(2019, 11, 15)), ("suspended", dt.date(2020, 7, 10)),
        ("active", dt.date(2020, 12, 8))]
    assert siping.status_on(dt.date(2020, 8, 1)) == "suspended"
    assert [(s.date, s.kind, s.outcome) for s in siping.supervision] == [
        (dt.date(2020, 6, 30), "complaint", "fail"), (dt.date(2020, 11, 25), "process", "pass")]


TEN_FAULTS = [
    (HONGDA, "contacts:", "contact:"),
    (HONGDA, "reporting_unit: changchun", "reporting_unit: 220100"),
    (HONGDA, "credit_code: 91220101MA14X2K7LG", "credit_code: 91220101MA14X2K7LH"),
    (HONGDA, "    levels: {from: 5, to: 3}", "    levels: {from: 5, to: 6}"),
    (HONGDA, "    methods: [assessment]", "    methods: [assesment]"),
    (HONGDA, "  - date: 2020-06-18", "  - date: 2020-02-30"),
    (SIPING, "name: 四平恒川换热设备有限公司", "name: 长春宏达重型机械股份有限公司"),
    (SIPING, "evaluation_code: Y000022000104", "evaluation_code: Y00002200104"),
    (SIPING, "  - status: active\n    date: 2020-12-08", "  - status: suspended\n    date: 2020-12-08"),
    ("reference/industries.yaml", "  - {id: energy, name: 能源电力, priority: false}",
     "  - {id: energy, name: 能源电力, priority: false, note: 新增}"),
]
TEN_MESSAGES = [
    f"{H}:6:14: credit_code: '91220101MA14X2K7LH' ends in check character H "
    "(expected G, computed from the first 17 characters)",
    f'{H}:9:17: reporting_unit: got an integer 220100 (expected a string; put it in quotes: "220100")',
    f"{H}:19:1: contact: unknown key (expected one of: id, name, summary, credit_code, evaluation_code, "
    "industry, reporting_unit, batch, listed_on, address, assessment_body, supervisory_body, subsidiaries, "
    "contacts, occupations, status_history, supervision; did you mean 'contacts'?)",
    f"{H}:29:27: occupations[1].levels.to: 6 is not a level (expected 1–5)",
    f"{H}:30:15: occupations[1].methods[0]: 'assesment' is not an evaluation method "
    "(expected an id from catalogue/reference/methods.yaml; did you mean 'assessment'?)",
    f"{H}:41:11: supervision[0].date: '2020-02-30' is not a real date "
    "(expected YYYY-MM-DD, a day of the calendar)",
    f"{S}:4:7: name: '长春宏达重型机械股份有限公司' is already used by {H}:4:7 (expected a unique name)",
    f"{S}:7:18: evaluation_code: 'Y00002200104' does not have the expected form "
    "(expected Y000022 followed by 6 digits, e.g. Y000022000101)",
    f"{S}:40:13: status_history[2].status: 'suspended' repeats the previous entry "
    "(expected a change of status)",
    "catalogue/reference/industries.yaml:8:47: industries[4].note: unknown key "
    "(expected one of: id, name, priority)",
]


def test_ten_faults_ten_messages(catalogue: CatalogueFolder) -> None:
    for relative, old, new in TEN_FAULTS:
        catalogue.edit(relative, old, new)
    assert catalogue.messages() == TEN_MESSAGES


def test_read_catalogue_raises_with_every_problem(catalogue: CatalogueFolder) -> None:
    for relative, old, new in TEN_FAULTS:
        catalogue.edit(relative, old, new)
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(catalogue.path, display_root=catalogue.root)
    assert [str(p) for p in caught.value.problems] == TEN_MESSAGES


def test_json_report(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "batch: 1", "batch: 2")
    report = json.loads(format_json(check_catalogue(catalogue.path, display_root=catalogue.root)))
    assert report == [{
        "path": H, "line": 10, "column": 8, "field": "batch",
        "message": "2 is not a batch (expected a number from catalogue/batches.yaml: 1)",
    }]


CERTIFICATES = "certificates/changchun-hongda-machinery/2020-04.yaml"
CERTIFICATE_FILE = """\
# yaml-language-server: $schema=../../schemas/certificates.schema.json
# 示例数据：姓名、身份证号码、证书编号、查询码均为程序合成，不对应任何真实人员。
enterprise: changchun-hongda-machinery
label: 2020-04
sample: true
certificates:
  - {number: Y000022000101202000001, name: 韦吉, id_number: "220104198807307934", occupation: 6-18-02-04, \
level: 2, issued: 2020-04-21, query_code: "ABCDEFGHJKMN"}
"""


def test_certificate_files_in_the_same_run(catalogue: CatalogueFolder) -> None:
    catalogue.write(CERTIFICATES, CERTIFICATE_FILE)
    model = read_catalogue(catalogue.path, display_root=catalogue.root)
    assert [(f.path, f.enterprise_id, f.label, f.count) for f in model.certificate_files] == [
        ("certificates/changchun-hongda-machinery/2020-04.yaml", "changchun-hongda-machinery", "2020-04", 1)]
    catalogue.write(CERTIFICATES, CERTIFICATE_FILE.replace("label: 2020-04", "labl: 2020-04"))
    catalogue.edit(SIPING, "batch: 1", "batch: 3")
    messages = catalogue.messages()
    assert messages[-1] == (f"{S}:10:8: batch: 3 is not a batch "
                            "(expected a number from catalogue/batches.yaml: 1)")
    assert len(messages) >= 2  # the certificate file's own messages, worded by the certificate checks
    assert {m.split(":")[0] for m in messages[:-1]} == {"catalogue/" + CERTIFICATES}


def test_certificates_of_a_faulty_enterprise_wait(catalogue: CatalogueFolder) -> None:
    """Certificates of an enterprise whose own file has a problem are checked once that file is
    fixed; the run reports the enterprise's problem, not a flood of follow-on messages."""
    catalogue.write(CERTIFICATES, CERTIFICATE_FILE)
    catalogue.edit(HONGDA, "batch: 1", "batch: 3")
    assert catalogue.messages() == [
        f"{H}:10:8: batch: 3 is not a batch (expected a number from catalogue/batches.yaml: 1)",
    ]
