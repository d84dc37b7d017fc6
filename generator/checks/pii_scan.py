"""Scan a built site for holders' names, ID numbers, certificate numbers and verification codes, in
any common encoding (`views`).

Rather than encoding every value in every way (millions of certificates would make tens of millions
of patterns), each file is reduced to the tokens its readings hold (`tokens`): substrings shaped like
a certificate number, an ID number or a code, and hashes of the substrings that could be a name.
The tokens of a file are cached by its content, so a rebuild reads only new and changed files; every
file's tokens are matched against the current holders' values on every build.

The holders' values are kept as 64-bit hashes in sorted arrays (names as the hashes their windows
get), so that ten million certificates fit in a few hundred megabytes. A leak message names the
file, the encoding and the kind of value, never the value itself.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from generator.checks.tokens import NAME_ONLY, SHORT_NAME, Tokens, file_tokens, hash_values, window_hashes
from generator.lookup.code import LENGTH as CODE_LENGTH
from generator.lookup.code import is_code
from generator.lookup.normalise import normalise_name
from generator.masking import DOT_TABLE, MIDDLE_DOT
from generator.model import Catalogue, CertificateFile

if TYPE_CHECKING:
    from generator.cache import BuildCache

T = TypeVar("T")
_EMPTY = np.empty(0, dtype=np.uint64)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique` by sorting in place: for millions of hashes, faster than numpy's hash table."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _found(wanted: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """The candidates that are in `wanted` (sorted): a binary search each, so a file's few hundred
    candidates cost nothing next to millions of wanted values."""
    if not len(wanted) or not len(candidates):
        return candidates[:0]
    at = np.searchsorted(wanted, candidates).clip(max=len(wanted) - 1)
    return candidates[wanted[at] == candidates]


@dataclass(frozen=True, order=True)
class Leak:
    path: str  # relative to the site root
    encoding: str  # utf-8, json-escape, percent, html-entity, base64; "gzip/…" inside compressed data
    kind: str  # name, id_number, certificate_number, verification_code, other

    def __str__(self) -> str:
        return f"{self.path}: a holder's {self.kind.replace('_', ' ')} ({self.encoding})"


@dataclass
class HolderValues:
    """The values to look for, by shape: hashes in sorted arrays, and the few names and values that
    hashing does not cover as text."""

    numbers: np.ndarray = field(default_factory=lambda: _EMPTY)
    ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    codes: np.ndarray = field(default_factory=lambda: _EMPTY)
    names: np.ndarray = field(default_factory=lambda: _EMPTY)  # window hashes of names
    long_names: frozenset[str] = frozenset()  # names longer than SHORT_NAME without a middle dot
    others: frozenset[str] = frozenset()  # values of no known shape (searched as text)

    @classmethod
    def of(cls, values: Iterable[str]) -> HolderValues:
        numbers, ids, codes, names, long_names, others = set(), set(), set(), set(), set(), set()
        for value in values:
            size = len(value)
            if size == 22 and value[0] in "YS" and value.isascii() and value[1:].isdigit():
                numbers.add(value)
            elif size == 18 and value.isascii() and value[:17].isdigit() and value[17] in "0123456789X":
                ids.add(value)
            elif size == CODE_LENGTH and is_code(value):
                codes.add(value)
            elif NAME_ONLY.fullmatch(value):
                name = value.translate(DOT_TABLE)
                (long_names if len(name) > SHORT_NAME and MIDDLE_DOT not in name else names).add(name)
            elif value:
                others.add(value)
        return cls(hash_values(list(numbers)), hash_values(list(ids)), hash_values(list(codes)),
                   hash_values(list(names)), frozenset(long_names), frozenset(others))

    @classmethod
    def merge(cls, parts: Iterable[HolderValues]) -> HolderValues:
        parts = list(parts)

        def join(attribute: str) -> np.ndarray:
            arrays = [getattr(p, attribute) for p in parts]
            return sorted_unique(np.concatenate(arrays)) if arrays else _EMPTY

        return cls(join("numbers"), join("ids"), join("codes"), join("names"),
                   frozenset().union(*(p.long_names for p in parts)),
                   frozenset().union(*(p.others for p in parts)))

    def __len__(self) -> int:
        return (len(self.numbers) + len(self.ids) + len(self.codes) + len(self.names) + len(self.long_names)
                + len(self.others))

    def kinds(self, tokens: Tokens, view: str | None = None) -> set[str]:
        """The kinds of holder value among a view's tokens (`view`: its text, for values of no shape)."""
        found = set()
        for kind, wanted, candidates in (("certificate_number", self.numbers, tokens.numbers),
                                         ("id_number", self.ids, tokens.ids),
                                         ("verification_code", self.codes, tokens.codes)):
            if len(_found(wanted, candidates)):
                found.add(kind)
        short = bool(len(self.names) and len(tokens.names) and len(self.name_hashes_in(tokens)))
        if short or any(name in tokens.runs for name in self.long_names):
            found.add("name")
        if self.others and view is not None and any(value in view for value in self.others):
            found.add("other")
        return found

    def suspects(self, views: list[Tokens]) -> np.ndarray:
        """For each view, whether any of its hashed tokens is a wanted value: one binary search per
        kind for all the views together (a site has thousands of views, and `kinds` per view would
        cost a call each on arrays of millions)."""
        flagged = np.zeros(len(views), dtype=bool)
        for attribute in ("numbers", "ids", "codes", "names"):
            wanted = getattr(self, attribute)
            arrays = [getattr(t, attribute) for t in views]
            sizes = np.fromiter((len(a) for a in arrays), dtype=np.int64, count=len(arrays))
            if not len(wanted) or not sizes.sum():
                continue
            candidates = np.concatenate(arrays)
            at = np.searchsorted(wanted, candidates).clip(max=len(wanted) - 1)
            owners = np.repeat(np.arange(len(views)), sizes)
            flagged[owners[wanted[at] == candidates]] = True
        return flagged

    def name_hashes_in(self, tokens: Tokens) -> np.ndarray:
        """The hashes of the wanted names a view holds."""
        return _found(self.names, tokens.names)

    def without_names(self, hashes: np.ndarray, long_names: Iterable[str] = ()) -> HolderValues:
        return HolderValues(self.numbers, self.ids, self.codes, np.setdiff1d(self.names, hashes, True),
                            self.long_names - frozenset(long_names), self.others)


