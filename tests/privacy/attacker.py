"""What an attacker holding only the built site and public facts does, and what it costs.

Costs are counted in SHA-256 compressions (the unit of the salt search) and turned into time with
a rate measured on this machine (`compression_rate`). `NewIndex` reads the site's index the way the
browser does; `try_queries` runs guesses against an index, version 1 or 2, and counts the work.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.lookup import crypto
from generator.lookup.code import BITS as CODE_BITS
from tests.privacy import old_design

SECONDS_PER_YEAR = 365.25 * 24 * 3600
TARGET_BITS = 56  # no guessable fact may confirm a guess for less than 2^56 compressions per holder
# Characters common in given names: what an attacker tries after a surname.
COMMON_GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲建文亮宇飞波斌浩志红鑫晶琳凯宁"
                "晓东春梅海燕雪峰林颖博旭阳俊婷欣怡佳欢思雨嘉琪晨昊然轩涵泽宏成德福庆立新永胜江兴金山龙凤")


def compression_rate(seconds: float = 0.3) -> float:
    """SHA-256 compressions per second per core with Python's hashlib (one 64-byte block each)."""
    state = hashlib.sha256(b"\x00" * 64)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for value in range(4096):
            h = state.copy()
            h.update(value.to_bytes(4, "big"))
            h.digest()
        count += 4096
    return count / (time.perf_counter() - start)


@dataclass
class Attempt:
    """One attack run: the guesses tried, the work done and what was found."""

    guesses: int
    compressions: int
    seconds: float
    hits: list[tuple[bytes, int]]  # (query, salt) of every guess that matched an entry


class NewIndex:
    """The site's lookup index (format 2), read as the browser reads it."""

    def __init__(self, data_dir: Path) -> None:
        self.data = data_dir
        self.manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))

    def shard_of(self, q: bytes) -> list[bytes]:
        m = self.manifest
        shard = crypto.shard_prefix(q) >> (32 - m["shard_bits"])
        unit = shard // m["shards_per_unit"]
        group = unit // m["units_per_group"]
        digits = m["digits"]
        table = (self.data / "v2" / "groups" / f"{group:0{digits}x}-{m['groups'][group]}.bin").read_bytes()
        at = (unit % m["units_per_group"]) * 4
        data = (self.data / "v2" / "units" / f"{unit:0{digits}x}-{table[at:at + 4].hex()}.bin").read_bytes()
        size = m["entries_per_shard"] * m["entry_size"]
        start = (shard % m["shards_per_unit"]) * size
        entries = data[start:start + size]
        return [entries[i:i + m["entry_size"]] for i in range(0, size, m["entry_size"])]

    def all_entries(self) -> list[bytes]:
        size = self.manifest["entry_size"]
        out = []
        for path in sorted((self.data / "v2" / "units").glob("*.bin")):
            data = path.read_bytes()
            out += [data[i:i + size] for i in range(0, len(data), size)]
        return out


def try_queries(index: NewIndex | old_design.OldIndex, queries: Iterable[bytes], salt_bits: int, *,
                block=crypto.query_block, salt_of=None) -> Attempt:  # type: ignore[no-untyped-def]
    """Search every salt (or only `salt_of(q)` when the attacker knows the secret) for each guess."""
    start = time.perf_counter()
    hits: list[tuple[bytes, int]] = []
    guesses = compressions = 0
    tag_material = crypto.tag_material if isinstance(index, NewIndex) else old_design.tag_material
    for q in queries:
        guesses += 1
        tags = {entry[:8] for entry in index.shard_of(q)}
        m = block(q)
        salts = [salt_of(q)] if salt_of else range(1 << salt_bits)
        for s in salts:
            compressions += 1
            if tag_material(m, s)[:8] in tags:
                hits.append((q, s))
    return Attempt(guesses, compressions, time.perf_counter() - start, hits)


def code_search_cost(salt_bits: int, *, secret_known: bool = False, shard_bits_seen: int = 0) -> float:
    """Expected compressions to find one certificate's code when its number is known.

    Half the code space on average. Each guess costs the salt search (2^salt_bits), or two hashes
    when the secret is known. Seeing which shard a lookup fetched (a host's log) lets the attacker
    first drop guesses by their shard name, two compressions each, and salt-search only the rest.
    """
    guesses = 2.0 ** (CODE_BITS - 1)
    per_guess = 2 if secret_known else 2.0 ** salt_bits
    if shard_bits_seen:
        return guesses * 2 + guesses / 2.0 ** shard_bits_seen * per_guess
    return guesses * per_guess


def years(compressions: float, rate: float) -> float:
    return compressions / rate / SECONDS_PER_YEAR


def report(finding: str, before: str, after: str) -> None:
    """One line of the cost table printed by `pytest tests/privacy -s`."""
    print(f"\n[{finding}] before: {before}\n[{finding}] after:  {after}")
