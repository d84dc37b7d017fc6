"""Shared test vectors for the Python and JavaScript verifiers of electronic certificates.

`python tests/ecert/ecert_vectors.py` rewrites tests/ecert/vectors.json; test_ecert_vectors.py fails
when the file is stale, checks each case against generator/ecert/verify.py, and runs
ecert.test.mjs, which checks each case against lookup/ecert.js. The keys are derived from published
test seeds and sign deterministically (RFC 6979), so the file is the same on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import zlib
from pathlib import Path

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.ecert import base45, cose, transport  # noqa: E402
from generator.ecert.claims import CertificateClaims, Token, encode_token  # noqa: E402
from generator.ecert.keyring import Keyring, PublishedKey, keys_document  # noqa: E402
from generator.ecert.keys import kid_of, public_text  # noqa: E402

VECTORS = Path(__file__).with_name("vectors.json")
ISSUER = "JLVSC"
CHINA = dt.timezone(dt.timedelta(hours=8))


def test_key(name: str) -> ec.EllipticCurvePrivateKey:
    seed = f"jlvsc test key {name} (test data only)".encode()
    scalar = int.from_bytes(hashlib.sha256(seed).digest(), "big")
    return ec.derive_private_key(scalar % (cose.ORDER - 1) + 1, ec.SECP256R1())


KEYS = {name: test_key(name) for name in ("active", "retired", "compromised", "unpublished")}


def published(name: str, status: str, start: str, end: str | None) -> PublishedKey:
    public = KEYS[name].public_key()
    return PublishedKey(kid_of(public).hex(), public, public_text(public), dt.date.fromisoformat(start),
                        dt.date.fromisoformat(end) if end else None, status)


KEYRING = Keyring(ISSUER, (
    published("active", "active", "2023-01-01", None),
    published("retired", "retired", "2020-01-01", "2022-12-31"),
    published("compromised", "compromised", "2019-01-01", None),
))

CLAIMS = CertificateClaims(
    number="Y000022000101204000003", code="VNRGWPA95QYK", holder_name="吐尔逊·卡德尔",
    occupation_code="6-18-01-01", occupation_name="车工", level=4, evaluation_code="Y000022000101",
    enterprise_name="长春宏达机械制造有限公司（测试数据）", issued_on="2020-04-21")


def at(day: str, hour: int = 10) -> int:
    return int(dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=CHINA).timestamp())


def token(issued_at: int, issuer: str = ISSUER, claims: CertificateClaims = CLAIMS) -> bytes:
    return encode_token(Token(issuer, issued_at, claims))


def raw_sign(payload: bytes, key: str, *, protected: dict | None = None, unprotected: dict | None = None,
             high_s: bool = False, tag: bool = True, trailing: bytes = b"") -> bytes:
    """A COSE_Sign1 message built by hand, to make the malformed cases the issuer never writes."""
    private = KEYS[key]
    header = cbor2.dumps(protected if protected is not None else {1: -7, 4: kid_of(private.public_key())},
                         canonical=True)
    algorithm = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)
    der = private.sign(cose.to_be_signed(header, payload), algorithm)
    r, s = decode_dss_signature(der)
    s = min(s, cose.ORDER - s)
    if high_s:
        s = cose.ORDER - s
    body = [header, unprotected or {}, payload, r.to_bytes(32, "big") + s.to_bytes(32, "big")]
    return cbor2.dumps(cbor2.CBORTag(18, body) if tag else body) + trailing


def text_of(message: bytes) -> str:
    return transport.PREFIX + base45.encode(zlib.compress(message, 9))


def good(issued_at: int = at("2024-06-01"), key: str = "active") -> str:
    return transport.encode(cose.sign(token(issued_at), kid_of(KEYS[key].public_key()), KEYS[key]))


def change(text: str, position: int, char: str) -> str:
    return text[:position] + char + text[position + 1:]


def cases() -> list[dict[str, object]]:
    valid = good()
    middle = len(valid) // 2
    body = valid[len(transport.PREFIX):]
    message = transport.decode(valid)
    payload = cose.parse(message).payload
    flipped = bytearray(payload)
    flipped[len(flipped) // 2] ^= 0x01
    kid = kid_of(KEYS["active"].public_key())
    raw = {
        "valid": valid,
        "valid, pasted with spaces and a newline": f"  {valid}\n",
        "valid, signed by the retired key while it was in use": good(at("2021-05-01"), "retired"),
        "valid, untagged COSE_Sign1": text_of(raw_sign(token(at("2024-06-01")), "active", tag=False)),
        "signed by the retired key after it was retired": good(at("2023-02-01"), "retired"),
        "signed before the active key's first day": good(at("2022-12-31", 23), "active"),
        "signed by the compromised key": good(at("2024-06-01"), "compromised"),
        "signed by a key nobody published": good(at("2024-06-01"), "unpublished"),
        "another issuer's prefix": "HC1:" + body,
        "a lower-case prefix": "jlzs1:" + body,
        "a web address instead of a certificate": "https://example.cn/verify/#n=Y000022000101204000003",
        "a later format version": "JLZS2:" + body,
        "a character outside base45": change(valid, 40, "a"),
        "a length base45 never has": valid + "0",
        "cut short by three characters": valid[:-3],
        "one character changed in the middle": change(valid, middle, "Z" if valid[middle] != "Z" else "Y"),
        "one payload bit changed, compressed again": text_of(raw_sign(token(at("2024-06-01")), "active")
                                                             .replace(payload, bytes(flipped))),
        "signed with another issuer": text_of(raw_sign(token(at("2024-06-01"), "OTHER"), "active")),
        "an unprotected header that is not empty": text_of(raw_sign(token(at("2024-06-01")), "active",
                                                                    unprotected={4: kid})),
        "another algorithm in the protected header": text_of(raw_sign(token(at("2024-06-01")), "active",
                                                                      protected={1: -35, 4: kid})),
        "bytes after the message": text_of(raw_sign(token(at("2024-06-01")), "active", trailing=b"\x00")),
        "the other signature (n - s) of the same message": text_of(raw_sign(token(at("2024-06-01")), "active",
                                                                            high_s=True)),
        "signed claims without the certificate": text_of(raw_sign(cbor2.dumps({1: ISSUER, 6: 1}), "active")),
        "signed claims with a float level": text_of(raw_sign(cbor2.dumps(
            {1: ISSUER, 6: at("2024-06-01"), -65537: {k: (4.0 if k == 6 else "x") for k in range(1, 10)}}),
            "active")),
        "signed claims with a tag inside": text_of(raw_sign(b"\xc1" + token(at("2024-06-01")), "active")),
        "zlib followed by other bytes": transport.PREFIX + base45.encode(zlib.compress(message, 9) + b"\x00"),
        "longer than any QR code holds": valid + "0" * (transport.MAX_TEXT - len(valid) + 2),
    }
    from generator.ecert.verify import verify_text

    out = []
    for name, text in raw.items():
        outcome = verify_text(text, KEYRING)
        expected: dict[str, object] = {"name": name, "text": text, "kind": outcome.kind}
        if outcome.token is not None:
            claims = outcome.token.certificate
            expected["token"] = {
                "issuer": outcome.token.issuer, "issuedAt": outcome.token.issued_at,
                "certificate": {"number": claims.number, "code": claims.code,
                                "holderName": claims.holder_name, "occupationCode": claims.occupation_code,
                                "occupationName": claims.occupation_name, "level": claims.level,
                                "evaluationCode": claims.evaluation_code,
                                "enterpriseName": claims.enterprise_name, "issuedOn": claims.issued_on}}
        out.append(expected)
    return out


def generate() -> dict[str, object]:
    return {"keys": keys_document(KEYRING), "cases": cases(),
            "base45": [{"bytes": data.hex(), "text": base45.encode(data)}
                       for data in (b"", b"AB", b"Hello!!", b"base-45", b"ietf!", bytes(range(256)))]}


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(dump(generate()), encoding="utf-8")
    print(f"wrote {VECTORS}")
