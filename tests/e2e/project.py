"""A staff member's working copy: the files a build needs, in a fresh git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD_INPUTS = ("catalogue", "content", "site_templates", "lookup", "mkdocs.yml")
SKILLS_SITE = Path(sys.executable).with_name("skills-site")
GIT_ENV = {"GIT_AUTHOR_NAME": "省鉴定中心 示例", "GIT_AUTHOR_EMAIL": "staff@example.cn",
           "GIT_COMMITTER_NAME": "省鉴定中心 示例", "GIT_COMMITTER_EMAIL": "staff@example.cn",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                            env={**os.environ, **GIT_ENV})
    return result.stdout


def working_copy(target: Path, parts: tuple[str, ...] = BUILD_INPUTS) -> Path:
    """Copy the build's inputs into `target`, make it a git repository and commit them."""
    target.mkdir(parents=True, exist_ok=True)
    for name in parts:
        source = ROOT / name
        if source.is_dir():
            skip = shutil.ignore_patterns("__pycache__", "node_modules")
            shutil.copytree(source, target / name, ignore=skip)
        else:
            shutil.copy2(source, target / name)
    (target / ".gitignore").write_text("site/\n.build/\n", encoding="utf-8")
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "-m", "目录数据")
    return target


def run(repo: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`skills-site <args>` as staff type it, in the repository."""
    return subprocess.run([str(SKILLS_SITE), *args], cwd=repo, capture_output=True, text=True,
                          timeout=timeout, check=False)