def _file_values(catalogue_dir: Path, certificate_file: CertificateFile) -> list[str]:
    from generator.certificates import iter_certificates

    found: set[str] = set()
    for cert in iter_certificates(catalogue_dir, certificate_file):
        name = cert.holder_name
        found.update((name, normalise_name(name), cert.id_number.upper(), cert.number, cert.query_code))
    return sorted(found)


def _file_value_set(catalogue_dir: Path, certificate_file: CertificateFile) -> HolderValues:
    return HolderValues.of(_file_values(catalogue_dir, certificate_file))


def _per_file(kind: str, read: Callable[[Path, CertificateFile], T], catalogue: Catalogue,
              catalogue_dir: Path, cache: BuildCache | None) -> list[T]:
    files = catalogue.certificate_files
    if cache is None:
        return [read(catalogue_dir, f) for f in files]
    keys = [cache.key(kind, cache.file_digest(catalogue_dir / f.path)) for f in files]
    return cache.reuse(kind, keys, lambda missing: [read(catalogue_dir, files[i]) for i in missing])


def holder_values(catalogue: Catalogue, catalogue_dir: Path, *, cache: BuildCache | None = None) -> set[str]:
    """Every holder name (as written and normalised), ID number, certificate number and code published."""
    values: set[str] = set()
    for found in _per_file("holders", _file_values, catalogue, catalogue_dir, cache):
        values.update(found)
    return values


def holder_value_sets(catalogue: Catalogue, catalogue_dir: Path, *,
                      cache: BuildCache | None = None) -> HolderValues:
    """`HolderValues.of(holder_values(...))`, hashed per certificate file once (and cached).

    With a cache, the merged values of the last build are kept too: when every file of that build is
    still there unchanged, only the new files' values are merged into them."""
    files = catalogue.certificate_files
    if cache is None:
        return HolderValues.merge(_file_value_set(catalogue_dir, f) for f in files)
    keys = [cache.key("holder-hashes", cache.file_digest(catalogue_dir / f.path)) for f in files]
    latest_key = cache.key("holder-merged", "latest")
    latest = cache.load("holder-merged", latest_key)
    base: list[HolderValues] = []
    wanted = list(range(len(files)))
    if latest is not None and latest[0] <= set(keys):
        base = [latest[1]]
        wanted = [i for i, key in enumerate(keys) if key not in latest[0]]
    parts = cache.reuse("holder-hashes", [keys[i] for i in wanted],
                        lambda missing: [_file_value_set(catalogue_dir, files[wanted[i]]) for i in missing])
    merged = HolderValues.merge([*base, *parts])
    if latest is None or latest[0] != frozenset(keys):
        cache.save("holder-merged", latest_key, (frozenset(keys), merged))
    return merged


# Worker processes are forked and read the values from here (copy-on-write), never pickled.
_SHARED: dict[str, object] = {}
PARALLEL_FROM = 500  # files; below this a worker pool costs more than it saves


