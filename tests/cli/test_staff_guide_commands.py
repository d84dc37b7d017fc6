"""Every `skills-site` command printed in the staff guide runs as printed (placeholders filled in)
against a copy of the project, in the guide's order, and the guide names every staff command."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli import build_parser
from generator.codes import credit_check_char
from tests.e2e.project import ROOT, SKILLS_SITE, git, run, working_copy
from tests.importer.sheets import ENTERPRISE, good_row, write_xlsx

GUIDE = ROOT / "content" / "staff" / "index.md"
NEW_ID = "changchun-shili-welding"
FILLED = {  # placeholder -> what a staff member would type
    "<企业名称>": "长春示例焊接技术有限公司",
    "<统一社会信用代码>": "91220101MA0Y5H9K3" + credit_check_char("91220101MA0Y5H9K3"),
    "<评价机构编码>": "Y000022000199",
    "<地址>": "吉林省长春市绿园区示例焊接路1号",
    "<实施鉴定机构>": "长春示例焊接技术有限公司技能评价中心",
    "<监管服务机构>": "长春市人力资源和社会保障局",
    "<联系人>": "李示例", "<电话>": "0431-80000199", "<部门>": "人力资源部",
    "<证书编号>": "Y000022000101202000001",
    "<网站地址>": "https://skills.example.cn",
    "<批次>": "2020-04",
}
NOT_FOR_STAFF = {"synth"}  # writes synthetic catalogues for benchmarks


def guide_commands() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in re.sub(r"\\\n\s*", "", block).splitlines():
            if line.strip().startswith("skills-site "):
                commands.append(line.strip())
    return commands


def fill(command: str) -> list[str]:
    enterprise = NEW_ID if command.startswith("skills-site enterprise") else ENTERPRISE
    for placeholder, value in {**FILLED, "<企业标识>": enterprise}.items():
        command = command.replace(placeholder, value)
    assert "<" not in command, f"unfilled placeholder in {command}"
    return shlex.split(command)


def fill_form(repo: Path) -> None:
    """What an enterprise sends back: the blank 附件1 written by the guide's previous command, filled."""
    from tests.edit.test_form import BASICS, CONTACTS, OCCUPATIONS, SUBSIDIARIES, _fill

    shutil.copy(repo / "附件1-基本情况.xlsx", repo / "附件1-某某公司.xlsx")
    _fill(repo / "附件1-某某公司.xlsx", BASICS, OCCUPATIONS, CONTACTS, SUBSIDIARIES)


def prepare(repo: Path, argv: list[str]) -> None:
    if "附件1-某某公司.xlsx" in argv:
        fill_form(repo)
    elif "证书名单.xlsx" in argv:
        write_xlsx(repo / "证书名单.xlsx", [good_row(i) for i in range(1, 11)])
    elif "证书名单-更正.xlsx" in argv:
        rows = [good_row(i) for i in range(1, 11)]
        rows[4][1] = "吴伟强"
        write_xlsx(repo / "证书名单-更正.xlsx", rows)
    elif argv[1] == "diff":
        git(repo, "add", "--all")
        git(repo, "commit", "--quiet", "-m", "按工作人员指南逐条操作")


def free_port(preferred: int) -> int:
    """`preferred` when nothing listens on it (the guide's default), else any free port."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise AssertionError("no free port")


def serve_once(repo: Path, argv: list[str]) -> None:
    port = free_port(8000)
    extra = [] if port == 8000 else ["--port", str(port)]
    with subprocess.Popen([str(SKILLS_SITE), *argv[1:], *extra], cwd=repo, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as server:
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/staff/", timeout=2) as response:
                        assert "工作人员指南" in response.read().decode("utf-8")
                        return
                except OSError:
                    assert server.poll() is None, server.stdout.read() if server.stdout else ""
                    time.sleep(0.2)
            pytest.fail(f"skills-site serve did not answer on http://127.0.0.1:{port}/")
        finally:
            server.terminate()


def test_the_guide_names_every_staff_command() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    named = {fill(c)[1] for c in guide_commands()}
    assert named == set(commands) - NOT_FOR_STAFF


def test_every_command_in_the_staff_guide_runs_as_printed(tmp_path: Path) -> None:
    repo = working_copy(tmp_path / "repo")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    commands = guide_commands()
    assert len(commands) == 21
    outputs = {}
    for command in commands:
        argv = fill(command)
        prepare(repo, argv)
        if argv[1] == "serve":
            serve_once(repo, argv)
            continue
        result = run(repo, *argv[1:])
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        outputs[command] = result.stdout

    # What the commands did, seen in the files.
    new = (repo / "catalogue" / "enterprises" / f"{NEW_ID}.yaml").read_text(encoding="utf-8")
    assert "name: 长春示例焊接技术有限公司" in new
    assert [line.split(": ")[1] for line in new.splitlines() if line.startswith("  - status: ")] == [
        "active", "suspended", "active", "withdrawn"]
    assert "kind: process" in new and "outcome: pass" in new
    assert (repo / "catalogue" / "enterprises" / "songyuan-ningjiang-feed.yaml").exists()
    imported = (repo / "catalogue" / "certificates" / ENTERPRISE / "2025-11.yaml").read_text(encoding="utf-8")
    assert imported.count("\n  - {") == 10 and ", name: 吴伟强, " in imported
    revoked = (repo / "catalogue" / "certificates" / ENTERPRISE / "2020-04.yaml").read_text(encoding="utf-8")
    assert "number: Y000022000101202000001, " in revoked
    assert "status: revoked, revoked_on: 2020-09-01, revocation_reason: 1}" in revoked
    kit = sorted(p.name for p in (repo / "证书查询码").iterdir())
    numbers = re.findall(r"number: (\w+)", revoked)
    assert kit == sorted(["codes.csv", "sheet.html", *(f"{n}.svg" for n in numbers)])
    assert outputs["skills-site certificate codes"].startswith("每本证书都已有查询码，未做修改")
    electronic = sorted(p.name for p in (tmp_path / "电子证书").iterdir())
    # signed before the guide's revocation: every certificate the file had not revoked yet
    original = (ROOT / "catalogue" / "certificates" / ENTERPRISE / "2020-04.yaml").read_text(encoding="utf-8")
    valid = [n for line in original.splitlines() for n in re.findall(r"number: (\w+)", line)
             if "status: revoked" not in line]
    assert electronic == sorted(f"{n}{suffix}" for n in valid for suffix in (".html", ".svg", ".txt"))
    assert (tmp_path / "签名密钥" / "jlvsc-signing.pem").read_text(encoding="ascii").startswith("-----BEGIN")
    assert "status: compromised" in (repo / "catalogue" / "signing-keys.yaml").read_text(encoding="utf-8")
    assert load_workbook(repo / "证书导入模板.xlsx").sheetnames == ["证书", "填写说明"]
    assert (repo / "site" / "index.html").exists()
    summary = outputs["skills-site diff origin/main HEAD"]
    assert "新增：**长春示例焊接技术有限公司**" in summary
    assert "✅ skills-site check 通过。" in summary
