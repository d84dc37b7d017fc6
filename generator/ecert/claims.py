"""The CBOR Web Token (RFC 8392) inside an electronic certificate.

Registered claims: `iss` (1, the issuer named in the published key list) and `iat` (6, when the
certificate was signed, in seconds since 1970). The certificate itself is one private claim
(key -65537, from the private-use range below -65536) holding a map with integer keys, so that the
token stays small. It holds what the paper certificate shows and nothing more: no ID number.
The key id is not a claim: it sits in the COSE protected header, where every COSE verifier looks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cbor2

from generator.ecert.cose import CoseError, strict_loads

ISS = 1
IAT = 6
CERTIFICATE = -65537

# private claim map: key → (field, type)
FIELDS: dict[int, tuple[str, type]] = {
    1: ("number", str),
    2: ("code", str),
    3: ("holder_name", str),
    4: ("occupation_code", str),
    5: ("occupation_name", str),
    6: ("level", int),
    7: ("evaluation_code", str),
    8: ("enterprise_name", str),
    9: ("issued_on", str),
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ClaimsError(ValueError):
    """The token is not a certificate token of this format; the message says which part."""


@dataclass(frozen=True)
class CertificateClaims:
    number: str
    code: str  # the verification code (查询码), which the page needs to check revocation
    holder_name: str
    occupation_code: str
    occupation_name: str
    level: int
    evaluation_code: str  # the enterprise's 13-character evaluation body code
    enterprise_name: str
    issued_on: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Token:
    issuer: str
    issued_at: int
    certificate: CertificateClaims

    @property
    def issued_at_utc(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.issued_at, dt.UTC)


def encode_token(token: Token) -> bytes:
    """The token as canonical CBOR (RFC 8949 §4.2.1 key order), so equal tokens are equal bytes."""
    fields = {key: getattr(token.certificate, name) for key, (name, _kind) in FIELDS.items()}
    return cbor2.dumps({ISS: token.issuer, IAT: token.issued_at, CERTIFICATE: fields}, canonical=True)


def decode_token(payload: bytes) -> Token:
    """The token of a COSE payload; raises ClaimsError naming what does not fit."""
    try:
        claims = strict_loads(payload)
    except CoseError as exc:
        raise ClaimsError(f"the payload is {exc}") from None
    if not isinstance(claims, Mapping) or set(claims) != {ISS, IAT, CERTIFICATE}:
        raise ClaimsError("the payload is not a map of the claims iss (1), iat (6) and the certificate")
    issuer, issued_at, fields = claims[ISS], claims[IAT], claims[CERTIFICATE]
    if not isinstance(issuer, str) or type(issued_at) is not int or issued_at < 0:
        raise ClaimsError("iss is not text or iat is not a whole number of seconds")
    if not isinstance(fields, Mapping) or set(fields) != set(FIELDS):
        raise ClaimsError(f"the certificate claim is not a map of the keys {sorted(FIELDS)}")
    values: dict[str, Any] = {}
    for key, (name, kind) in FIELDS.items():
        value = fields[key]
        if type(value) is not kind:
            raise ClaimsError(f"certificate field {key} ({name}) is not {kind.__name__}")
        values[name] = value
    if not _DATE.fullmatch(values["issued_on"]):
        raise ClaimsError("certificate field 9 (issued_on) is not a YYYY-MM-DD date")
    return Token(issuer, issued_at, CertificateClaims(**values))
