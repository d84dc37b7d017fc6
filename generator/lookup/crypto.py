"""Key derivation and sealing of index entries (mirrored in `lookup/core.js`).

For a query q (`format.query_bytes`) and its hidden salt s (salt_bits bits):

    M     = len(q) as u16 ‖ q, zero-padded to 64 bytes (one SHA-256 block)
    s     = HMAC-SHA256(salt key, q)[0:4] mod 2^salt_bits, salt key = HMAC-SHA256(secret, "salt")
    t     = SHA-256(M ‖ s as u32 big-endian)
    tag   = t[0:8]
    k     = SHA-256("JLVSC-KEYS" ‖ t);  k_enc = k[0:16], k_mac = k[16:32]
    siv   = HMAC-SHA256(k_mac, record)[0:16]
    entry = tag ‖ siv ‖ (record XOR SHA-256("JLVSC-STREAM" ‖ k_enc ‖ siv))

The verifier hashes M once and then pays one SHA-256 compression per candidate s; so does an
attacker, for every guess. The build knows s (derived from the secret) and pays one hash.

The nonce is synthetic (SIV): it is a MAC of the record under a key that only the query opens. The
same record always seals to the same bytes, so an unchanged entry stays byte-identical from build
to build; a changed record gets a new siv and with it a new keystream, so no key and nonce ever
encrypt two different records, and comparing two builds shows only that an entry changed. The
keystream is SHA-256 of the key and the nonce (a record is exactly one digest long): a PRF of a
unique input, as cheap as one hash, where a block cipher would cost a key schedule per entry.
Padding entries come from AES-CTR under a key derived from the secret, one stream per shard.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from generator.lookup.format import ENTRY_SIZE, RECORD_SIZE, SIV_SIZE, TAG_SIZE

KEYS_DOMAIN = b"JLVSC-KEYS"
SHARD_DOMAIN = b"JLVSC-SHARD"
STREAM_DOMAIN = b"JLVSC-STREAM"


def query_block(q: bytes) -> bytes:
    """M: the query, length-prefixed and zero-padded to whole 64-byte blocks."""
    data = len(q).to_bytes(2, "big") + q
    return data + b"\x00" * (-len(data) % 64)


def shard_prefix(q: bytes) -> int:
    """First 32 bits of SHA-256("JLVSC-SHARD" ‖ q); a shard is named by its first shard_bits bits.
    q holds the verification code, so the shard a lookup fetches says nothing without it."""
    return int.from_bytes(hashlib.sha256(SHARD_DOMAIN + q).digest()[:4], "big")


def salt_key(secret: bytes) -> bytes:
    return hmac.digest(secret, b"salt", "sha256")


def salt(key: bytes, q: bytes, salt_bits: int) -> int:
    return int.from_bytes(hmac.digest(key, q, "sha256")[:4], "big") % (1 << salt_bits)


def tag_material(block: bytes, salt_value: int) -> bytes:
    return hashlib.sha256(block + salt_value.to_bytes(4, "big")).digest()


def entry_keys(t: bytes) -> tuple[bytes, bytes]:
    k = hashlib.sha256(KEYS_DOMAIN + t).digest()
    return k[:16], k[16:]


def _ctr(key: bytes, siv: bytes, data: bytes) -> bytes:
    cipher = Cipher(algorithms.AES(key), modes.CTR(siv)).encryptor()
    return cipher.update(data) + cipher.finalize()


def _xor_stream(k_enc: bytes, siv: bytes, data: bytes) -> bytes:
    stream = hashlib.sha256(STREAM_DOMAIN + k_enc + siv).digest()
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(RECORD_SIZE, "big")


def seal_with(t: bytes, record: bytes) -> bytes:
    """One entry from the tag material t of its query."""
    if len(record) != RECORD_SIZE:
        raise ValueError(f"record has {len(record)} bytes (expected {RECORD_SIZE})")
    k_enc, k_mac = entry_keys(t)
    siv = hmac.digest(k_mac, record, "sha256")[:SIV_SIZE]
    return t[:TAG_SIZE] + siv + _xor_stream(k_enc, siv, record)


def seal(q: bytes, salt_value: int, record: bytes) -> bytes:
    return seal_with(tag_material(query_block(q), salt_value), record)


def open_entry(q: bytes, salt_value: int, entry: bytes) -> bytes:
    """Inverse of `seal` (tests and benchmarks); raises ValueError when the entry is not q's."""
    t = tag_material(query_block(q), salt_value)
    if len(entry) != ENTRY_SIZE or entry[:TAG_SIZE] != t[:TAG_SIZE]:
        raise ValueError("lookup tag does not match")
    k_enc, k_mac = entry_keys(t)
    siv = entry[TAG_SIZE:TAG_SIZE + SIV_SIZE]
    record = _xor_stream(k_enc, siv, entry[TAG_SIZE + SIV_SIZE:])
    if not hmac.compare_digest(hmac.digest(k_mac, record, "sha256")[:SIV_SIZE], siv):
        raise ValueError("entry does not authenticate")
    return record


def padding_key(secret: bytes, shard_bits: int) -> bytes:
    return hmac.digest(secret, b"padding" + bytes([shard_bits]), "sha256")


def padding(key: bytes, shard: int, count: int) -> list[bytes]:
    """The first `count` padding entries of one shard: an AES-CTR keystream under a key derived from
    the secret, started at the shard's own number. A shard's padding depends only on which shard it
    is, so adding entries elsewhere never changes it."""
    stream = _ctr(key[:16], shard.to_bytes(8, "big") + bytes(8), bytes(count * ENTRY_SIZE))
    return [stream[i:i + ENTRY_SIZE] for i in range(0, len(stream), ENTRY_SIZE)]
