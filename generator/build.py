"""The build, one way: load → validate → model → render → open data → engine build →
search index → certificate statistics → lookup index → checks → publish. A failed step raises and
leaves the published site untouched."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import BuildCache, digest, docs_key, site_key
from generator.checks.pii_scan import holder_value_sets, scan_site
from generator.checks.public_names import without_public_names
from generator.ecert.keyring import load_keyring, write_keys_json
from generator.ecert.signing_check import check_signing_key
from generator.engine import build_with_engine, configured_engine, engine_versions, theme_templates
from generator.errors import BuildError
from generator.load.catalogue import read_catalogue
from generator.lookup.cached import build_lookup_index_cached
from generator.lookup.index import build_lookup_index
from generator.lookup.page import render_verify_pages
from generator.lookup.secret import lookup_secret
from generator.lookup.shards import LookupReport
from generator.opendata import OPEN_DATA_FOLDERS, OpenData, write_certificate_statistics, write_open_data
from generator.opendata.edition import current_edition
from generator.publish.swap import discard, publish
from generator.render import render_site
from generator.search.index import build_search_index, render_search_page
from generator.settings import load_settings


@dataclass
class Project:
    """Where a build reads and writes. Every path can be moved, for tests and benchmarks."""

    root: Path
    catalogue: Path | None = None
    out: Path | None = None
    work: Path | None = None
    cache: Path | None = None  # results reused by the next build (generator.cache); None: no cache
    engine: str | None = None  # site engine (generator.engine); None: `extra.engine` in mkdocs.yml

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.catalogue = (self.catalogue or self.root / "catalogue").resolve()
        self.out = (self.out or self.root / "site").resolve()
        self.work = (self.work or self.root / ".build").resolve()
        self.cache = self.cache.resolve() if self.cache else None

    @classmethod
    def with_cache(cls, root: Path, **paths: Path) -> Project:
        """A project whose builds reuse results kept in `.cache/` at the root (or `cache=`)."""
        paths.setdefault("cache", Path(root) / ".cache")
        return cls(Path(root), **paths)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        return self.work / "docs"  # type: ignore[operator]

    @property
    def staging(self) -> Path:
        return self.work / "staging-site"  # type: ignore[operator]


@dataclass
class PhaseTiming:
    name: str
    seconds: float


@dataclass
class BuildReport:
    phases: list[PhaseTiming] = field(default_factory=list)
    enterprises: int = 0
    certificates: int = 0
    warnings: list[str] = field(default_factory=list)
    cache: str = ""  # hits and misses per kind of cached result
    lookup: LookupReport | None = None
    engine: str = ""  # the site engine that built the pages

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.phases.append(PhaseTiming(name, time.perf_counter() - start))


def build(project: Project, *, production: bool = False,
          on_phase: Callable[[str], None] | None = None) -> BuildReport:
    """Build the site into a staging folder, check it, then swap it into place. A production build
    (`production`, or a catalogue not marked as sample data) refuses to run without a strong lookup
    secret and the private key of the active signing key."""
    report = BuildReport()
    settings = load_settings(project.config)
    note = on_phase or (lambda _name: None)
    cache = BuildCache(project.cache) if project.cache else None
    production = production or not settings.sample_data
    secret = lookup_secret(production=production)  # raises BuildError
    if secret.warning:
        report.warnings.append(secret.warning)
    engine = report.engine = project.engine or configured_engine(project.config)

    note("load+validate")
    with report.phase("load+validate"):
        # raises CatalogueError
        catalogue = read_catalogue(project.catalogue, display_root=project.root, cache=cache)
        keyring = load_keyring(project.catalogue, project.root)  # checked with the catalogue
    signing = check_signing_key(keyring, production=production)  # raises BuildError; the build signs nothing
    if signing:
        report.warnings.append(signing)
    report.enterprises = len(catalogue.enterprises)
    report.certificates = sum(f.count for f in catalogue.certificate_files)

    note("render")
    with report.phase("render"):
        edition = current_edition(project.root, catalogue)
        docs = docs_key(cache, project.catalogue, project.root, project.config, edition.key) if cache else ""
        open_data = _restore_docs(cache, docs, project.docs) if cache else None
        if open_data is None:
            _fresh(project.docs)
            render_site(catalogue, settings, project.root / "site_templates", project.docs)
            _copy_tree(project.root / "content", project.docs)
            render_verify_pages(catalogue, settings, project.root, project.docs)
            write_keys_json(keyring, project.docs / "verify")
            render_search_page(project.docs)

    note("open data")
    with report.phase("open data"):
        if open_data is None:
            open_data = write_open_data(catalogue, settings, project.docs, project.root / "site_templates",
                                        edition)
            if cache is not None:
                cache.save_tree("docs", docs, project.docs)
                cache.save("open-data", docs, open_data)

    note("engine build")
    with report.phase("engine build"):
        key = site_key(cache, docs, engine) if cache else ""
        reused = cache is not None and cache.restore_tree("site", key, project.staging)
        if not reused:
            _fresh(project.staging)
            build_with_engine(project.config, project.docs, project.staging, engine)

    note("search index")
    with report.phase("search index"):
        if not reused:
            build_search_index(project.staging)
            if cache is not None:
                cache.save_tree("site", key, project.staging)

    note("certificate statistics")
    with report.phase("certificate statistics"):  # after the engine: a new batch leaves its cache valid
        write_certificate_statistics(open_data, catalogue, project.catalogue, project.staging,  # type: ignore[arg-type]
                                     project.root / "site_templates", cache=cache)

    note("lookup index")
    with report.phase("lookup index"):
        args = (catalogue, project.catalogue, project.staging, project.work, settings.lookup, secret.value)
        report.lookup = build_lookup_index_cached(*args, cache) if cache else build_lookup_index(*args)

    note("checks")
    with report.phase("checks"):
        wanted = holder_value_sets(catalogue, project.catalogue, cache=cache)
        sources = public_sources(project, engine)
        # the docs key covers every source but the theme's own templates, which its version names
        sources_key = digest(docs, engine, engine_versions(engine)) if cache else ""
        wanted, public = without_public_names(wanted, sources, cache, sources_key=sources_key,
                                              skip=tuple(project.docs / d for d in OPEN_DATA_FOLDERS))
        if public:
            report.warnings.append(f"{public} holder name(s) also occur in public pages or catalogue "
                                   "entries (e.g. a contact person); they are not counted as leaks")
        leaks = scan_site(project.staging, wanted, cache=cache, known_digests=report.lookup.digests)
        if leaks:
            shown = "; ".join(str(leak) for leak in leaks[:5])
            raise BuildError(f"personal data found in the built site ({len(leaks)} place(s)): {shown}")

    note("publish")
    with report.phase("publish"):
        publish(project.staging, project.out)  # type: ignore[arg-type]
    if cache is not None:
        report.cache = cache.summary()
        cache.record_build()
        cache.prune_later()
    return report


def _restore_docs(cache: BuildCache, key: str, docs: Path) -> OpenData | None:
    """The docs tree and open-data summary of an earlier build with the same inputs, or None (and
    nothing restored)."""
    open_data = cache.load("open-data", key)
    if open_data is None or not cache.restore_tree("docs", key, docs):
        return None
    return open_data


def public_sources(project: Project, engine: str = "mkdocs") -> list[Path]:
    """What the pages are made of besides certificate data: rendered pages, templates, public entries."""
    catalogue = project.catalogue  # type: ignore[union-attr]
    return [project.docs, project.root / "site_templates", catalogue / "enterprises", catalogue / "reference",
            theme_templates(engine)]


def _fresh(path: Path) -> None:
    discard(path)
    path.mkdir(parents=True)


def _copy_tree(src: Path, dst: Path) -> None:
    """Copy hand-written pages; a generated page may not be overwritten by a hand-written one."""
    for source in sorted(src.rglob("*")):
        if source.is_dir():
            continue
        target = dst / source.relative_to(src)
        if target.exists():
            raise BuildError(f"{source}: a generated page already has this path ({target.relative_to(dst)})")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        os.utime(target, (0, 0))
