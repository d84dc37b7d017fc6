"""Shared test vectors for the Python and JavaScript sides of the lookup.

`python tests/lookup/lookup_vectors.py` rewrites tests/lookup/vectors.json; test_vectors.py fails
when the file is stale, and lookup.test.mjs checks every case against the page's modules. The
certificates and the secret here are test data.
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
from generator.lookup.code import display_code, normalise_code  # noqa: E402
from generator.lookup.format import ENTRY_SIZE, decode_record, encode_record, query_bytes  # noqa: E402
from generator.lookup.index import write_lookup_index  # noqa: E402
from generator.lookup.normalise import normalise_number, validate_query  # noqa: E402
from generator.model import Certificate  # noqa: E402
from generator.settings import LookupSettings  # noqa: E402

VECTORS = Path(__file__).with_name("vectors.json")
SECRET = b"test vectors secret (test data only)"
SETTINGS = LookupSettings(salt_bits=12, min_shard_bits=8, shard_target_bytes=4 * ENTRY_SIZE)
PACKED = dataclasses.replace(SETTINGS, max_unit_files=0, pack_shards=16)

NORMALISE = [
    ("number", "y000022000101194000001"), ("number", " Y000022 000101 19 4 000001 "),
    ("number", "Ｙ０００　０２２０００１０１１９４０００００１"),
    ("number", "y\u3000000022000101194000001\t"),
    ("code", "abcd-efgh-jkmn"), ("code", "ＡＢＣＤ－ＥＦＧＨ　ＪＫＭＮ"),
    ("code", " ab cd\u2014ef gh\u00b7jk.mn "), ("code", "ABCD_EFGH\u2212JKMN"),
    ("code", "\ufeffabcd\u200befgh\u00a0jkmn\n"), ("code", "ａｂｃｄｅｆｇｈｊｋｍｎ"),
]

VALIDATE = [
    ("Y000022000101194000001", "ABCD-EFGH-JKMN"), ("", ""), ("Y00002200010119400000", "ABCDEFGHJKMN"),
    ("Y0000220001011940000012", "ABCDEFGHJKMN"), ("X000022000101194000001", "ABCDEFGHJKMN"),
    ("Y00002200010119400A001", "ABCDEFGHJKMN"), ("Y000023000101194000001", "ABCDEFGHJKMN"),
    ("Y000022000101196000001", "ABCDEFGHJKMN"), ("Y000022000101194000001", "ABCDEFGHJKM"),
    ("Y000022000101194000001", "ABCDEFGHJKMNP"), ("Y000022000101194000001", "ABCD0FGHJKMN"),
    ("Y000022000101194000001", "ABCDEFGH1KMN"), ("Y000022000101194000001", "OBCDEFGHJKMN"),
    ("Y000022000101194000001", "ABCDEFGHJKMI"), ("Y000022000101194000001", "ABCDEFGHJK张N"),
    ("Y000022000101194000001", "ABCDEFGHJK!N"), ("Y000022000101194000001", ""),
]

FRAGMENTS = ["", "#", "#n=Y000022000101194000001&c=ABCD-EFGH-JKMN",
             "#c=ABCDEFGHJKMN&n=Y000022000101194000001",
             "#n=Y000022000101194000001", "#n=&c=ABCDEFGHJKMN", "#n=y%20000022000101194000001&c=abcd%2Defgh"]

D = dt.date.fromisoformat
CERTS = [
    Certificate("Y000022000100194000001", "张伟", "11010519491231002X", "6-18-02-04", 4, D("2019-12-20"),
                "sample-enterprise-100", query_code="ABCDEFGHJKMN"),
    Certificate("Y000022000100203000007", "张伟", "11010519491231002X", "6-18-01-01", 3, D("2020-06-30"),
                "sample-enterprise-100", query_code="23456789WXYZ"),
    Certificate("Y000022000101215000012", "阿依古丽·买买提", "220102199503071231", "6-18-01-01", 5,
                D("2021-03-01"), "sample-enterprise-101", query_code="PQRSTUVWXYZ2"),
    Certificate("Y000022000101224000100", "𠮷田明", "220102200001011234", "6-12-02-00", 4, D("2022-09-09"),
                "sample-enterprise-101", status="revoked", revoked_on=D("2023-01-15"), revocation_reason=3,
                query_code="HJKLMNPQRS34"),
    Certificate("S000022000102235000003", "李娜", "220104198807150025", "4-12-01-01", 5, D("2023-11-11"),
                "sample-enterprise-102", query_code="ZZZZ2222YYYY"),
]
QUERIES = [
    ("Y000022000100194000001", "abcd-efgh-jkmn"), ("Y000022000100203000007", "2345 6789 wxyz"),
    ("y000022000101215000012", "ＰＱＲＳ－ＴＵＶＷ－ＸＹＺ２"), ("Y000022000101224000100", "HJKL-MNPQ-RS34"),
    ("S000022000102235000003", "ZZZZ2222YYYY"), ("Y000022000100194000001", "ABCDEFGHJKMP"),
    ("Y000022000100194000002", "ABCDEFGHJKMN"), ("Y000022000100203000007", "ABCDEFGHJKMN"),
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


def _files(site: Path) -> dict[str, str]:
    data = site / "verify" / "data"
    return {p.relative_to(data).as_posix(): p.read_bytes().hex() for p in sorted(data.rglob("*.bin"))}


def _layout(settings: LookupSettings) -> dict[str, object]:
    """An index of CERTS, every file of it, and each query's expected outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        write_lookup_index(CERTS, synthetic.catalogue(), site, Path(tmp) / "work", settings, SECRET)
        manifest = json.loads((site / "verify/data/manifest.json").read_text(encoding="utf-8"))
        files = _files(site)
    key = crypto.salt_key(SECRET)
    cases = []
    for number, code in QUERIES:
        number_n, code_n, problems = validate_query(number, code)
        assert not problems, problems
        q = query_bytes(number_n, code_n)
        cert = next((c for c in CERTS if c.number == number_n and c.query_code == code_n), None)
        records = []
        if cert is not None:
            salt = crypto.salt(key, q, settings.salt_bits)
            entry = crypto.seal(q, salt, encode_record(cert))
            records.append(_record_json(decode_record(crypto.open_entry(q, salt, entry), number_n)))
        cases.append({"number": number, "code": code, "q": q.hex(), "block": crypto.query_block(q).hex(),
                      "shard_prefix": crypto.shard_prefix(q), "records": records})
    return {"manifest": manifest, "files": _needed(files, manifest, cases), "lookups": cases}


