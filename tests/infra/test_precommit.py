"""The pre-commit configuration: the catalogue check runs on catalogue changes, as a whole-catalogue
check, and the same hook is offered to other repositories."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHECK_HOOK = {
    "id": "skills-site-check",
    "name": "检查目录数据 (skills-site check)",
    "entry": "skills-site check",
    "language": "system",
    "files": "^catalogue/",
    "pass_filenames": False,
}


def local_hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return {hook["id"]: hook for hook in config["repos"][0]["hooks"]}


def test_catalogue_check_runs_on_catalogue_changes_only() -> None:
    hook = local_hooks()["skills-site-check"]
    assert hook == CHECK_HOOK
    files = re.compile(hook["files"])
    assert files.search("catalogue/enterprises/changchun-hongda-machinery.yaml")
    assert files.search("catalogue/certificates/changchun-hongda-machinery/2019-12.yaml")
    assert not files.search("generator/cli.py")
    assert not files.search("content/catalogue/index.md")


def test_ruff_runs_on_python_files() -> None:
    hook = local_hooks()["ruff"]
    assert hook["entry"] == "ruff check --force-exclude"
    assert hook["language"] == "system"
    assert hook["types_or"] == ["python", "pyi"]


def test_the_hook_is_offered_to_other_repositories() -> None:
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert len(offered) == 1
    assert {key: offered[0][key] for key in CHECK_HOOK} == CHECK_HOOK
    assert offered[0]["description"]
