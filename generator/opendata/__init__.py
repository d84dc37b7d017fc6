"""Open data: the catalogue as downloads (CSV, XLSX, JSON and a Frictionless Data Package),
certificate statistics with small counts suppressed, SVG charts, Atom feeds of changes, and the
数据下载 page that lists them, made from the catalogue, the certificate counts and the edition (date
and commit) alone. Two steps: `write_open_data` before the site engine (everything the catalogue
alone decides), `write_certificate_statistics` after it (everything the certificates decide).

Certificate data leaves this package only as the counts of `statistics`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import BuildError
from generator.model import Catalogue
from generator.opendata import package
from generator.opendata.catalogue_tables import catalogue_tables
from generator.opendata.edition import Edition
from generator.opendata.feeds import write_feeds
from generator.opendata.figures import Figure, certificate_figures, enterprise_figures
from generator.opendata.formats import FORMATS, table_bytes
from generator.opendata.statistics import (
    Audit,
    AuditPlan,
    CellKey,
    Layout,
    audit_plan,
    certificate_statistics,
)
from generator.opendata.table import Table
from generator.opendata.tally import certificate_counts
from generator.settings import Settings

if TYPE_CHECKING:
    from generator.cache import BuildCache

DATA_DIR = "data"
PAGE = "data/index.md"
OPEN_DATA_FOLDERS = (DATA_DIR, "feeds")  # written from the catalogue and the certificate counts
STATISTICS_SLOT = "<div data-certificate-statistics></div>"  # in data.md.j2


@dataclass(frozen=True)
class Download:
    table: Table
    files: dict[str, tuple[str, int]]  # format → (file name, bytes)


@dataclass
class OpenData:
    edition: Edition
    settings: Settings
    downloads: list[Download] = field(default_factory=list)
    resources: list[dict[str, object]] = field(default_factory=list)  # of the data package
    statistics: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # site paths
    certificates: int = 0


def _write(target: Path, data: bytes) -> None:
    """A new file in place of any old one: files of the built site may be links to the build
    cache (`generator.cache`), which must never be written through."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.new")
    temporary.write_bytes(data)
    os.utime(temporary, (0, 0))
    os.replace(temporary, target)


def _downloads(tables: list[Table], edition: Edition, folder: Path, result: OpenData) -> None:
    for table in tables:
        files = {}
        for fmt in FORMATS:
            data = table_bytes(table, fmt, edition.published)
            name = package.file_name(table, fmt, edition)
            _write(folder / name, data)
            files[fmt] = (name, len(data))
            result.resources.append(package.resource(table, fmt, edition, data))
        result.downloads.append(Download(table, files))


def write_open_data(catalogue: Catalogue, settings: Settings, docs_dir: Path, templates_dir: Path,
                    edition: Edition) -> OpenData:
    """The catalogue part, into `docs_dir` before the site engine runs: the catalogue downloads, the
    enterprise charts, the feeds, and the data page with a place for the certificate statistics.
    `edition`: `edition.current_edition` of the project."""
    result = OpenData(edition, settings=settings)
    _downloads(catalogue_tables(catalogue), result.edition, docs_dir / DATA_DIR, result)
    result.figures = enterprise_figures(catalogue)
    for figure in result.figures:
        _write(docs_dir / DATA_DIR / figure.path, figure.svg.encode("utf-8"))
    for path, data in write_feeds(catalogue, settings.site_name, settings.site_url).items():
        _write(docs_dir / path, data)
        if not path.endswith("sitemap.xml"):
            result.feeds.append(path)
    page = _environment(templates_dir).get_template("data.md.j2").render(
        page=PAGE, data=result, catalogue=catalogue, settings=settings, licence=package.LICENCE)
    _write(docs_dir / PAGE, page.encode("utf-8"))
    return result


def write_certificate_statistics(result: OpenData, catalogue: Catalogue, catalogue_dir: Path, site_dir: Path,
                                 templates_dir: Path, *, cache: BuildCache | None = None) -> None:
    """The certificate part, into the built site: the statistics downloads and charts, the data
    package describing every download, and the statistics section of the built data page.

    It comes after the site engine so that a new issuing batch, which changes only these counts,
    leaves the engine's cached output valid."""
    counts = certificate_counts(catalogue, catalogue_dir, cache=cache)
    result.certificates = sum(counts.values())
    stats = certificate_statistics(catalogue, counts, result.edition.day.year, _cached_plan(catalogue, cache))
    result.statistics = stats.tables
    folder = site_dir / DATA_DIR
    _downloads(stats.tables, result.edition, folder, result)
    charts = certificate_figures(catalogue, stats)
    for figure in charts:
        _write(folder / figure.path, figure.svg.encode("utf-8"))
    described = package.datapackage(result.resources, result.edition, result.settings.site_name)
    _write(folder / "datapackage.json", described)
    section = _environment(templates_dir).get_template("data-statistics.html.j2").render(
        data=result, figures=charts, catalogue=catalogue)
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    if html.count(STATISTICS_SLOT) != 1:
        raise BuildError(f"{page}: expected one {STATISTICS_SLOT} for the certificate statistics "
                         f"(found {html.count(STATISTICS_SLOT)}); check site_templates/pages/data.md.j2")
    _write(page, html.replace(STATISTICS_SLOT, section).encode("utf-8"))


def _cached_plan(catalogue: Catalogue, cache: BuildCache | None) -> AuditPlan | None:
    """The statistics' audit plan kept under the catalogue (certificate files aside) and the
    published cells: it is the slow part, and a new issuing batch changes neither."""
    if cache is None:
        return None
    model = hashlib.sha256(pickle.dumps(dataclasses.replace(catalogue, certificate_files=[]),
                                        protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()

    def plan(plans: list[Layout], published: list[CellKey], last: int) -> Audit:
        key = cache.key("statistics-audit", model, str(last), repr(published))
        (found,) = cache.reuse("statistics-audit", [key],
                               lambda _missing: [audit_plan(catalogue, plans, published, last)])
        return found

    return plan


def _environment(templates_dir: Path):  # type: ignore[no-untyped-def]
    from generator.render.environment import make_environment

    return make_environment(templates_dir)
