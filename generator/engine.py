"""Run the site engine (MkDocs with Material) on the staging docs folder, as a separate process.

The engine is called as a command, not through its Python API, so that another engine that reads
the same mkdocs.yml can replace it without touching the generator. The project's mkdocs.yml is
copied with its folders made absolute and `docs_dir` pointed at the staging docs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from generator.errors import BuildError


def write_engine_config(config: Path, docs: Path, target: Path) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["docs_dir"] = str(docs)
    theme = data.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((config.parent / theme["custom_dir"]).resolve())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def build_with_engine(config: Path, docs: Path, site: Path) -> None:
    engine_config = write_engine_config(config, docs, docs.parent / "mkdocs.engine.yml")
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1572480000")  # fixed timestamps: byte-identical output
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
               "--config-file", str(engine_config), "--site-dir", str(site)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BuildError(f"the site engine failed (exit {result.returncode}):\n{detail}")
