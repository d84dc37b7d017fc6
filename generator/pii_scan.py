"""Scan a built site for holders' names, ID numbers and certificate numbers, in any common encoding.

Rather than encoding every value in every way (1,000,000 certificates would make tens of millions of
patterns), each file is decoded into a few views and the views are searched by shape:

- views: the bytes as UTF-8 (every file, binary ones too, invalid bytes replaced), and for files that
  are valid UTF-8 text also with `\\uXXXX` / `\\u{…}` escapes decoded (either case, surrogate pairs
  joined), with percent-encoding decoded, with HTML character references decoded, and every run of
  base64 (standard or URL-safe alphabet) decoded from each of its four starting offsets, which covers
  the three byte alignments of a value inside encoded data. Gzip files (by magic number, so Pagefind's
  compressed fragments too) are decompressed and scanned the same way.
- search: certificate numbers and ID numbers are found by their layout and looked up in a set; names
  by taking each run of CJK characters and middle dots and looking up its substrings of every length a
  name has. Values of any other shape are searched as plain substrings (expected to be rare).

Binary files get the raw view only: base64 or percent runs in random bytes would be noise.
A leak message names the file, the encoding and the kind of value, never the value itself.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import urllib.parse
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.lookup.normalise import normalise_name
from generator.model import Catalogue, CertificateFile

if TYPE_CHECKING:
    from generator.cache import BuildCache

_NUMBER = re.compile(r"[YS][0-9]{21}")
_ID = re.compile(r"[0-9]{17,}[0-9Xx]?")
_NAME_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•‧・･∙⋅"
_NAME_RUN = re.compile(f"[{_NAME_CHARS}]{{2,}}")
_NAME_ONLY = re.compile(f"[{_NAME_CHARS}]+")
_DOT_MAP = str.maketrans({c: "\u00b7" for c in "•‧・･∙⋅"})
_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}")
_URLSAFE = str.maketrans("-_", "+/")
_MAX_GZIP = 256 * 1024 * 1024


@dataclass(frozen=True, order=True)
class Leak:
    path: str  # relative to the site root
    encoding: str  # utf-8, json-escape, percent, html-entity, base64; "gzip/…" inside compressed data
    kind: str  # name, id_number, certificate_number, other

    def __str__(self) -> str:
        return f"{self.path}: a holder's {self.kind.replace('_', ' ')} ({self.encoding})"


class HolderValues:
    """The values to look for, split by shape for fast lookup."""

    def __init__(self, values: Iterable[str]) -> None:
        self.numbers: set[str] = set()
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.others: set[str] = set()
        for value in values:
            if _NUMBER.fullmatch(value):
                self.numbers.add(value)
            elif re.fullmatch(r"[0-9]{17}[0-9X]", value):
                self.ids.add(value)
            elif _NAME_ONLY.fullmatch(value):
                self.names.add(value.translate(_DOT_MAP))
            elif value:
                self.others.add(value)
        self.name_lengths = sorted({len(n) for n in self.names})

    def kinds_in(self, text: str) -> set[str]:
        kinds: set[str] = set()
        if self.numbers and any(m.group() in self.numbers for m in _NUMBER.finditer(text)):
            kinds.add("certificate_number")
        if self.ids and self._has_id(text):
            kinds.add("id_number")
        if self.names and self._has_name(text):
            kinds.add("name")
        if any(value in text for value in self.others):
            kinds.add("other")
        return kinds

    def _has_id(self, text: str) -> bool:
        for match in _ID.finditer(text):
            run = match.group().upper()
            if any(run[i:i + 18] in self.ids for i in range(len(run) - 17)):
                return True
        return False

    def _has_name(self, text: str) -> bool:
        for match in _NAME_RUN.finditer(text):
            run = match.group().translate(_DOT_MAP)
            for length in self.name_lengths:
                if length > len(run):
                    break
                if any(run[i:i + length] in self.names for i in range(len(run) - length + 1)):
                    return True
        return False


def holder_values(catalogue: Catalogue, catalogue_dir: Path, *, cache: BuildCache | None = None) -> set[str]:
    """Every holder name (as written and normalised), ID number and certificate number published.
    With a cache, the values of a file read before are not read again."""
    from generator.certificates import iter_certificates

    def of_file(certificate_file: CertificateFile) -> list[str]:
        found: set[str] = set()
        for cert in iter_certificates(catalogue_dir, certificate_file):
            found.update((cert.holder_name, normalise_name(cert.holder_name), cert.id_number.upper(),
                          cert.number))
        return sorted(found)

    files = catalogue.certificate_files
    if cache is None:
        per_file = [of_file(f) for f in files]
    else:
        keys = [cache.key("holders", cache.file_digest(catalogue_dir / f.path)) for f in files]
        per_file = cache.reuse("holders", keys, lambda missing: [of_file(files[i]) for i in missing])
    values: set[str] = set()
    for found in per_file:
        values.update(found)
    return values


def scan_site(site_dir: Path, values: Iterable[str] | HolderValues) -> list[Leak]:
    """Every place in the site where one of the values appears, in any of the encodings above."""
    wanted = values if isinstance(values, HolderValues) else HolderValues(values)
    leaks: set[Leak] = set()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        for encoding, kinds in scan_bytes(path.read_bytes(), wanted):
            leaks.update(Leak(rel, encoding, kind) for kind in kinds)
    return sorted(leaks)


def scan_bytes(data: bytes, wanted: HolderValues, prefix: str = "") -> list[tuple[str, set[str]]]:
    found: list[tuple[str, set[str]]] = []
    if data[:2] == b"\x1f\x8b" and not prefix:
        inner = _gunzip(data)
        if inner is not None:
            found.extend(scan_bytes(inner, wanted, "gzip/"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    views = [("utf-8", text if text is not None else data.decode("utf-8", errors="replace"))]
    if text is not None:
        views.extend(decoded_views(text))
    for encoding, view in views:
        kinds = wanted.kinds_in(view)
        if kinds:
            found.append((prefix + encoding, kinds))
    return found


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
    pieces = []
    for match in _BASE64_RUN.finditer(text):
        run = match.group().translate(_URLSAFE)
        for offset in range(4):
            chunk = run[offset:]
            chunk = chunk[:len(chunk) // 4 * 4]
            if len(chunk) >= 8:
                try:
                    pieces.append(base64.b64decode(chunk).decode("utf-8", errors="replace"))
                except (binascii.Error, ValueError):
                    continue
    return "\ufffd".join(pieces)


def _gunzip(data: bytes) -> bytes | None:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _MAX_GZIP)
    except zlib.error:
        return None
