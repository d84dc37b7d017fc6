"""Faulty arguments and files for the editing commands and the other commands."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from benchmarks.hostile import alias_bomb
from tests.hostile.faults_sheets import ENCRYPTED, XLS, encrypted, old_workbook
from tests.hostile.project import DAY, WELDING, WELDING_CERTS, Fault, edit, write

NOTHING = " — 未执行 / nothing done"
FUTURE = f"is in the future (expected a date no later than {DAY})"
NOT_AN_ID = ("is not an enterprise id (expected lowercase letters, digits and single hyphens, e.g. "
             "changchun-hongda-machinery, at most 60 characters)" + NOTHING)
SUPERVISE = ["--date", "2026-05-01", "--kind", "process", "--outcome", "pass", "--summary", "过程检查合格"]
STATUS = ["suspend", "--date", "2026-05-01", "--reason", "整改期间暂停认定", "--document", "测试〔2026〕5号"]
REVOKE = ["--date", "2026-05-01", "--reason", "1"]
NUMBER = "Y000022000901204000001"
ADD = ["--name", "测试锻造有限公司", "--credit-code", "91220102MA0TEPT03X",
       "--evaluation-code", "Y000022000903", "--industry", "equipment", "--reporting-unit", "changchun",
       "--batch", "1", "--address", "吉林省长春市测试路 3 号",
       "--assessment-body", "测试锻造有限公司评价中心", "--supervisory-body", "长春市人力资源和社会保障局",
       "--contact", "测试,0431-80000903", "--occupation", "6-18-02-04:5-3:assessment"]


def command(*argv: str, prepare=None):  # type: ignore[no-untyped-def]
    def setup(root: Path) -> list[str]:
        if prepare is not None:
            prepare(root)
        return list(argv)
    return setup


def bomb_in_enterprise(root: Path) -> None:
    write(root, WELDING, "# yaml-language-server: $schema=../schemas/enterprise.schema.json\n" + alias_bomb())


def bomb_in_certificates(root: Path) -> None:
    write(root, WELDING_CERTS, f"# {NUMBER}\n{alias_bomb()}")


def nul_in_enterprise(root: Path) -> None:
    edit(root, WELDING, "address: 吉林省", "address: 吉林\x00省")


def deep_enterprise(root: Path) -> None:
    path = root / WELDING
    path.write_text(path.read_text(encoding="utf-8") + "x: " + "{a: " * 30 + "1" + "}" * 30 + "\n",
                    encoding="utf-8")


def linked_enterprise(root: Path) -> None:
    (root / "outside").mkdir()
    os.replace(root / WELDING, root / "outside" / "test-welding.yaml")
    os.symlink(root / "outside" / "test-welding.yaml", root / WELDING)


def link_to_system_file(root: Path) -> None:
    os.symlink("/etc/passwd", root / "catalogue" / "enterprises" / "evil.yaml")


def form(data: bytes):  # type: ignore[no-untyped-def]
    def prepare(root: Path) -> None:
        write(root, "附件1.xlsx", data)
    return prepare


def form_listed_in_2099(root: Path) -> None:
    from generator.edit import write_enterprise_form_template
    from tests.edit.test_form import BASICS, CONTACTS, OCCUPATIONS, SUBSIDIARIES, _fill

    path = write_enterprise_form_template(root / "附件1.xlsx", catalogue_dir=root / "catalogue")
    _fill(path, {**BASICS, "列入目录日期": dt.datetime(2099, 1, 1)}, OCCUPATIONS, CONTACTS, SUBSIDIARIES)


def built_site(root: Path) -> None:
    write(root, "site/index.html", "<!doctype html><title>站点</title>\n")


def occupied(root: Path) -> None:
    write(root, "synthetic/keep.txt", "已有文件\n")


CASES = [
    # identifiers that would become paths
    Fault("supervise an enterprise two folders up", command("enterprise", "supervise", "../../x", *SUPERVISE),
          ("skills-site enterprise supervise: id: '../../x' " + NOT_AN_ID,)),
    Fault("change the status of a file through a path", command(
        "enterprise", "status", "../enterprises/test-welding", *STATUS),
        ("skills-site enterprise status: id: '../enterprises/test-welding' " + NOT_AN_ID,)),
    Fault("an enterprise id argument with a line end",
          command("enterprise", "status", "test-welding\n", *STATUS),
          ("skills-site enterprise status: id: 'test-welding\\n' " + NOT_AN_ID,)),
    Fault("add an enterprise under a path", command("enterprise", "add", "x/../../evil", *ADD),
          ("catalogue/enterprises/x/../../evil.yaml:0:0: id: 'x/../../evil' is not a valid id (expected "
           "lowercase letters, digits and single hyphens, e.g. changchun-hongda-machinery)",)),
    Fault("revoke a number that is a path", command("certificate", "revoke", "../x", *REVOKE),
          ("skills-site certificate revoke: number: '../X' is not a certificate number (expected a capital Y "
           "or S followed by 21 digits)" + NOTHING,)),
    # folders and files given on the command line
    Fault("revoke in a catalogue that does not exist", command(
        "certificate", "revoke", NUMBER, *REVOKE, "--catalogue", "/nonexistent"),
        ("skills-site certificate revoke: --catalogue: /nonexistent does not exist (expected the catalogue "
         "folder, e.g. catalogue)" + NOTHING,)),
    Fault("check a catalogue that does not exist", command("check", "--catalogue", "/nonexistent"),
          ("skills-site check: --catalogue: /nonexistent does not exist (expected the catalogue folder, e.g. "
           "catalogue)" + NOTHING,)),
    Fault("check a file as the catalogue", command("check", "--catalogue", "catalogue/batches.yaml"),
          ("skills-site check: --catalogue: catalogue/batches.yaml is not a folder (expected the catalogue "
           "folder, e.g. catalogue)" + NOTHING,)),
    Fault("QR codes for a file that does not exist", command(
        "qr", "--file", "nonexistent.yaml", "--base-url", "https://example.cn"),
        ("skills-site qr: --file: nonexistent.yaml does not exist (expected a file to read)" + NOTHING,)),
    Fault("a template written below a file",
          command("template", "certificates", "--out", "catalogue/batches.yaml/t.xlsx"),
          ("skills-site template: catalogue/batches.yaml: File exists",)),
    Fault("build a project that does not exist", command("build", "--root", "nowhere"),
          ("skills-site build: nowhere/mkdocs.yml: No such file or directory",)),
    Fault("serve on a port that does not exist", command("serve", "--port", "99999", prepare=built_site),
          ("serve: cannot listen on 127.0.0.1:99999: bind(): port must be 0-65535.",)),
    Fault("synthesize into a folder in use", command(
        "synth", "--enterprises", "1", "--certificates", "1", "--out", "synthetic", prepare=occupied),
        ("synth: synthetic is not empty (expected a new or empty folder)",)),
    # dates after the reference day
    Fault("a supervision result dated 2099", command(
        "enterprise", "supervise", "test-welding", *SUPERVISE[2:], "--date", "2099-01-01"),
        (f"{WELDING}:0:0: date: 2099-01-01 {FUTURE}",)),
    Fault("a suspension dated 2099", command(
        "enterprise", "status", "test-welding", *STATUS[:1], *STATUS[3:], "--date", "2099-01-01"),
        (f"{WELDING}:0:0: date: 2099-01-01 {FUTURE}",)),
    Fault("a revocation dated 2099",
          command("certificate", "revoke", NUMBER, "--date", "2099-01-01", "--reason", "1"),
          (f"catalogue/certificates:0:0: revoked_on: 2099-01-01 {FUTURE}",)),
    Fault("a listing dated 2099",
          command("enterprise", "add", "test-forging", *ADD, "--listed-on", "2099-01-01"),
          (f"catalogue/enterprises/test-forging.yaml:0:0: listed_on: 2099-01-01 {FUTURE}",)),
    Fault("a form listing the enterprise in 2099", command(
        "enterprise", "add", "--from", "附件1.xlsx", prepare=form_listed_in_2099),
        (f"附件1.xlsx:12:2: 基本情况!B12 列入目录日期: 2099-01-01 {FUTURE}",)),
    # files the editing commands read
    Fault("supervise an enterprise whose file is an alias bomb", command(
        "enterprise", "supervise", "test-welding", *SUPERVISE, prepare=bomb_in_enterprise),
        (f"{WELDING}:2:4: '&a' is an anchor: anchors and aliases are not used in the catalogue "
         "(expected every value written out)",)),
    Fault("revoke in a file that is an alias bomb", command(
        "certificate", "revoke", NUMBER, *REVOKE, prepare=bomb_in_certificates),
        (f"{WELDING_CERTS}:2:4: '&a' is an anchor: anchors and aliases are not used in the catalogue "
         "(expected every value written out)",)),
    Fault("change the status of a file with a NUL byte", command(
        "enterprise", "status", "test-welding", *STATUS, prepare=nul_in_enterprise),
        (f"{WELDING}:11:12: the character U+0000 (NUL) cannot appear in a YAML file (expected text without "
         "control characters; delete it, it is often left by copying from another program)",)),
    Fault("supervise an enterprise whose file nests too deep", command(
        "enterprise", "supervise", "test-welding", *SUPERVISE, prepare=deep_enterprise),
        (f"{WELDING}:38:80: lists and mappings are nested more than 20 levels deep here (expected at most 20 "
         "levels)",)),
    Fault("supervise an enterprise whose file is a link", command(
        "enterprise", "supervise", "test-welding", *SUPERVISE, prepare=linked_enterprise),
        (f"skills-site enterprise supervise: refusing to write: {WELDING} is a symbolic link (expected a "
         "regular file inside catalogue/enterprises) — 未写入 / nothing written",)),
    Fault("supervise while another enterprise file links to a system file", command(
        "enterprise", "supervise", "test-welding", *SUPERVISE, prepare=link_to_system_file),
        ("catalogue/enterprises/evil.yaml:0:0: the file is a symbolic link (expected a regular file: links "
         "are not followed, so that nothing outside the catalogue is read or published)",)),
    Fault("add an enterprise from a password-protected form", command(
        "enterprise", "add", "--from", "附件1.xlsx", prepare=form(encrypted())),
        (f"附件1.xlsx:0:0: {ENCRYPTED}",)),
    Fault("add an enterprise from an .xls form", command(
        "enterprise", "add", "--from", "附件1.xlsx", prepare=form(old_workbook())),
        (f"附件1.xlsx:0:0: {XLS}",)),
]
