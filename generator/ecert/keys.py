"""Signing keys: making one, reading one, and the facts derived from its public half.

A signing key is an ECDSA P-256 private key kept as a PKCS#8 PEM file outside the repository. The
issuing command reads it from a file (`--key`) or from the environment variable
`SKILLS_SITE_SIGNING_KEY` (the PEM text itself); the build reads it only from that variable.

The key id is the first 8 bytes of SHA-256 over the public key's DER SubjectPublicKeyInfo, written
as 16 hex digits: it follows from the key, so a published entry whose id does not match its key
is caught by the catalogue check.

Sample data is signed with a development key derived from a published seed. Anyone can sign with
it, which is its purpose for a demonstration; a production build refuses to run while it is
published as anything but compromised.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from generator.ecert.cose import ORDER

ENV = "SKILLS_SITE_SIGNING_KEY"
ALGORITHM = "ES256"
DEVELOPMENT_SEED = b"jlvsc development signing key (published, not for production)"


class SigningKeyError(ValueError):
    """A private key that cannot be used; the message says why and what was expected."""


def new_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def development_key() -> ec.EllipticCurvePrivateKey:
    scalar = int.from_bytes(hashlib.sha256(DEVELOPMENT_SEED).digest(), "big") % (ORDER - 1) + 1
    return ec.derive_private_key(scalar, ec.SECP256R1())


def private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def public_der(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def public_text(key: ec.EllipticCurvePublicKey) -> str:
    """The public key as it is written in the catalogue: base64 of the DER SubjectPublicKeyInfo."""
    return base64.b64encode(public_der(key)).decode("ascii")


def kid_of(key: ec.EllipticCurvePublicKey) -> bytes:
    return hashlib.sha256(public_der(key)).digest()[:8]


def is_development(key: ec.EllipticCurvePublicKey) -> bool:
    return public_der(key) == public_der(development_key().public_key())


def load_public_text(text: str) -> ec.EllipticCurvePublicKey:
    """A public key written as in the catalogue; raises ValueError when it is not a P-256 key."""
    expected = "expected the public_key line that skills-site keys new prints"
    try:
        der = base64.b64decode(text, validate=True)
    except ValueError:
        raise ValueError(f"not base64 ({expected})") from None
    try:
        key = serialization.load_der_public_key(der)
    except ValueError:
        raise ValueError(f"not a public key: {len(der)} bytes that are not a DER SubjectPublicKeyInfo "
                         f"({expected})") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ValueError(f"not an ECDSA P-256 public key (ES256; {expected})")
    if public_der(key) != der:
        raise ValueError(f"not in the canonical DER form ({expected})")
    return key


def load_private_pem(data: bytes, where: str) -> ec.EllipticCurvePrivateKey:
    """A private key from PEM text; raises SigningKeyError naming `where` it came from."""
    try:
        key = serialization.load_pem_private_key(data.strip() + b"\n", password=None)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"{where} is not an unencrypted PEM private key ({exc}); expected the file "
                              "that `skills-site keys new` writes") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise SigningKeyError(f"{where} is not an ECDSA P-256 key (expected ES256, as `skills-site keys new` "
                              "makes)")
    return key


def key_from_environment(env: dict[str, str] | None = None) -> ec.EllipticCurvePrivateKey | None:
    """The key in SKILLS_SITE_SIGNING_KEY, None when the variable is unset or empty."""
    text = (os.environ if env is None else env).get(ENV, "")
    if not text.strip():
        return None
    return load_private_pem(text.encode("utf-8"), f"the environment variable {ENV}")


def write_private_key(key: ec.EllipticCurvePrivateKey, target: Path) -> None:
    """Write the PEM file readable by its owner only; an existing file is never overwritten."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SigningKeyError(f"{target} already exists; a key file is never overwritten (choose another "
                              "name, or remove the old file yourself once nothing needs it)") from None
    with os.fdopen(handle, "wb") as out:
        out.write(private_pem(key))
