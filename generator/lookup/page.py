"""Write the verify pages into the staging docs folder and copy the lookup's browser modules.

The threat-model page states figures measured on the build machine; they are kept in
`site_templates/pages/verify/measurements.json`, written by `python -m benchmarks.lookup --measure`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jinja2

from generator.ecert.figures import typical_figures
from generator.lookup.code import BITS as CODE_BITS
from generator.lookup.code import LENGTH as CODE_LENGTH
from generator.lookup.format import ENTRY_SIZE, RECORD_SIZE
from generator.lookup.shards import capacity
from generator.model import Catalogue
from generator.render.minify import copy_minified
from generator.settings import Settings

PAGES = ("index.md", "threat-model.md")
ASSET_SUFFIXES = (".js", ".css")
VENDOR_SUFFIXES = (".js", ".wasm")


def render_verify_pages(catalogue: Catalogue, settings: Settings, project_root: Path, docs_dir: Path) -> None:
    templates = project_root / "site_templates" / "pages" / "verify"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    context = page_context(catalogue, settings, templates / "measurements.json")
    out = docs_dir / "verify"
    out.mkdir(parents=True, exist_ok=True)
    for page in PAGES:
        target = out / page
        target.write_text(env.get_template(page + ".j2").render(context), encoding="utf-8")
        os.utime(target, (0, 0))
    assets = docs_dir / "assets" / "lookup"
    assets.mkdir(parents=True, exist_ok=True)
    for source in sorted((project_root / "lookup").rglob("*")):
        relative = source.relative_to(project_root / "lookup")
        # the page's modules, and the vendored QR reader with its licences (not its README page)
        if source.is_file() and (source.suffix in ASSET_SUFFIXES if len(relative.parts) == 1
                                 else source.suffix in VENDOR_SUFFIXES or source.name.startswith("LICENSE")):
            target = assets / relative
            if len(relative.parts) == 1:
                copy_minified(source, target)  # the page's own modules and stylesheet
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)  # vendored files exactly as published
                os.utime(target, (0, 0))


def page_context(catalogue: Catalogue, settings: Settings, measurements: Path) -> dict[str, object]:
    lookup = settings.lookup
    figures = json.loads(measurements.read_text(encoding="utf-8")) if measurements.exists() else {}
    salts = 2 ** lookup.salt_bits
    return {
        "sample_data": settings.sample_data,
        "ecert": typical_figures(),
        "levels_json": json.dumps({str(c): level.label for c, level in sorted(catalogue.levels.items())},
                                  ensure_ascii=False, separators=(",", ":")),
        "national_lookup_url": settings.national_lookup_url,
        "salt_bits": lookup.salt_bits,
        "salts": salts,
        "shard_target_bytes": lookup.shard_target_bytes,
        "entry_size": ENTRY_SIZE,
        "entries_per_shard": capacity(lookup),
        "code_bits": CODE_BITS,
        "code_length": CODE_LENGTH,
        "record_size": RECORD_SIZE,
        "shard_bytes": capacity(lookup) * ENTRY_SIZE,
        "m": figures,
        "fastest": max(figures.get(k, 0) for k in ("python_hashes_per_second",
                                                   "openssl_compressions_per_second")) if figures else 0,
        "fmt": _number,
        "years": _duration,
    }


def _duration(compressions: float, per_second: float) -> str:
    """How long `compressions` take at `per_second`, in words a reader compares easily."""
    seconds = compressions / per_second
    years = seconds / (365.25 * 24 * 3600)
    if years >= 1e4:
        exponent = len(f"{int(years):d}") - 1
        return f"约 {years / 10 ** exponent:.1f}×10<sup>{exponent}</sup> 年"
    if years >= 1:
        return f"约 {years:,.0f} 年"
    if seconds >= 86400:
        return f"约 {seconds / 86400:,.0f} 天"
    return f"约 {seconds:,.0f} 秒"


def _number(value: float, digits: int = 0) -> str:
    """A figure for Chinese text: thousands separated, fixed decimals."""
    return f"{value:,.{digits}f}"
