"""A staff member's day, end to end, in a temporary git repository holding the project's files:
an enterprise's list goes into the sheet, is imported and committed, the reviewer's summary counts
it, the site is built, the enterprise prints the certificate's verification code and QR code, and
an employer who scans the QR code sees the certificate on the verification page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.e2e.project import git, run, working_copy
from tests.importer.sheets import ENTERPRISE, good_row, write_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.slow]
RESULT = "[data-verify-result]"


def test_a_staff_member_imports_a_sheet_commits_builds_and_an_employer_finds_the_new_certificate(
        tmp_path: Path, page, serve_directory) -> None:  # type: ignore[no-untyped-def]
    repo = working_copy(tmp_path / "repo")

    # The enterprise's list, copied into the template: one new certificate.
    row = good_row(7, level=3)
    number, name, id_number = row[0], row[1], row[2]
    write_xlsx(repo / "证书名单.xlsx", [row], keep_example=True)
    imported = run(repo, "import", "证书名单.xlsx", "--enterprise", ENTERPRISE, "--sample")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[0] == "新增 1，更新 0，已存在 0 / added 1, updated 0, unchanged 0"
    added = repo / "catalogue" / "certificates" / ENTERPRISE / "2025-11.yaml"
    assert f"{number}, name: {name}, " in added.read_text(encoding="utf-8")

    git(repo, "add", "catalogue")
    git(repo, "commit", "--quiet", "-m", "导入长春宏达 2025 年 11 月证书")
    assert git(repo, "status", "--porcelain", "--untracked-files=no") == ""

    # The reviewer's summary: the new certificate counted, nothing personal shown.
    diff = run(repo, "diff", "HEAD~1", "HEAD")
    assert diff.returncode == 0, diff.stderr
    assert "| 长春宏达重型机械股份有限公司 | 2025-11 | 6-18-02-04 | 三级/高级工 | 1 |" in diff.stdout
    assert "| 新增 | 1 |" in diff.stdout
    assert "✅ skills-site check 通过。" in diff.stdout
    assert not any(value in diff.stdout for value in (number, number[:16], name, id_number, f"{name[0]}*"))

    # The build, from the repository's own files.
    built = run(repo, "build", "--root", str(repo))
    assert built.returncode == 0, built.stderr
    assert "已生成网站" in built.stdout
    site = repo / "site"
    assert (site / "verify" / "index.html").exists()

    # The enterprise prints what goes on the certificate: its code and QR code, outside the site.
    url = serve_directory(site)
    kit = run(repo, "qr", "--file", f"catalogue/certificates/{ENTERPRISE}/2025-11.yaml", "--base-url", url,
              "--out", str(tmp_path / "kit"))
    assert kit.returncode == 0, kit.stderr
    with open(tmp_path / "kit" / "codes.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {r["证书编号"]: r for r in csv.DictReader(handle)}
    code = rows[number]["查询码"]
    assert rows[number]["姓名"] == name and (tmp_path / "kit" / f"{number}.svg").exists()
    assert not any(code.replace("-", "") in p.read_text(encoding="utf-8", errors="replace")
                   for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".js"))

    # An employer scans the QR code: the verification page opens with the result.
    page.goto(f"{url}/verify/#n={number}&c={code.replace('-', '')}")
    page.wait_for_selector(f"{RESULT}[data-done=true]")
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"
    terms = page.locator(f"{RESULT} .verify-card dt").all_inner_texts()
    values = page.locator(f"{RESULT} .verify-card dd").all_inner_texts()
    card = dict(zip(terms, values, strict=True))
    assert card["证书编号"] == number
    assert card["姓名"] == name[0] + "*" + name[-1]
    assert card["等级"] == "三级/高级工"
    assert card["发证企业"] == "长春宏达重型机械股份有限公司"
    assert card["发证日期"] == "2025年11月20日"
    assert card["状态"] == "有效"