def _tokens_of(item: tuple[str, str]) -> tuple[str, list[tuple[str, Tokens]]]:
    path, digest = item
    with open(path, "rb") as handle:
        return digest, file_tokens(handle.read())


def _sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def site_tokens(site_dir: Path, *, cache: BuildCache | None = None, workers: int | None = None,
                known_digests: dict[str, str] | None = None) -> list[tuple[str, list[tuple[str, Tokens]]]]:
    """(relative path, tokens of each reading) of every file of the site; cached by content.
    `known_digests`: the SHA-256 of files the build has just written from bytes it hashed (the
    lookup's units), by path; every other file is read and hashed."""
    paths = _files(site_dir)
    known_digests = known_digests or {}
    digests = [known_digests.get(p) or _sha256(p) for p in paths]
    known: dict[str, list[tuple[str, Tokens]]] = {}
    # Most files (the lookup's encrypted shards) hold no token at all: their digests are kept in one
    # entry instead of one entry each, so a rebuild does not open ten thousand small files.
    empty_key = cache.key("site-tokens", "files without tokens") if cache is not None else ""
    empty: frozenset[str] | None = None
    if cache is not None:
        empty = cache.load("site-tokens", empty_key)
        for digest in set(digests):
            if empty and digest in empty:
                known[digest] = []
                continue
            found = cache.load("site-tokens", cache.key("site-tokens", digest))
            if found is not None:
                known[digest] = found
    todo = sorted({(p, d) for p, d in zip(paths, digests, strict=True) if d not in known},
                  key=lambda item: item[1])
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(todo) >= PARALLEL_FROM else 1
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            made = pool.map(_tokens_of, todo, chunksize=16)
    else:
        made = [_tokens_of(item) for item in todo]
    for digest, tokens in made:
        known[digest] = tokens
        if cache is not None and tokens:
            cache.save("site-tokens", cache.key("site-tokens", digest), tokens)
    if cache is not None:
        now_empty = frozenset(d for d in digests if not known[d])
        if now_empty != empty:
            cache.save("site-tokens", empty_key, now_empty)
    start = len(str(site_dir)) + 1
    return [(p[start:].replace(os.sep, "/"), known[d]) for p, d in zip(paths, digests, strict=True)]


def _files(folder: Path) -> list[str]:
    """Every file below the folder, in a fixed order (os.walk: ten thousand files in milliseconds)."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found += [os.path.join(root, name) for name in names]
    return sorted(found)


def scan_site(site_dir: Path, values: Iterable[str] | HolderValues, *, cache: BuildCache | None = None,
              workers: int | None = None, known_digests: dict[str, str] | None = None) -> list[Leak]:
    """Every place in the site where one of the values appears, in any of the encodings above
    (`known_digests`: see `site_tokens`)."""
    wanted = values if isinstance(values, HolderValues) else HolderValues.of(values)
    leaks: set[Leak] = set()
    readings_of = site_tokens(site_dir, cache=cache, workers=workers, known_digests=known_digests)
    every_view = [tokens for _relative, readings in readings_of for _encoding, tokens in readings]
    flagged = iter(wanted.suspects(every_view))
    text_search = bool(wanted.others or wanted.long_names)  # values matched as text, not by hash
    for relative, readings in readings_of:
        suspect = [next(flagged) for _reading in readings]
        if not text_search and not any(suspect):
            continue
        views = None
        if wanted.others:  # values of no known shape: searched in the readings' text (not cached)
            from generator.checks.views import views_of

            views = dict(views_of((site_dir / relative).read_bytes()))
        for encoding, tokens in readings:
            for kind in wanted.kinds(tokens, views.get(encoding) if views else None):
                leaks.add(Leak(relative, encoding, kind))
    return sorted(leaks)


def scan_bytes(data: bytes, wanted: HolderValues) -> list[tuple[str, set[str]]]:
    """(encoding, kinds) of the holder values in one file's bytes."""
    from generator.checks.views import views_of

    views = dict(views_of(data))
    out = []
    for encoding, tokens in file_tokens(data):
        kinds = wanted.kinds(tokens, views.get(encoding))
        if kinds:
            out.append((encoding, kinds))
    return out


def names_in_text(text: str, wanted: HolderValues) -> tuple[np.ndarray, set[str]]:
    """The wanted names a text holds: their window hashes, and the long names found as text."""
    from generator.checks.tokens import view_tokens

    tokens = view_tokens(text)
    return wanted.name_hashes_in(tokens), {n for n in wanted.long_names if n in tokens.runs}


__all__ = ["HolderValues", "Leak", "hash_values", "holder_value_sets", "holder_values", "names_in_text",
           "scan_bytes", "scan_site", "site_tokens", "window_hashes"]
