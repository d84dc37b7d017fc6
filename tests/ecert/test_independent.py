"""An issued electronic certificate verifies with software the project does not sign with.

For sample certificates issued by `skills-site certificate electronic`, the QR text in `<number>.txt`
is decoded by hand (strip the prefix → base45 from PyPI's `base45` → zlib → COSE_Sign1 read by
`pycose`), and its signature is checked against the key that the built site publishes in
`verify/keys.json` twice: by pycose and by python-ecdsa, a pure-Python ECDSA. The project signs with
`cryptography` and `cbor2` and its own base45. Every one-character change of the text, and a
complemented byte at every position of the zlib and COSE layers, fails.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import zlib
from pathlib import Path

import cbor2
import ecdsa
import pytest
from base45 import b45decode, b45encode
from pycose.headers import KID
from pycose.keys import EC2Key
from pycose.keys.curves import P256
from pycose.messages import Sign1Message

from generator.certificates import iter_certificates
from generator.load.catalogue import read_catalogue
from tests.e2e.project import SKILLS_SITE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PREFIX = "JLZS1:"
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(scope="module")
def published_keys(built_site: Path) -> dict[str, dict[str, str]]:
    document = json.loads((built_site / "verify" / "keys.json").read_text(encoding="utf-8"))
    return {key["kid"]: key["jwk"] for key in document["keys"] if key["status"] != "compromised"}


@pytest.fixture(scope="module")
def issued_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    certificates = [c for f in catalogue.certificate_files for c in iter_certificates(ROOT / "catalogue", f)
                    if c.status == "valid"]
    numbers = [certificates[0].number, next(c.number for c in certificates if "·" in c.holder_name),
               next(c.number for c in certificates if any(ord(ch) > 0xFFFF for ch in c.holder_name))]
    out = tmp_path_factory.mktemp("issued")
    env = {k: v for k, v in os.environ.items() if k != "SKILLS_SITE_SIGNING_KEY"}
    result = subprocess.run([str(SKILLS_SITE), "certificate", "electronic", *numbers, "--out", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return {n: (out / f"{n}.txt").read_text(encoding="utf-8") for n in numbers}


def cose_of(text: str) -> bytes:
    """Strip the prefix, base45-decode with PyPI's `base45`, inflate with zlib."""
    if not text.startswith(PREFIX):
        raise ValueError("not our prefix")
    return zlib.decompress(b45decode(text[len(PREFIX):]))


def verify(message_bytes: bytes, keys: dict[str, dict[str, str]]) -> dict | None:
    """The claims when pycose and python-ecdsa both accept the signature, else None."""
    if message_bytes[:1] != b"\xd2":  # CBOR tag 18, COSE_Sign1
        return None
    # pycose 1.1.0 predates cbor2 6, which decodes a tag's content as immutable; hand it the array.
    message = Sign1Message.from_cose_obj(cbor2.loads(message_bytes[1:]), True)
    jwk = keys.get(message.phdr[KID].hex())
    if jwk is None:
        return None
    x, y = unb64(jwk["x"]), unb64(jwk["y"])
    message.key = EC2Key(crv=P256, x=x, y=y)
    if not message.verify_signature():
        return None
    verifying = ecdsa.VerifyingKey.from_string(x + y, curve=ecdsa.NIST256p, hashfunc=hashlib.sha256)
    try:
        verifying.verify(message.signature, message._create_sig_structure())
    except ecdsa.BadSignatureError:
        return None
    return cbor2.loads(message.payload)


def verifies(text: str, keys: dict[str, dict[str, str]]) -> bool:
    try:
        return verify(cose_of(text.strip()), keys) is not None
    except Exception:  # any library's refusal counts as failing verification
        return False


def test_each_issued_text_verifies_with_a_published_key_and_other_libraries(
        issued_texts: dict[str, str], published_keys: dict[str, dict[str, str]]) -> None:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    holders = {c.number: c for f in catalogue.certificate_files
               for c in iter_certificates(ROOT / "catalogue", f)}
    for number, text in issued_texts.items():
        assert text.endswith("\n") and text.count("\n") == 1
        claims = verify(cose_of(text.strip()), published_keys)
        assert claims is not None, number
        assert claims[1] == "JLVSC"
        certificate = claims[-65537]
        assert certificate[1] == number and certificate[2] == holders[number].query_code
        assert certificate[3] == holders[number].holder_name
        assert set(certificate) == set(range(1, 10))  # no ID number among the fields
        assert holders[number].id_number not in json.dumps(claims, ensure_ascii=False, default=str)


def test_every_one_character_change_fails(issued_texts: dict[str, str],
                                          published_keys: dict[str, dict[str, str]]) -> None:
    text = next(iter(issued_texts.values())).strip()
    tried = 0
    for position in range(len(text)):
        for char in BASE45 + "a":
            if char != text[position]:
                changed = text[:position] + char + text[position + 1:]
                assert not verifies(changed, published_keys), (position, char)
                tried += 1
    assert tried == len(text) * 45


def test_a_complemented_byte_in_any_layer_fails(issued_texts: dict[str, str],
                                                published_keys: dict[str, dict[str, str]]) -> None:
    text = next(iter(issued_texts.values())).strip()
    stream = b45decode(text[len(PREFIX):])
    message = zlib.decompress(stream)
    assert verify(message, published_keys) is not None
    for position in range(len(stream)):
        changed = stream[:position] + bytes([stream[position] ^ 0xFF]) + stream[position + 1:]
        assert not verifies(PREFIX + _b45(changed), published_keys), ("zlib", position)
    for position in range(len(message)):
        changed = message[:position] + bytes([message[position] ^ 0xFF]) + message[position + 1:]
        assert not verifies(PREFIX + _b45(zlib.compress(changed)), published_keys), ("COSE", position)


def _b45(data: bytes) -> str:
    return b45encode(data).decode("ascii")
