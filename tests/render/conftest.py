"""Fixtures for the page tests: a small catalogue built in code, its rendered pages, and the same
pages built by the site engine together with placeholder hand-written pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.engine import build_with_engine
from generator.opendata.feeds import write_feeds
from generator.render import render_site
from generator.settings import Settings, load_settings

from .catalogue_builder import build_catalogue

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "site_templates"

# Pages that other parts of the build write; the navigation names them, so the engine needs them.
PLACEHOLDER_PAGES = [
    "policy/index.md", "policy/notice.md", "policy/work-plan.md", "policy/workflow.md",
    "policy/annex-1.md", "policy/annex-2.md", "policy/contacts.md",
    "verify/index.md", "verify/threat-model.md", "staff/index.md", "data/index.md",
]


@pytest.fixture(scope="session")
def small_catalogue():
    return build_catalogue()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT / "mkdocs.yml")


def render_into(catalogue, settings: Settings, docs: Path) -> Path:
    render_site(catalogue, settings, TEMPLATES, docs)
    return docs


@pytest.fixture(scope="session")
def rendered(small_catalogue, settings, tmp_path_factory) -> Path:
    """The docs folder written by render_site for the small catalogue."""
    return render_into(small_catalogue, settings, tmp_path_factory.mktemp("rendered") / "docs")


def engine_build(catalogue, base: Path, *, sample_data: bool = True) -> Path:
    """Render, add placeholder pages, and build with the site engine; returns the site folder."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["sample_data"] = sample_data
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config_path = base / "mkdocs.yml"
    base.mkdir(parents=True, exist_ok=True)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    docs = render_into(catalogue, load_settings(config_path), base / "docs")
    for page in PLACEHOLDER_PAGES:
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {page}\n\n占位页面。\n", encoding="utf-8")
    for path, data in write_feeds(catalogue, "站点", "").items():  # the pages link to them
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    build_with_engine(config_path, docs, base / "site")
    return base / "site"


@pytest.fixture(scope="session")
def engine_site(small_catalogue, tmp_path_factory) -> Path:
    return engine_build(small_catalogue, tmp_path_factory.mktemp("engine"))
