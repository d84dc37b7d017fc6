"""Scan a built site for holders' names, ID numbers and certificate numbers, in any common encoding.

Rather than encoding every value in every way (1,000,000 certificates would make tens of millions of
patterns), each file is decoded into a few views and the views are searched by shape:

- views: the bytes as UTF-8 (every file, binary ones too, invalid bytes replaced), and for files that
  are valid UTF-8 text also with `\\uXXXX` / `\\u{…}` escapes decoded (either case, surrogate pairs
  joined), with percent-encoding decoded, with HTML character references decoded, and every run of
  base64 (standard or URL-safe alphabet) decoded from each of its four starting offsets, which covers
  the three byte alignments of a value inside encoded data. Gzip files (by magic number, so Pagefind's
  compressed fragments too) are decompressed and scanned the same way, and so is every member of a
  zip archive (the XLSX downloads).
- search: certificate numbers and ID numbers are found by their layout and looked up in a set; names
  by taking each run of CJK characters and middle dots and looking up its substrings of every length a
  name has. Values of any other shape are searched as plain substrings (expected to be rare).

Binary files get the raw view only: base64 or percent runs in random bytes would be noise.
A leak message names the file, the encoding and the kind of value, never the value itself.
"""

from __future__ import annotations

import binascii
import html
import io
import multiprocessing
import os
import re
import urllib.parse
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator.lookup.normalise import normalise_name
from generator.masking import DOT_TABLE, LOOKALIKE_DOTS, MIDDLE_DOT
from generator.model import Catalogue, CertificateFile

if TYPE_CHECKING:
    from generator.cache import BuildCache

T = TypeVar("T")

_NUMBER = re.compile(r"[YS][0-9]{21}")
_ID = re.compile(r"[0-9]{17,}[0-9Xx]?")
_NAME_CHARS = f"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f{MIDDLE_DOT}{LOOKALIKE_DOTS}"
_NAME_RUN = re.compile(f"[{_NAME_CHARS}]{{2,}}")
_NAME_ONLY = re.compile(f"[{_NAME_CHARS}]+")
_DOT_MAP = DOT_TABLE
_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}")
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
        for value in values:  # the shapes of _NUMBER and of an ID number, tested without a regex
            size = len(value)
            if size == 22 and value[0] in "YS" and value.isascii() and value[1:].isdigit():
                self.numbers.add(value)
            elif size == 18 and value.isascii() and value[:17].isdigit() and value[17] in "0123456789X":
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

    def names_in(self, text: str) -> set[str]:
        """Every wanted name that occurs in `text` (inside a run of CJK characters and dots)."""
        found: set[str] = set()
        for match in _NAME_RUN.finditer(text):
            run = match.group().translate(_DOT_MAP)
            for length in self.name_lengths:
                if length > len(run):
                    break
                found.update(piece for i in range(len(run) - length + 1)
                             if (piece := run[i:i + length]) in self.names)
        return found

    def _has_name(self, text: str) -> bool:
        for match in _NAME_RUN.finditer(text):
            run = match.group().translate(_DOT_MAP)
            for length in self.name_lengths:
                if length > len(run):
                    break
                if any(run[i:i + length] in self.names for i in range(len(run) - length + 1)):
                    return True
        return False


def _file_values(catalogue_dir: Path, certificate_file: CertificateFile) -> list[str]:
    from generator.certificates import iter_certificates

    found: set[str] = set()
    for cert in iter_certificates(catalogue_dir, certificate_file):
        name = cert.holder_name
        found.update((name, normalise_name(name), cert.id_number.upper(), cert.number))
    return sorted(found)


def _file_shapes(catalogue_dir: Path, certificate_file: CertificateFile) -> tuple[list[str], ...]:
    wanted = HolderValues(_file_values(catalogue_dir, certificate_file))
    return sorted(wanted.numbers), sorted(wanted.ids), sorted(wanted.names), sorted(wanted.others)


def _per_file(kind: str, read: Callable[[Path, CertificateFile], T], catalogue: Catalogue,
              catalogue_dir: Path, cache: BuildCache | None) -> list[T]:
    files = catalogue.certificate_files
    if cache is None:
        return [read(catalogue_dir, f) for f in files]
    keys = [cache.key(kind, cache.file_digest(catalogue_dir / f.path)) for f in files]
    return cache.reuse(kind, keys, lambda missing: [read(catalogue_dir, files[i]) for i in missing])


def holder_values(catalogue: Catalogue, catalogue_dir: Path, *, cache: BuildCache | None = None) -> set[str]:
    """Every holder name (as written and normalised), ID number and certificate number published.
    With a cache, the values of a file read before are not read again."""
    values: set[str] = set()
    for found in _per_file("holders", _file_values, catalogue, catalogue_dir, cache):
        values.update(found)
    return values


def holder_value_sets(catalogue: Catalogue, catalogue_dir: Path, *,
                      cache: BuildCache | None = None) -> HolderValues:
    """`HolderValues(holder_values(...))`, with each file's values sorted by shape once (and cached)."""
    merged = HolderValues(())
    shapes = _per_file("holder-shapes", _file_shapes, catalogue, catalogue_dir, cache)
    for numbers, ids, names, others in shapes:
        merged.numbers.update(numbers)
        merged.ids.update(ids)
        merged.names.update(names)
        merged.others.update(others)
    merged.name_lengths = sorted({len(name) for name in merged.names})
    return merged


_SHARED: dict[str, HolderValues] = {}  # read by forked workers (copy-on-write), never pickled
PARALLEL_FROM = 500  # files; below this a worker pool costs more than it saves


def _scan_file(item: tuple[str, str]) -> list[Leak]:
    path, rel = item
    found = scan_bytes(Path(path).read_bytes(), _SHARED["wanted"])
    return [Leak(rel, encoding, kind) for encoding, kinds in found for kind in kinds]


def scan_site(site_dir: Path, values: Iterable[str] | HolderValues, *,
              workers: int | None = None) -> list[Leak]:
    """Every place in the site where one of the values appears, in any of the encodings above.
    Files are scanned by worker processes when there are many."""
    wanted = values if isinstance(values, HolderValues) else HolderValues(values)
    items = [(str(p), p.relative_to(site_dir).as_posix()) for p in sorted(site_dir.rglob("*")) if p.is_file()]
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(items) >= PARALLEL_FROM else 1
    _SHARED["wanted"] = wanted
    try:
        if workers > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_scan_file, items, chunksize=32)
        else:
            parts = [_scan_file(item) for item in items]
    finally:
        _SHARED.clear()
    return sorted({leak for part in parts for leak in part})


def scan_bytes(data: bytes, wanted: HolderValues, prefix: str = "") -> list[tuple[str, set[str]]]:
    found: list[tuple[str, set[str]]] = []
    if data[:2] == b"\x1f\x8b" and not prefix:
        inner = _gunzip(data)
        if inner is not None:
            found.extend(scan_bytes(inner, wanted, "gzip/"))
    if data[:4] == b"PK\x03\x04" and not prefix:
        for name, member in _unzip(data):
            found.extend(scan_bytes(member, wanted, f"zip:{name}/"))
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
