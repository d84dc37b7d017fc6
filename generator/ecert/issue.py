"""Issue electronic certificates: sign each certificate and write what the holder receives.

Per certificate, into a folder outside the site and the catalogue: `<number>.txt` (the QR text and
a newline), `<number>.svg` (the QR code, alphanumeric mode, error correction Q) and `<number>.html`
(a printable A4 page with the certificate's fields and the QR code). They carry the holder's name
and verification code, so they are never published; everything is signed and checked before the
first file is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
from cryptography.hazmat.primitives.asymmetric import ec

from generator.ecert import cose, transport
from generator.ecert.claims import CertificateClaims, Token, encode_token
from generator.ecert.keyring import Keyring, PublishedKey, china_day
from generator.ecert.keys import kid_of
from generator.ecert.verify import verify_text
from generator.inputs.paths import enclosing
from generator.model import Catalogue, Certificate

ERROR_LEVEL = "q"  # 25 % of the code may be damaged or covered and it still reads
QR_MM = 50.0  # printed width of the code, quiet zone included


class IssueError(ValueError):
    """A certificate cannot be issued; the message names it and says why."""


@dataclass(frozen=True)
class Issued:
    certificate: Certificate
    token: Token
    text: str
    key: PublishedKey


def signing_entry(keyring: Keyring | None, key: ec.EllipticCurvePrivateKey, when: int) -> PublishedKey:
    """The published entry of `key`, which must be the active key and valid on the day `when`."""
    kid = kid_of(key.public_key()).hex()
    entry = keyring.by_kid(kid) if keyring else None
    if entry is None:
        raise IssueError(f"the signing key {kid} is not in catalogue/signing-keys.yaml: certificates it "
                         "signs would not verify (publish it with skills-site keys rotate, or use the "
                         "active key)")
    if entry.status != "active":
        raise IssueError(f"the signing key {kid} is {entry.status}; only the active key signs "
                         "(expected the key of the entry with status: active)")
    if not entry.verifies_on(china_day(when)):
        raise IssueError(f"the signing key {kid} is valid from {entry.valid_from}, not on {china_day(when)}")
    return entry


def token_for(cert: Certificate, catalogue: Catalogue, issuer: str, when: int) -> Token:
    if cert.status != "valid":
        raise IssueError(f"certificate {cert.number} is revoked; no electronic certificate is issued for it")
    if not cert.query_code:
        raise IssueError(f"certificate {cert.number} has no verification code (查询码) in the catalogue")
    enterprise = catalogue.enterprise(cert.enterprise_id)
    occupation = catalogue.occupations[cert.occupation_code]
    claims = CertificateClaims(
        number=cert.number, code=cert.query_code, holder_name=cert.holder_name,
        occupation_code=cert.occupation_code, occupation_name=occupation.name,
        level=cert.level, evaluation_code=enterprise.evaluation_code, enterprise_name=enterprise.name,
        issued_on=cert.issued_on.isoformat())
    return Token(issuer, when, claims)


def sign_token(token: Token, key: ec.EllipticCurvePrivateKey) -> str:
    return transport.encode(cose.sign(encode_token(token), kid_of(key.public_key()), key))


def sign_certificates(certificates: Sequence[Certificate], catalogue: Catalogue, keyring: Keyring | None,
                      key: ec.EllipticCurvePrivateKey, when: int) -> list[Issued]:
    """Sign every certificate, then verify each text against the published keys as a verifier would."""
    entry = signing_entry(keyring, key, when)
    assert keyring is not None
    issued = []
    for cert in certificates:
        token = token_for(cert, catalogue, keyring.issuer, when)
        text = sign_token(token, key)
        outcome = verify_text(text, keyring)
        if not outcome.valid or outcome.token != token:
            raise IssueError(f"certificate {cert.number}: the signed text does not verify ({outcome.kind})")
        issued.append(Issued(cert, token, text, entry))
    return issued


def qr_code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error=ERROR_LEVEL, mode="alphanumeric", boost_error=False)


def qr_svg(text: str, width_mm: float = QR_MM) -> str:
    """The QR code as SVG drawn in modules (4 of quiet zone) and sized `width_mm` wide when printed."""
    buffer = io.BytesIO()
    qr_code(text).save(buffer, kind="svg", scale=1, border=4, xmldecl=False, dark="#000", light="#fff",
                       title="电子证书二维码")
    svg = buffer.getvalue().decode("utf-8")
    size = f'width="{width_mm:g}mm" height="{width_mm:g}mm"'
    return re.sub(r'width="\d+" height="\d+"', size, svg, count=1)


def check_folder(out_dir: Path, forbidden: Iterable[Path]) -> Path:
    folder = enclosing(out_dir, forbidden)
    if folder is not None:
        raise IssueError(f"{out_dir}: electronic certificates hold names and verification codes and "
                         f"may not be written inside {folder} (choose a folder outside the site and "
                         "the catalogue)")
    return out_dir.resolve()


def write_electronic(issued: Sequence[Issued], out_dir: Path, *, catalogue: Catalogue, site_url: str,
                     sample: bool, forbidden: Iterable[Path] = ()) -> list[Path]:
    """Write the .txt, .svg and .html of each issued certificate; returns the paths written."""
    from generator.ecert.document import certificate_page

    out = check_folder(out_dir, forbidden)
    pages = [(item, qr_svg(item.text), certificate_page(item, catalogue, site_url, sample))
             for item in issued]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for item, svg, page in pages:
        number = item.certificate.number
        for suffix, content in ((".txt", item.text + "\n"), (".svg", svg), (".html", page)):
            target = out / f"{number}{suffix}"
            target.write_text(content, encoding="utf-8", newline="\n")
            written.append(target)
    return written


def now() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp())
