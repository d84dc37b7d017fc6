"""The GitHub Actions workflows, checked offline: against check-jsonschema's vendored copy of the
GitHub workflow schema (with every network connection refused), and for the rules this repository
keeps: actions pinned to commit SHAs, write permissions only where Pages is deployed, one
publication at a time, and a pull-request run that writes the change summary and keeps a preview."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))

# check-jsonschema with connect() disabled: the builtin schema must come from the installed package.
OFFLINE_CHECK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from check_jsonschema import main
sys.argv = ["check-jsonschema", *sys.argv[1:]]
main()
"""

PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses: (\S+) # (v\d+\.\d+\.\d+)$")


def check_offline(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", OFFLINE_CHECK, "--builtin-schema", "vendor.github-workflows",
               *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in ([value] if isinstance(value, str)
                                                                          else value)}


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def test_the_two_workflows_exist() -> None:
    assert [p.name for p in WORKFLOW_FILES] == ["publish.yml", "pull-request.yml"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_is_valid_against_the_vendored_schema(path: Path) -> None:
    result = check_offline(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "ok -- validation done"


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: push\njobs:\n  build:\n    steps:\n      - run: echo\n",
                      encoding="utf-8")
    result = check_offline(broken)
    assert result.returncode == 1
    assert "$.jobs.build: 'runs-on' is a required property" in result.stdout


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    uses = [step["uses"] for job in workflow["jobs"].values() for step in steps(job) if "uses" in step]
    assert uses, f"{path.name} uses no action"
    for reference in uses:
        assert PINNED.match(reference), f"{path.name}: {reference} is not pinned to a 40-hex commit SHA"
    commented = {m.group(1) for line in text.splitlines() if (m := VERSION_COMMENT.search(line.strip()))}
    assert set(uses) == commented, f"{path.name}: every `uses:` needs a `# vX.Y.Z` comment"
    same_action = {}
    for line in text.splitlines():
        if m := VERSION_COMMENT.search(line.strip()):
            action, sha = m.group(1).split("@")
            assert same_action.setdefault(action, (sha, m.group(2))) == (sha, m.group(2)), \
                f"{action} is pinned to two different commits"


def test_pinned_versions_agree_across_workflows() -> None:
    seen: dict[str, str] = {}
    for path in WORKFLOW_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := VERSION_COMMENT.search(line.strip()):
                action, sha = m.group(1).split("@")
                assert seen.setdefault(action, sha) == sha, f"{action}: different commits in two workflows"


def write_scopes(permissions: object) -> set[str]:
    if permissions in ("write-all",):
        return {"*"}
    if isinstance(permissions, dict):
        return {scope for scope, level in permissions.items() if level == "write"}
    return set()


def test_only_the_deploy_job_can_write() -> None:
    for path in WORKFLOW_FILES:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: top-level permissions"
        for name, job in workflow["jobs"].items():
            expected = {"pages", "id-token"} if (path.name, name) == ("publish.yml", "deploy") else set()
            assert "permissions" in job or not expected, f"{path.name}:{name} inherits read-only"
            assert write_scopes(job.get("permissions")) == expected, f"{path.name}:{name} write scopes"
    deploy = load("publish.yml")["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_publish_builds_then_deploys_one_run_at_a_time() -> None:
    workflow = load("publish.yml")
    assert triggers(workflow) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["concurrency"] == {"group": "publish-pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in steps(build)]
    assert runs.index("skills-site check") < runs.index("skills-site build --production")
    build_step = steps(build)[runs.index("skills-site build --production")]
    assert build_step["env"] == {"SKILLS_SITE_LOOKUP_SECRET": "${{ secrets.SKILLS_SITE_LOOKUP_SECRET }}",
                                 "SKILLS_SITE_SIGNING_KEY": "${{ secrets.SKILLS_SITE_SIGNING_KEY }}"}
    assert build["environment"] == "github-pages"  # the secret is an environment secret of github-pages
    upload = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"] == {"path": "site/"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]


def test_no_expression_is_pasted_into_a_shell_script() -> None:
    for path in WORKFLOW_FILES:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in workflow["jobs"].items():
            for step in steps(job):
                assert "${{" not in step.get("run", ""), f"{path.name}:{name}: {step['run']}"


def test_pull_request_run_checks_builds_tests_summarises_and_keeps_a_preview() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in triggers(workflow)
    assert "concurrency" in workflow
    (job,) = workflow["jobs"].values()
    all_steps = steps(job)
    checkout = [s for s in all_steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout[0]["with"]["fetch-depth"] == 0, "the change summary needs the base branch's history"
    runs = "\n".join(s.get("run", "") for s in all_steps)
    assert "pip install -e '.[test]'" in runs
    assert "apt-get install -y --no-install-recommends chromium nginx" in runs
    for command in ("skills-site check", "skills-site build", "python -m pytest"):
        assert command in runs, command
    summary = next(s for s in all_steps if s.get("run", "").startswith("skills-site diff"))
    assert summary["run"] == 'skills-site diff "origin/$BASE_REF" HEAD >> "$GITHUB_STEP_SUMMARY"'
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert all_steps.index(summary) < all_steps.index(next(s for s in all_steps
                                                            if s.get("run") == "skills-site check")), \
        "the summary is written even when the check then fails"
    build_step = next(s for s in all_steps if "skills-site build" in s.get("run", ""))
    assert "env" not in build_step and "secrets.token_hex(32)" in build_step["run"]
    upload = [s for s in all_steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site/"
    assert all_steps.index(upload[0]) == len(all_steps) - 1, "the preview is the built and tested site"


# Patterns of the workflows as they were: the checks below must catch each of them.
OLD_PULL_REQUEST = """
name: Pull request
on: [pull_request]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-24.04
    container:
      image: python:3.11-bookworm
    steps:
      - name: Build the site
        env:
          SKILLS_SITE_LOOKUP_SECRET: ${{ secrets.SKILLS_SITE_LOOKUP_SECRET }}
        run: skills-site build
"""


def secret_problems(workflow: dict[Any, Any], name: str) -> list[str]:
    """Where a workflow hands out the lookup secret or runs an image that a tag can move."""
    problems = []
    pull_request = "pull_request" in triggers(workflow) or "pull_request_target" in triggers(workflow)
    for job_name, job in workflow["jobs"].items():
        text = yaml.safe_dump(job)
        if "${{ secrets." in text and (pull_request or job.get("environment") != "github-pages"):
            problems.append(f"{name}:{job_name} receives a secret")
        container = job.get("container")
        image = container.get("image", "") if isinstance(container, dict) else ""
        if image and not re.search(r"@sha256:[0-9a-f]{64}$", image):
            problems.append(f"{name}:{job_name} runs an image not pinned by digest")
    return problems


def test_the_lookup_secret_reaches_only_the_publishing_build_and_images_are_pinned() -> None:
    old = secret_problems(yaml.safe_load(OLD_PULL_REQUEST), "old")
    assert old == ["old:check receives a secret", "old:check runs an image not pinned by digest"]
    for path in WORKFLOW_FILES:
        assert secret_problems(yaml.safe_load(path.read_text(encoding="utf-8")), path.name) == []


ZIZMOR = Path(sys.executable).with_name("zizmor")
SEVERITY = re.compile(r"^(error|warning|help|note|info)\[([\w-]+)\]", re.MULTILINE)
ABOVE_LOW = {"error", "warning"}  # zizmor prints high as error, medium as warning, low as help/note


def zizmor(*files: Path) -> list[tuple[str, str]]:
    # CI sets CI=true, under which zizmor colours its output unless told not to
    command = [str(ZIZMOR), "--offline", "--persona", "auditor", "--format", "plain", "--no-progress",
               "--color", "never", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr
    return [(level, rule) for level, rule in SEVERITY.findall(result.stdout)]


def test_zizmor_in_the_auditor_persona_finds_nothing_above_low(tmp_path: Path) -> None:
    old = tmp_path / ".github" / "workflows" / "pull-request.yml"
    old.parent.mkdir(parents=True)
    old.write_text(OLD_PULL_REQUEST, encoding="utf-8")
    found = zizmor(old)
    assert ("error", "unpinned-images") in found and ("warning", "secrets-outside-env") in found
    assert [f for f in zizmor(*WORKFLOW_FILES) if f[0] in ABOVE_LOW] == []
