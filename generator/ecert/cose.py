"""COSE_Sign1 (RFC 9052 §4.2) with ES256: the signed envelope of an electronic certificate.

    COSE_Sign1 = #6.18([protected: bstr .cbor {1: -7, 4: kid}, unprotected: {}, payload: bstr,
                        signature: bstr (64 bytes: r ‖ s)])

The signature is over the CBOR array ["Signature1", protected, h'', payload]. ECDSA signatures are
written as r ‖ s (32 bytes each), as COSE and WebCrypto both expect, not as DER, with the low s of
the two that verify (anyone can turn s into n − s), so that a message has one signature that counts.
Reading is strict: an unprotected header that is not empty, an algorithm other than ES256 or bytes
after the message are refused, so nothing outside the signature can change while the message reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

TAG = 18
ALG, KID = 1, 4
ES256 = -7
KID_SIZE = 8
SIGNATURE_SIZE = 64
ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # of the P-256 group


class CoseError(ValueError):
    """The bytes are not a COSE_Sign1 message of this format."""


@dataclass(frozen=True)
class Sign1:
    protected: bytes  # the serialized protected header, as signed
    kid: bytes
    payload: bytes
    signature: bytes


MAX_DEPTH = 16
_SAFE = 2 ** 53 - 1  # JavaScript's largest exact integer: lookup/cbor.js refuses larger ones


def _argument(data: bytes, at: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, at
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise CoseError(f"additional information {info} (indefinite lengths are not allowed)")
    if at + size > len(data):
        raise CoseError("the data ends inside an item")
    value = int.from_bytes(data[at:at + size], "big")
    if value > _SAFE:
        raise CoseError("an integer larger than 2^53")
    return value, at + size


def _walk(data: bytes, at: int, depth: int, top: bool) -> tuple[int, object]:
    """Check one item of the subset lookup/cbor.js reads; returns the offset after it and, for map
    keys, the key."""
    if depth > MAX_DEPTH:
        raise CoseError("items nested too deeply")
    if at >= len(data):
        raise CoseError("the data ends inside an item")
    major, info = data[at] >> 5, data[at] & 0x1F
    if major == 7:
        if info in (20, 21, 22):
            return at + 1, None
        raise CoseError(f"simple value or float 0x{data[at]:02x} (not used here)")
    value, at = _argument(data, at + 1, info)
    if major in (0, 1):
        return at, value if major == 0 else -1 - value
    if major in (2, 3):
        if at + value > len(data):
            raise CoseError("the data ends inside an item")
        return at + value, data[at:at + value].decode("utf-8", "replace") if major == 3 else b""
    if major == 4:
        for _ in range(value):
            at, _item = _walk(data, at, depth + 1, False)
        return at, None
    if major == 5:
        keys: set[object] = set()
        for _ in range(value):
            start = at
            at, key = _walk(data, at, depth + 1, False)
            if data[start] >> 5 not in (0, 1, 3):
                raise CoseError("a map key that is not an integer or text")
            if (data[start] >> 5 == 3, key) in keys:
                raise CoseError(f"map key {key!r} twice")
            keys.add((data[start] >> 5 == 3, key))
            at, _item = _walk(data, at, depth + 1, False)
        return at, None
    if not top or value != TAG:
        raise CoseError(f"tag {value} (only tag 18 in front of the message)")
    return _walk(data, at, depth + 1, False)


def strict_loads(data: bytes, *, allow_tag: bool = False) -> Any:
    """One CBOR item that uses all of `data`, in the subset lookup/cbor.js reads: integers up to 2^53,
    byte and text strings, arrays, maps keyed by integers or text (no key twice), false/true/null,
    definite lengths, and tag 18 only in front of a whole message when `allow_tag`."""
    end, _key = _walk(data, 0, 0, allow_tag)
    if end != len(data):
        raise CoseError(f"{len(data) - end} byte(s) after the CBOR item")
    try:
        return cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, TypeError) as exc:
        raise CoseError(f"not CBOR ({exc})") from None


def to_be_signed(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def sign(payload: bytes, kid: bytes, key: ec.EllipticCurvePrivateKey) -> bytes:
    """A tagged COSE_Sign1 message. The signature is deterministic (RFC 6979): the same payload and
    key always give the same bytes."""
    if len(kid) != KID_SIZE:
        raise ValueError(f"a key id has {KID_SIZE} bytes, not {len(kid)}")
    protected = cbor2.dumps({ALG: ES256, KID: kid}, canonical=True)
    der = key.sign(to_be_signed(protected, payload), ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    r, s = decode_dss_signature(der)
    s = min(s, ORDER - s)  # (r, s) and (r, n - s) both verify; only the low one is accepted
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return cbor2.dumps(cbor2.CBORTag(TAG, [protected, {}, payload, signature]))


def parse(data: bytes) -> Sign1:
    """The parts of a COSE_Sign1 message; raises CoseError naming what is wrong."""
    message = strict_loads(data, allow_tag=True)
    if isinstance(message, cbor2.CBORTag):
        if message.tag != TAG:
            raise CoseError(f"CBOR tag {message.tag} (expected 18, COSE_Sign1)")
        message = message.value
    if not isinstance(message, list | tuple) or len(message) != 4:
        raise CoseError("not an array of four items (expected COSE_Sign1)")
    protected, unprotected, payload, signature = message
    if not isinstance(protected, bytes) or not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise CoseError("the protected header, payload or signature is not a byte string")
    if not isinstance(unprotected, Mapping) or unprotected:
        raise CoseError("the unprotected header is not an empty map")
    header = strict_loads(protected)
    if not isinstance(header, Mapping) or set(header) != {ALG, KID}:
        raise CoseError("the protected header is not {1: alg, 4: kid}")
    if header[ALG] != ES256 or type(header[ALG]) is not int:
        raise CoseError(f"algorithm {header[ALG]!r} (expected -7, ES256)")
    kid = header[KID]
    if not isinstance(kid, bytes) or len(kid) != KID_SIZE:
        raise CoseError(f"the key id is not {KID_SIZE} bytes")
    if len(signature) != SIGNATURE_SIZE:
        raise CoseError(f"the signature has {len(signature)} bytes (expected {SIGNATURE_SIZE})")
    return Sign1(protected, kid, payload, signature)


def verify(message: Sign1, key: ec.EllipticCurvePublicKey) -> bool:
    r = int.from_bytes(message.signature[:32], "big")
    s = int.from_bytes(message.signature[32:], "big")
    if s > ORDER // 2:
        return False
    try:
        key.verify(encode_dss_signature(r, s), to_be_signed(message.protected, message.payload),
                   ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True
