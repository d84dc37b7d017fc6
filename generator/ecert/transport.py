"""The QR text of an electronic certificate: `JLZS1:` + base45(zlib(COSE_Sign1)).

The prefix names the format and its version: `JLZS` (吉林证书) and `1`. A text with another
prefix is not one of ours; `JLZS` with another number is a version this code does not read.

Deflate has bits that change nothing: the padding after the last code, the compression-level bits
of the zlib header, and, in some Huffman tables zlib writes, bits that describe codes the data never
uses. Changing only those leaves the signed message byte for byte as it was. So that no
one-character change of a printed text still verifies, `encode` tries zlib settings in a fixed
order and keeps the first whose text has no such character: every one-character variant is
decompressed and compared with the message (about 16,000 variants, 0.1 s). Run-length encoding
comes first: on the sample certificates it always qualified, at some 16 bytes more than zlib's
default, which never did. A text ending in a space is skipped too (pasting would drop the space).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from generator.ecert import base45

FAMILY = "JLZS"
VERSION = 1
PREFIX = f"{FAMILY}{VERSION}:"
_PREFIX = re.compile(rf"{FAMILY}(\d+):")
MAX_TEXT = 4296  # the most characters a QR code holds (version 40, alphanumeric, error level L)
# (level, strategy) in the order tried
SETTINGS = [(9, zlib.Z_RLE), (9, zlib.Z_HUFFMAN_ONLY), (9, zlib.Z_FILTERED), (1, zlib.Z_FILTERED),
            (9, zlib.Z_DEFAULT_STRATEGY), (1, zlib.Z_DEFAULT_STRATEGY), (9, zlib.Z_FIXED), (1, zlib.Z_FIXED)]


class TransportError(ValueError):
    """The text cannot be read as an electronic certificate; `kind` says how far it got:
    "not-ours" (another prefix), "version" (another version of ours), "damaged" (base45 or zlib)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def compress(message: bytes, level: int, strategy: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, 15, 9, strategy)
    return compressor.compress(message) + compressor.flush()


def one_character_variants(stream: bytes) -> Iterator[bytes]:
    """Every byte string that base45(stream) with one character changed decodes to."""
    for i in range(0, len(stream), 2):
        pair = i + 1 < len(stream)
        value = stream[i] * 256 + stream[i + 1] if pair else stream[i]
        weights, limit = ((1, 45, 2025), 0xFFFF) if pair else ((1, 45), 0xFF)
        for weight in weights:
            digit = value // weight % 45
            for other in range(45):
                changed = value + (other - digit) * weight
                if other != digit and changed <= limit:
                    replacement = bytes((changed >> 8, changed & 0xFF)) if pair else bytes((changed,))
                    yield stream[:i] + replacement + stream[i + (2 if pair else 1):]


def is_rigid(stream: bytes, message: bytes) -> bool:
    """True when no one-character change of base45(stream) decompresses to `message`."""
    for variant in one_character_variants(stream):
        try:
            if zlib.decompress(variant) == message:
                return False
        except zlib.error:
            continue
    return True


def encode(message: bytes) -> str:
    for level, strategy in SETTINGS:
        stream = compress(message, level, strategy)
        text = base45.encode(stream)
        if not text.endswith(" ") and is_rigid(stream, message):
            return PREFIX + text
    raise ValueError("no zlib setting gives a text without a harmless one-character change")


def decode(text: str) -> bytes:
    """The COSE message of a QR text; surrounding whitespace (from pasting) is ignored."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise TransportError("damaged", f"{len(text)} characters, more than any QR code holds ({MAX_TEXT})")
    match = _PREFIX.match(text)
    if not match:
        raise TransportError("not-ours", f"the text does not start with {FAMILY}<version>:")
    if match.group(1) != str(VERSION):
        raise TransportError("version", f"format version {match.group(1)} (this code reads {VERSION})")
    try:
        stream = base45.decode(text[match.end():])
    except base45.Base45Error as exc:
        where = match.end() + exc.position + 1
        raise TransportError("damaged", f"base45: {exc} (character {where})") from None
    try:
        decompressor = zlib.decompressobj()
        message = decompressor.decompress(stream)
    except zlib.error as exc:
        raise TransportError("damaged", f"zlib: {exc}") from None
    if not decompressor.eof or decompressor.unused_data:
        raise TransportError("damaged", "zlib: the stream is cut short or followed by other bytes")
    return message