def _needed(files: dict[str, str], manifest: dict, cases: list[dict]) -> dict[str, str]:
    """The group tables, and the unit files the queries read."""
    digits = manifest["digits"]
    shift = 32 - manifest["shard_bits"]
    units = {(c["shard_prefix"] >> shift) // manifest["shards_per_unit"] for c in cases}
    wanted = tuple(f"units/{u:0{digits}x}-" for u in units)
    return {name: data for name, data in files.items()
            if name.startswith("v2/groups/") or name.removeprefix("v2/").startswith(wanted)}


def generate() -> dict[str, object]:
    functions = {"number": normalise_number, "code": normalise_code}
    return {
        "normalise": [{"kind": k, "input": text, "output": functions[k](text)} for k, text in NORMALISE],
        "validate": [
            dict(zip(("number", "code"), case, strict=True))
            | dict(zip(("expect_number", "expect_code", "problems"), validate_query(*case), strict=True))
            for case in VALIDATE
        ],
        "display": [{"code": c.query_code, "display": display_code(c.query_code)} for c in CERTS],
        "fragments": [{"hash": h, "link": _fragment(h)} for h in FRAGMENTS],
        "files": _layout(SETTINGS),
        "packed": _layout(PACKED),
    }


def _fragment(hash_: str) -> dict[str, str] | None:
    """What the page reads from a QR link's fragment (mirrors `fromFragment` in normalise.js)."""
    from urllib.parse import parse_qs

    params = parse_qs(hash_[1:], keep_blank_values=True) if len(hash_) > 1 else {}
    number, code = params.get("n", [""])[0], params.get("c", [""])[0]
    return {"number": number[:60], "code": code[:60]} if number and code else None


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(generate()), encoding="utf-8")
