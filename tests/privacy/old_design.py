"""The lookup index of format version 1, rebuilt in a few lines for the privacy tests only.

Each attack in `test_findings.py` is first run against this construction, where it succeeds (the
test's positive control: the attack is real), then against the site's index, where it must fail.
Version 1 sealed every certificate twice, under "number + name" (mode A) and "ID number + name"
(mode B); the salt came from an HMAC of the secret, the shard from an unsalted hash of the query,
and the AES-GCM key and nonce from the query and salt alone. Test code: never part of the site.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from collections import defaultdict
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from generator.masking import mask_name
from generator.model import Certificate

DEVELOPMENT_SECRET = b"jlvsc development build secret (published, not for production)"
DOMAIN = b"JLVSC-LOOKUP"


def build_secret(value: str) -> bytes:
    """Version 1 took any non-empty value and fell back to the published secret otherwise."""
    return value.encode("utf-8") if value else DEVELOPMENT_SECRET


def query(mode: str, key: str, name: str) -> bytes:
    return DOMAIN + b"\x01" + mode.encode() + key.encode() + b"\x00" + name.encode()


def block(q: bytes) -> bytes:
    data = len(q).to_bytes(2, "big") + q
    return data + b"\x00" * (-len(data) % 64)


def shard_prefix(q: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"shard" + q).digest()[:4], "big")


def salt(secret: bytes, q: bytes, bits: int) -> int:
    mac = hmac.digest(secret, b"salt" + q + (0).to_bytes(4, "big"), "sha256")
    return int.from_bytes(mac[:4], "big") % (1 << bits)


def tag_material(m: bytes, s: int) -> bytes:
    return hashlib.sha256(m + s.to_bytes(4, "big")).digest()


def record(cert: Certificate) -> bytes:
    """The fields that matter to the attacks, in the old record's spirit (40 bytes)."""
    revoked = cert.status == "revoked"
    days = (cert.revoked_on.toordinal() - 730120) if revoked and cert.revoked_on else 0
    masked = mask_name(cert.holder_name).encode()
    head = struct.pack(">BBBHBB", 1, 1 if revoked else 0, cert.level, days,
                       (cert.revocation_reason or 0) if revoked else 0, len(masked))
    return (head + masked).ljust(40, b"\x00")


def seal(m: bytes, s: int, plain: bytes) -> bytes:
    t = tag_material(m, s)
    return t[:8] + AESGCM(t[16:32]).encrypt(t[8:16] + b"\x00" * 4, plain, None)


def filler(secret: bytes, size: int) -> bytes:
    key = hmac.new(secret, b"padding", hashlib.sha256).digest()
    encryptor = Cipher(algorithms.AES(key), modes.CTR(b"\x00" * 16)).encryptor()
    return encryptor.update(b"\x00" * size) + encryptor.finalize()


@dataclass
class OldIndex:
    """Shards of version-1 entries, padded from the secret's stream to the fullest shard's size."""

    shards: dict[int, list[bytes]]
    shard_bits: int
    salt_bits: int

    @classmethod
    def build(cls, certificates: list[Certificate], secret: bytes, *, shard_bits: int = 4,
              salt_bits: int = 8) -> OldIndex:
        shards: dict[int, list[bytes]] = defaultdict(list)
        for cert in certificates:
            pair = (query("A", cert.number, cert.holder_name), query("B", cert.id_number, cert.holder_name))
            for q in pair:
                shards[shard_prefix(q) >> (32 - shard_bits)].append(
                    seal(block(q), salt(secret, q, salt_bits), record(cert)))
        size = max(len(v) for v in shards.values())
        pad = filler(secret, size * (1 << shard_bits) * 64)
        offset = 0
        for number in range(1 << shard_bits):
            entries = shards[number]
            while len(entries) < size:
                entries.append(pad[offset:offset + 64])
                offset += 64
            entries.sort()
        return cls(dict(shards), shard_bits, salt_bits)

    def shard_of(self, q: bytes) -> list[bytes]:
        return self.shards[shard_prefix(q) >> (32 - self.shard_bits)]
