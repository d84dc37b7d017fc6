"""Shared test vectors for the Python and JavaScript sides of the lookup.

`python tests/lookup/lookup_vectors.py` rewrites tests/lookup/vectors.json; test_vectors.py fails
when the file is stale, and lookup.test.mjs checks every case against the page's modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.lookup import crypto, synthetic  # noqa: E402
from generator.lookup.format import decode_record, query_bytes  # noqa: E402
from generator.lookup.index import hex_digits, write_lookup_index  # noqa: E402
from generator.lookup.normalise import (  # noqa: E402
    normalise_id,
    normalise_name,
    normalise_number,
    validate_query,
)
from generator.model import Certificate  # noqa: E402
from generator.settings import LookupSettings  # noqa: E402

VECTORS = Path(__file__).with_name("vectors.json")
SECRET = b"test vectors secret"
SETTINGS = LookupSettings(salt_bits=12, min_shard_bits=4, shard_target_bytes=4096)

NORMALISE = [
    ("number", "y000022000101194000001"), ("number", " Y000022 000101 19 4 000001 "),
    ("number", "Ｙ０００　０２２０００１０１１９４０００００１"),
    ("number", "y\u3000000022000101194000001\t"),
    ("id", "11010519491231002x"), ("id", "110105 1949 1231 002X"),
    ("id", "１１０１０５１９４９１２３１００２ｘ"),
    ("name", "张 伟"), ("name", "阿依古丽•买买提"), ("name", "阿依古丽‧买买提"), ("name", "阿依古丽・买买提"),
    ("name", "阿依古丽･买买提"), ("name", "阿依古丽∙买买提"), ("name", "阿依古丽⋅买买提"),
    ("name", "𠮷田　明"),
    ("name", "\ufeff张\u200b伟\u00a0"), ("name", "ＡＢＣ"),
]

VALIDATE = [
    ("A", "Y000022000101194000001", "张伟"), ("A", "", ""), ("A", "Y00002200010119400000", "张伟"),
    ("A", "Y0000220001011940000012", "张伟"), ("A", "X000022000101194000001", "张伟"),
    ("A", "Y00002200010119400A001", "张伟"), ("A", "Y000023000101194000001", "张伟"),
    ("A", "Y000022000101196000001", "张伟"), ("A", "Y000022000101194000001", "张伟3"),
    ("A", "Y000022000101194000001", "·张伟"), ("A", "Y000022000101194000001", "张" * 31),
    ("A", "Y000022000101194000001", "张-伟"), ("A", "Y000022000101194000001", "John Smith"),
    ("B", "11010519491231002X", "张伟"), ("B", "", "张伟"), ("B", "1101051949123100", "张伟"),
    ("B", "1101051949123100211", "张伟"), ("B", "11010519491231002Y", "张伟"),
    ("B", "1101051949123A002X", "张伟"), ("B", "110105194912310021", "张伟"),
    ("B", "110105194902300021", "张伟"), ("B", "110105194913310021", "张伟"), ("B", "11010519491231002X", ""),
]

D = dt.date.fromisoformat
CERTS = [
    Certificate("Y000022000100194000001", "张伟", "11010519491231002X", "6-18-02-04", 4, D("2019-12-20"),
                "sample-enterprise-100"),
    Certificate("Y000022000100203000007", "张伟", "11010519491231002X", "6-18-01-01", 3, D("2020-06-30"),
                "sample-enterprise-100"),
    Certificate("Y000022000101215000012", "阿依古丽·买买提", "220102199503071231", "6-18-01-01", 5,
                D("2021-03-01"), "sample-enterprise-101"),
    Certificate("Y000022000101224000100", "𠮷田明", "220102200001011234", "6-12-02-00", 4, D("2022-09-09"),
                "sample-enterprise-101", status="revoked", revoked_on=D("2023-01-15"), revocation_reason=3),
    Certificate("S000022000102235000003", "李娜", "220104198807150025", "4-12-01-01", 5, D("2023-11-11"),
                "sample-enterprise-102"),
]
QUERIES = [
    ("A", "Y000022000100194000001", "张伟"), ("B", "11010519491231002x", " 张 伟 "),
    ("A", "y000022000101215000012", "阿依古丽•买买提"), ("B", "220102199503071231", "阿依古丽・买买提"),
    ("A", "Y000022000101224000100", "𠮷田明"), ("B", "220102200001011234", "𠮷田明"),
    ("A", "S000022000102235000003", "李娜"), ("A", "Y000022000100194000001", "张伟伟"),
    ("B", "11010519491231002X", "张卫"), ("A", "Y000022000100194000002", "张伟"),
]


def _record_json(record: object) -> dict[str, object]:
    data = dataclasses.asdict(record)  # type: ignore[call-overload]
    return {
        "number": data["number"], "evaluationCode": data["evaluation_code"], "revoked": data["revoked"],
        "level": data["level"], "issuedOn": data["issued_on"].isoformat(),
        "occupationCode": data["occupation_code"],
        "revokedOn": data["revoked_on"].isoformat() if data["revoked_on"] else None,
        "revocationReason": data["revocation_reason"], "maskedName": data["masked_name"],
    }


def _lookups(certs: list[Certificate]) -> tuple[dict[str, object], list[dict[str, object]]]:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        report = write_lookup_index(certs, synthetic.catalogue(), site, SETTINGS, secret=SECRET)
        manifest = json.loads((site / "verify/data/manifest.json").read_text(encoding="utf-8"))
        cases = []
        for mode, key, name in QUERIES:
            key_n, name_n, problems = validate_query(mode, key, name)
            assert not problems, problems
            q = query_bytes(mode, key_n, name_n)
            prefix = crypto.shard_prefix(q)
            shard_file = f"{prefix >> (32 - report.shard_bits):0{hex_digits(report.shard_bits)}x}.bin"
            shard = (site / report.path / shard_file).read_bytes()
            block = crypto.query_block(q)
            records = []
            matching = [c for c in certs if normalise_name(c.holder_name) == name_n
                        and (c.number == key_n if mode == "A" else normalise_id(c.id_number) == key_n)]
            for index, _cert in enumerate(matching):
                salt = crypto.salts(SECRET, q, index + 1, SETTINGS.salt_bits)[index]
                entry = next(shard[o:o + 64] for o in range(0, len(shard), 64)
                             if shard[o:o + 8] == crypto.tag_material(block, salt)[:8])
                records.append(_record_json(decode_record(crypto.open_entry(block, salt, entry))))
            records.sort(key=lambda r: str(r["issuedOn"]))
            cases.append({"mode": mode, "key": key, "name": name, "q": q.hex(), "block": block.hex(),
                          "shard_prefix": prefix, "shard_file": shard_file, "shard": shard.hex(),
                          "records": records})
    return manifest, cases


def generate() -> dict[str, object]:
    certs = CERTS
    manifest, lookups = _lookups(certs)
    functions = {"number": normalise_number, "id": normalise_id, "name": normalise_name}
    return {
        "normalise": [{"kind": k, "input": text, "output": functions[k](text)} for k, text in NORMALISE],
        "validate": [
            dict(zip(("mode", "key", "name"), case, strict=True))
            | dict(zip(("expect_key", "expect_name", "problems"), validate_query(*case), strict=True))
            for case in VALIDATE
        ],
        "manifest": manifest,
        "lookups": lookups,
    }


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(generate()), encoding="utf-8")
