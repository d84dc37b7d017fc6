"""Open data: the catalogue as downloads (CSV, XLSX, JSON and a Frictionless Data Package),
certificate statistics with small counts suppressed, SVG charts, Atom feeds of changes, and the
数据下载 page that lists them. Everything is written into the docs folder before the site engine
runs, from the catalogue, the certificate counts and the edition (date and commit) alone.

Certificate data leaves this package only as the counts of `statistics`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Catalogue
from generator.opendata import package
from generator.opendata.catalogue_tables import catalogue_tables
from generator.opendata.edition import Edition, current_edition
from generator.opendata.feeds import write_feeds
from generator.opendata.figures import Figure, figures
from generator.opendata.formats import FORMATS, table_bytes
from generator.opendata.statistics import certificate_statistics
from generator.opendata.table import Table
from generator.opendata.tally import certificate_counts
from generator.settings import Settings

if TYPE_CHECKING:
    from generator.cache import BuildCache

DATA_DIR = "data"
PAGE = "data/index.md"
OPEN_DATA_FOLDERS = (DATA_DIR, "feeds")  # written from the catalogue and the certificate counts


@dataclass(frozen=True)
class Download:
    table: Table
    files: dict[str, tuple[str, int]]  # format → (file name, bytes)


@dataclass
class OpenData:
    edition: Edition
    downloads: list[Download] = field(default_factory=list)
    statistics: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # site paths
    certificates: int = 0


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    os.utime(target, (0, 0))


def write_open_data(catalogue: Catalogue, catalogue_dir: Path, settings: Settings, root: Path,
                    docs_dir: Path, templates_dir: Path, *, cache: BuildCache | None = None) -> OpenData:
    """Write the downloads, charts, feeds and the data page into `docs_dir`."""
    edition = current_edition(root, catalogue)
    result = OpenData(edition)
    counts = certificate_counts(catalogue, catalogue_dir, cache=cache)
    result.certificates = sum(counts.values())
    stats = certificate_statistics(catalogue, counts, edition.day.year)
    result.statistics = stats.tables
    resources = []
    for table in [*catalogue_tables(catalogue), *stats.tables]:
        files = {}
        for fmt in FORMATS:
            data = table_bytes(table, fmt, edition.published)
            name = package.file_name(table, fmt, edition)
            _write(docs_dir / DATA_DIR / name, data)
            files[fmt] = (name, len(data))
            resources.append(package.resource(table, fmt, edition, data))
        result.downloads.append(Download(table, files))
    described = package.datapackage(resources, edition, settings.site_name)
    _write(docs_dir / DATA_DIR / "datapackage.json", described)
    result.figures = figures(catalogue, stats)
    for figure in result.figures:
        _write(docs_dir / DATA_DIR / figure.path, figure.svg.encode("utf-8"))
    for path, data in write_feeds(catalogue, settings.site_name, settings.site_url).items():
        _write(docs_dir / path, data)
        if path.endswith(".xml") and not path.endswith("sitemap.xml"):
            result.feeds.append(path)
    _write(docs_dir / PAGE, render_page(result, catalogue, settings, templates_dir).encode("utf-8"))
    return result


def render_page(result: OpenData, catalogue: Catalogue, settings: Settings, templates_dir: Path) -> str:
    from generator.render.environment import make_environment

    env = make_environment(templates_dir)
    return env.get_template("data.md.j2").render(page=PAGE, data=result, catalogue=catalogue,
                                                 settings=settings, licence=package.LICENCE)
