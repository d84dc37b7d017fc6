"""The readings of a file in which a value might hide: the bytes as UTF-8 (every file, binary ones
too, invalid bytes replaced), and for files that are valid UTF-8 text also with `\\uXXXX` / `\\u{…}`
escapes decoded (either case, surrogate pairs joined), with percent-encoding decoded, with HTML
character references decoded, and every run of base64 (standard or URL-safe alphabet) decoded from
each of its four starting offsets, which covers the three byte alignments of a value inside encoded
data. Gzip files (by magic number, so Pagefind's compressed fragments too) are decompressed and read
the same way, their readings named `gzip/…`, and so is every member of a zip archive (the XLSX
downloads), named `zip:<member>/…`. Binary files get the raw reading only: base64 or
percent runs in random bytes would be noise."""

from __future__ import annotations

import binascii
import html
import io
import re
import urllib.parse
import zipfile
import zlib

_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}")
_MAX_GZIP = 256 * 1024 * 1024


def views_of(data: bytes, prefix: str = "") -> list[tuple[str, str]]:
    """(encoding, text) of every reading of the bytes."""
    views: list[tuple[str, str]] = []
    if data[:2] == b"\x1f\x8b" and not prefix:
        inner = _gunzip(data)
        if inner is not None:
            views.extend(views_of(inner, "gzip/"))
    if data[:4] == b"PK\x03\x04" and not prefix:
        for name, member in _unzip(data):
            views.extend(views_of(member, f"zip:{name}/"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    views.append((prefix + "utf-8", text if text is not None else data.decode("utf-8", errors="replace")))
    if text is not None:
        views.extend((prefix + encoding, view) for encoding, view in decoded_views(text))
    return views


def decoded_views(text: str) -> list[tuple[str, str]]:
    views = []
    if "\\u" in text or "\\U" in text:
        views.append(("json-escape", _unescape(text)))
    if "%" in text:
        views.append(("percent", urllib.parse.unquote(text, errors="replace")))
    if "&" in text:
        views.append(("html-entity", html.unescape(text)))
    views.append(("base64", _base64_view(text)))
    return views


def _unescape(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value <= 0x10FFFF else "\ufffd"

    joined = _ESCAPE.sub(char, text)
    return joined.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")  # join pairs


def _base64_view(text: str) -> str:
    """Every base64 run decoded from each of its four starting offsets. The chunks of one offset are
    decoded in one call, joined by "////" (three 0xFF bytes, which decode to U+FFFD and so keep a
    value from running across two chunks)."""
    urlsafe_as_standard = text.replace("-", "+").replace("_", "/")  # the URL-safe alphabet read as standard
    runs = [match.group() for match in _BASE64_RUN.finditer(urlsafe_as_standard)]
    pieces = []
    for offset in range(4):
        chunks = [chunk[:len(chunk) // 4 * 4] for chunk in (run[offset:] for run in runs)]
        chunks = [chunk for chunk in chunks if len(chunk) >= 8]
        if chunks:
            try:
                pieces.append(binascii.a2b_base64("////".join(chunks)).decode("utf-8", errors="replace"))
            except (binascii.Error, ValueError):  # pragma: no cover - chunks are whole quads of the alphabet
                continue
    return "\ufffd".join(pieces)


def _unzip(data: bytes) -> list[tuple[str, bytes]]:
    """The members of a zip archive, each read up to the gzip limit; none if it is not readable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            out = []
            for info in archive.infolist():
                with archive.open(info) as member:
                    out.append((info.filename, member.read(_MAX_GZIP)))
            return out
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return []


def _gunzip(data: bytes) -> bytes | None:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _MAX_GZIP)
    except zlib.error:
        return None
