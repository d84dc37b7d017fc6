"""Verify a QR text against the published keys: the checks `lookup/ecert.js` makes in the browser,
in the same order and with the same outcome kinds (shared vectors in tests/ecert/vectors.json).

Outcome kinds: "valid"; "not-ours" (another prefix or issuer); "version" (a format version this
code does not read); "damaged" (base45, zlib, CBOR or COSE structure broken); "unknown-key" (no
published key has this id); "compromised" (the key is marked compromised); "signature" (the
signature does not match: the content was changed or forged); "outside-validity" (signed on a day
the key was not in use).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.ecert import cose, transport
from generator.ecert.claims import ClaimsError, Token, decode_token
from generator.ecert.keyring import Keyring, PublishedKey, china_day


@dataclass(frozen=True)
class Outcome:
    kind: str
    detail: str = ""
    token: Token | None = None
    key: PublishedKey | None = None

    @property
    def valid(self) -> bool:
        return self.kind == "valid"


def verify_text(text: str, keyring: Keyring) -> Outcome:
    try:
        message = cose.parse(transport.decode(text))
    except transport.TransportError as exc:
        return Outcome(exc.kind, str(exc))
    except cose.CoseError as exc:
        return Outcome("damaged", f"COSE: {exc}")
    key = keyring.by_kid(message.kid.hex())
    if key is None:
        return Outcome("unknown-key", f"no published key has the id {message.kid.hex()}")
    if key.status == "compromised":
        return Outcome("compromised", f"key {key.kid} is marked compromised", key=key)
    if not cose.verify(message, key.public_key):
        return Outcome("signature", "the signature does not match the content", key=key)
    try:
        token = decode_token(message.payload)
    except ClaimsError as exc:
        return Outcome("damaged", f"claims: {exc}", key=key)
    if token.issuer != keyring.issuer:
        return Outcome("not-ours", f"issuer {token.issuer!r} (expected {keyring.issuer!r})", token, key)
    if not key.verifies_on(china_day(token.issued_at)):
        return Outcome("outside-validity", f"signed on {china_day(token.issued_at)}, outside the key's "
                                           "period", token, key)
    return Outcome("valid", "", token, key)
