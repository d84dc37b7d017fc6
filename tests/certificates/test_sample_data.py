"""The committed sample certificates: valid, reproducible from their seed, and covering every case
the lookup must handle (revoked certificates, dotted names, characters outside the BMP)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from generator.certificates import iter_certificates
from generator.certificates.check import TOP_KEYS
from generator.certificates.names import canonical_name
from generator.certificates.rules import FIELDS, REQUIRED
from generator.load.catalogue import read_with_problems
from generator.synth import write_sample_certificates

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "catalogue"
SCHEMA = json.loads((CATALOGUE / "schemas" / "certificates.schema.json").read_text(encoding="utf-8"))
SAMPLE_COMMENT = "# 示例数据：姓名、身份证号码、证书编号、查询码均为程序合成，不对应任何真实人员。"


def test_the_sample_certificates_pass_every_rule():
    catalogue, problems = read_with_problems(CATALOGUE, display_root=ROOT)
    assert catalogue is not None
    assert [str(p) for p in problems if p.path.startswith("catalogue/certificates/")] == []
    files = sorted((CATALOGUE / "certificates").glob("*/*.yaml"))
    assert len(catalogue.certificate_files) == len(files) > 0


def test_the_sample_covers_revoked_dotted_and_non_bmp_names():
    catalogue, _ = read_with_problems(CATALOGUE, display_root=ROOT)
    assert catalogue is not None
    certificates = [c for f in catalogue.certificate_files for c in iter_certificates(CATALOGUE, f)]
    assert 2000 <= len(certificates) <= 6000
    assert sum(c.status == "revoked" for c in certificates) >= 10
    assert sum("·" in c.holder_name for c in certificates) >= 10
    assert sum(any(ord(ch) > 0xFFFF for ch in c.holder_name) for c in certificates) >= 10
    assert all(canonical_name(c.holder_name) == c.holder_name for c in certificates)
    assert {c.enterprise_id for c in certificates} == {e.id for e in catalogue.enterprises}


def test_every_sample_file_is_marked_as_sample_data():
    for path in sorted((CATALOGUE / "certificates").glob("*/*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[1] == SAMPLE_COMMENT, path
        assert "sample: true" in lines, path


def test_the_sample_is_what_the_generator_writes(tmp_path: Path):
    copy = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, copy)
    write_sample_certificates(copy, seed=2019)
    ours = {p.relative_to(copy).as_posix(): p.read_bytes() for p in (copy / "certificates").rglob("*.yaml")}
    committed = {p.relative_to(CATALOGUE).as_posix(): p.read_bytes()
                 for p in (CATALOGUE / "certificates").rglob("*.yaml")}
    hint = "regenerate with generator.synth.write_sample_certificates(Path('catalogue'))"
    assert ours.keys() == committed.keys(), hint
    assert ours == committed, hint


def test_the_schema_and_the_fast_rules_name_the_same_fields():
    record = SCHEMA["$defs"]["certificate"]
    assert tuple(record["properties"]) == FIELDS
    assert tuple(record["required"]) == REQUIRED
    assert tuple(SCHEMA["properties"]) == TOP_KEYS == tuple(SCHEMA["required"])
    assert all(spec.get("description") for spec in record["properties"].values())
    assert all(spec.get("description") for spec in SCHEMA["properties"].values())


def test_the_sample_files_are_valid_against_the_schema():
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for path in sorted((CATALOGUE / "certificates").glob("*/*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string
        for record in data["certificates"]:
            record["level"] = int(record["level"])
            if "revocation_reason" in record:
                record["revocation_reason"] = int(record["revocation_reason"])
        data["sample"] = data["sample"] == "true"
        assert list(validator.iter_errors(data)) == [], path


def test_the_schema_refuses_what_the_fast_rules_refuse():
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    good = {"number": "Y000022000901204000001", "name": "张伟", "id_number": "220102199001011239",
            "occupation": "6-18-02-04", "level": 4, "issued": "2020-06-18", "query_code": "ABCDEFGHJKMN"}
    document = {"enterprise": "test-welding", "label": "2020-06", "sample": True, "certificates": [good]}
    assert list(validator.iter_errors(document)) == []
    for change in ({"number": "Y00002200090120400001"}, {"id_number": "11010519491231002x"}, {"level": 6},
                   {"grade": 4}, {"revoked_on": "2021-01-01"}, {"status": "revoked"}, {"status": "lost"},
                   {"issued": "2020-06-31"}, {"name": "张"}, {"query_code": "ABCDEFGHJKM0"},
                   {"query_code": "ABCDEFGHJKMN\n"}, {"query_code": "abcdefghjkmn"}):
        bad = {**document, "certificates": [{**good, **change}]}
        assert list(validator.iter_errors(bad)) != [], change
