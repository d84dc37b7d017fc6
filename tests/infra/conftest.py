"""Fixtures for the hosting tests: nginx started for real on loopback, serving a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from nginx_runner import NginxServer, start_nginx, stop_nginx

TINY_CONFIG = """\
site_name: 托管测试
theme:
  name: material
  language: zh
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/weather-night, name: 深色}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/weather-sunny, name: 浅色}
plugins: []
"""
TINY_PAGES = {
    "index.md": "# 首页\n\n[政策](policy/) · [搜索](search/)\n",
    "policy/index.md": "# 政策文件\n\n职业技能等级认定试点工作方案。\n",
    "policy/notice/index.md": "# 通知\n\n吉林省职业技能等级认定试点。\n",
    "search.md": (
        "# 搜索\n\n<div id=\"search\"></div>\n"
        "<link href=\"../pagefind/pagefind-ui.css\" rel=\"stylesheet\">\n"
        "<script src=\"../pagefind/pagefind-ui.js\"></script>\n"
        "<script>new PagefindUI({ element: \"#search\", showImages: false });</script>\n"
    ),
}


@pytest.fixture(scope="session")
def nginx_site(built_site: Path) -> Path:
    """The built sample site: what nginx serves in these tests."""
    return built_site


@pytest.fixture(scope="session")
def stock_material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site with Material's stock templates, which put inline scripts into every page (the
    project's theme overrides have none), and Pagefind's default UI started by an inline script."""
    base = tmp_path_factory.mktemp("tiny-site")
    (base / "mkdocs.yml").write_text(TINY_CONFIG, encoding="utf-8")
    for name, text in TINY_PAGES.items():
        target = base / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--site-dir", "site"],
                   cwd=base, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", "site"], cwd=base, check=True,
                   capture_output=True)
    return base / "site"


def _serve(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxServer]:
    workdir = tmp_path_factory.mktemp("nginx")
    process, server = start_nginx(site, workdir)
    yield server
    stop_nginx(process)
    shutil.rmtree(workdir / "temp", ignore_errors=True)


@pytest.fixture(scope="session")
def nginx_server(nginx_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxServer]:
    """nginx serving the built sample site."""
    yield from _serve(nginx_site, tmp_path_factory)


@pytest.fixture(scope="session")
def stock_material_server(stock_material_site: Path,
                          tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxServer]:
    """nginx serving the stock Material site."""
    yield from _serve(stock_material_site, tmp_path_factory)
