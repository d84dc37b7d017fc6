"""The lookup's build secret: where it comes from, and when it is good enough to publish with.

The secret derives each entry's hidden salt and the padding entries. Whoever knows it can skip the
salt search (one hash per guess instead of 2^salt_bits) and tell padding from real entries, so a
production build (`extra.sample_data: false`, or `skills-site build --production`) refuses to run
unless the secret is at least 32 random bytes written as hex or base64. A build of sample data
without a secret uses a published development secret and says so.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import zlib
from dataclasses import dataclass

from generator.errors import BuildError

DEVELOPMENT_SECRET = b"jlvsc development build secret (published, not for production)"
MIN_BYTES = 32
MIN_DISTINCT = 16  # 32 random bytes have about 30 distinct values; fewer than 16 is a pattern
# … and random bytes do not compress: zlib makes them longer, while a repeated word shrinks.
ENV = "SKILLS_SITE_LOOKUP_SECRET"
HOW_TO_MAKE = ('python3 -c "import secrets; print(secrets.token_hex(32))"')

_HEX = re.compile(r"[0-9a-fA-F]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


@dataclass(frozen=True)
class Secret:
    value: bytes
    warning: str | None = None


def decode_secret(text: str) -> bytes | None:
    """The bytes of a secret written as hex or base64 (standard or URL-safe), or None."""
    text = text.strip()
    if len(text) % 2 == 0 and _HEX.fullmatch(text):
        return bytes.fromhex(text)
    if _BASE64.fullmatch(text):
        padded = text.replace("-", "+").replace("_", "/")
        padded += "=" * (-len(padded) % 4)
        try:
            return base64.b64decode(padded, validate=True)
        except (binascii.Error, ValueError):
            return None
    return None


def production_problem(text: str) -> str | None:
    """Why `text` may not be a production secret, or None when it may."""
    if not text.strip():
        return f"{ENV} is not set or empty"
    raw = decode_secret(text)
    if raw is None:
        return (f"{ENV} is not written as hex or base64 "
                f"(expected {MIN_BYTES} random bytes, e.g. {HOW_TO_MAKE})")
    if raw == DEVELOPMENT_SECRET or text.encode("utf-8") == DEVELOPMENT_SECRET:
        return f"{ENV} is the published development secret"
    if len(raw) < MIN_BYTES:
        return f"{ENV} holds {len(raw)} bytes (expected at least {MIN_BYTES} random bytes)"
    if len(set(raw)) < MIN_DISTINCT or len(zlib.compress(raw, 9)) < len(raw):
        return (f"{ENV} is not random: its {len(raw)} bytes repeat a pattern "
                f"(expected {MIN_BYTES} random bytes, e.g. {HOW_TO_MAKE})")
    return None


def lookup_secret(*, production: bool, env: dict[str, str] | None = None) -> Secret:
    """The secret for this build; raises BuildError when a production build would be unsafe."""
    text = (os.environ if env is None else env).get(ENV, "")
    if production:
        problem = production_problem(text)
        if problem:
            raise BuildError(f"production build refused: {problem}. The lookup index of a production "
                             f"site must be sealed with its own secret: generate one with {HOW_TO_MAKE} "
                             f"and provide it as the environment variable {ENV}.")
        return Secret(decode_secret(text))  # type: ignore[arg-type]
    if not text:
        return Secret(DEVELOPMENT_SECRET, f"lookup index: {ENV} is not set; salts and padding were derived "
                                          "from the published development secret (sample data only)")
    raw = decode_secret(text)
    if raw is None or production_problem(text):
        return Secret(raw or text.encode("utf-8"), f"lookup index: {ENV} is not {MIN_BYTES} random bytes in "
                                                   "hex or base64; a production build would refuse it")
    return Secret(raw)
