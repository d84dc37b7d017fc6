"""Site settings, read from the `extra` section of mkdocs.yml so that one file configures the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class LookupSettings:
    salt_bits: int = 16  # hidden per-record salt searched by the verifier (cost 2^k hashes per query)
    shard_target_bytes: int = 12_288  # every shard holds as many entries as fit this size
    min_shard_bits: int = 8
    max_unit_files: int = 16_384  # above this many shards, shards are packed into larger files …
    # … of this many shards each, read with HTTP Range requests. Eight keeps 10,000,000 certificates
    # (65,536 shards) at 8,192 files, and a batch of 1,000 certificates changes about 90 MB of units
    # (64 per unit: 1,024 files, but 480 MB per batch)
    pack_shards: int = 8


@dataclass(frozen=True)
class Settings:
    site_name: str
    site_url: str
    sample_data: bool  # shows the 示例数据 banner on every page
    national_lookup_url: str
    lookup: LookupSettings = field(default_factory=LookupSettings)
    engine_config: Path = Path("mkdocs.yml")


def load_settings(config: Path) -> Settings:
    """Read mkdocs.yml (plain YAML: the file uses no Python tags, so other engines can read it)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    extra = data.get("extra") or {}
    lookup = extra.get("lookup") or {}
    return Settings(
        site_name=str(data.get("site_name", "")),
        site_url=str(data.get("site_url", "")),
        sample_data=bool(extra.get("sample_data", True)),
        national_lookup_url=str(extra.get("national_lookup_url", "")),
        lookup=LookupSettings(**{k: v for k, v in lookup.items() if k in LookupSettings.__annotations__}),
        engine_config=config,
    )
