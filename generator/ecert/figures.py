"""Sizes of an electronic certificate that the threat-model page states, computed from the code.

A synthetic certificate with typical field lengths is signed with the development key at a fixed
time; signatures are deterministic, so the figures are the same on every build.
"""

from __future__ import annotations

from generator.ecert import cose, transport
from generator.ecert.claims import CertificateClaims, Token, encode_token
from generator.ecert.issue import ERROR_LEVEL, QR_MM, qr_code
from generator.ecert.keys import development_key, kid_of

TYPICAL = CertificateClaims(
    number="Y000022000101244000001", code="ABCDEFGHJKMN", holder_name="王晓明",
    occupation_code="6-18-02-04", occupation_name="焊工", level=4, evaluation_code="Y000022000101",
    enterprise_name="长春某某机械制造有限公司", issued_on="2024-05-09")


def typical_figures() -> dict[str, object]:
    key = development_key()
    payload = encode_token(Token("JLVSC", 1_767_225_600, TYPICAL))
    message = cose.sign(payload, kid_of(key.public_key()), key)
    text = transport.encode(message)
    code = qr_code(text)
    modules = code.symbol_size(border=0)[0]
    return {
        "payload_bytes": len(payload), "cose_bytes": len(message), "text_chars": len(text),
        "qr_version": code.version, "qr_modules": modules, "qr_error": ERROR_LEVEL.upper(),
        "qr_mm": QR_MM, "module_mm": round(QR_MM / (modules + 8), 2),
    }
