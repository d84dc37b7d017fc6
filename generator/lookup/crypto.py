"""Key derivation and encryption of index entries (mirrored in `lookup/core.js`).

For a query q and its hidden salt s (k bits):

    M   = len(q) as u16 ‖ q, zero-padded to a multiple of 64 bytes (whole SHA-256 blocks)
    t_s = SHA-256(M ‖ s as u32 big-endian)
    entry = t_s[0:8] ‖ AES-GCM(key = t_s[16:32], nonce = t_s[8:16] ‖ 0x00000000, record)

The verifier hashes M once and then pays one SHA-256 compression per candidate s; so does an
attacker, for every guess. The build knows s (derived from a secret) and pays one hash.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from generator.lookup.format import TAG_SIZE

DEVELOPMENT_SECRET = b"jlvsc development build secret (published, not for production)"


def build_secret(env_name: str) -> tuple[bytes, str | None]:
    """The build secret from the environment, or the development secret and a warning."""
    value = os.environ.get(env_name, "")
    if value:
        return value.encode("utf-8"), None
    return DEVELOPMENT_SECRET, (
        f"lookup index: environment variable {env_name} is not set; salts and padding were derived "
        "from the published development secret (set it for a production build)"
    )


def query_block(q: bytes) -> bytes:
    """M: the query, length-prefixed and zero-padded to whole 64-byte blocks."""
    data = len(q).to_bytes(2, "big") + q
    return data + b"\x00" * (-len(data) % 64)


def shard_prefix(q: bytes) -> int:
    """First 32 bits of SHA-256("shard" ‖ q); a shard is named by its first shard_bits bits."""
    return int.from_bytes(hashlib.sha256(b"shard" + q).digest()[:4], "big")


def salts(secret: bytes, q: bytes, count: int, salt_bits: int) -> list[int]:
    """`count` distinct salts for the records sharing the query q (one ID number, several certificates)."""
    found: list[int] = []
    counter = 0
    while len(found) < count:
        mac = hmac.digest(secret, b"salt" + q + counter.to_bytes(4, "big"), "sha256")
        value = int.from_bytes(mac[:4], "big") % (1 << salt_bits)
        if value not in found:
            found.append(value)
        counter += 1
    return found


def tag_material(block: bytes, salt: int) -> bytes:
    return hashlib.sha256(block + salt.to_bytes(4, "big")).digest()


def seal(block: bytes, salt: int, record: bytes) -> bytes:
    """One index entry: lookup tag ‖ AES-GCM ciphertext and authentication tag."""
    t = tag_material(block, salt)
    return t[:TAG_SIZE] + AESGCM(t[16:32]).encrypt(t[8:16] + b"\x00" * 4, record, None)


def open_entry(block: bytes, salt: int, entry: bytes) -> bytes:
    """Inverse of `seal` (tests and benchmarks); raises cryptography's InvalidTag on a wrong key."""
    t = tag_material(block, salt)
    if entry[:TAG_SIZE] != t[:TAG_SIZE]:
        raise ValueError("lookup tag does not match")
    return AESGCM(t[16:32]).decrypt(t[8:16] + b"\x00" * 4, entry[TAG_SIZE:], None)


def filler(secret: bytes, size: int) -> bytes:
    """Deterministic random-looking bytes for dummy entries (AES-CTR keystream under a derived key)."""
    key = hmac.new(secret, b"padding", hashlib.sha256).digest()
    encryptor = Cipher(algorithms.AES(key), modes.CTR(b"\x00" * 16)).encryptor()
    return encryptor.update(b"\x00" * size) + encryptor.finalize()
