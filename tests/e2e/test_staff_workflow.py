"""A staff member's day, end to end, in a temporary git repository holding the project's files:
an enterprise's list goes into the sheet, is imported and committed, the reviewer's summary shows
it masked, the site is built, and an employer finds the new certificate on the verification page."""

from __future__ import annotations

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
    assert "| 长春宏达重型机械股份有限公司 | 三级/高级工 | 1 |" in diff.stdout
    assert "新增证书合计 1 本。" in diff.stdout
    masked = f"- {number[:15]}{number[15]}****{number[-2:]} {name[0]}*{name[-1]} 三级/高级工 6-18-02-04"
    assert f"{masked} 发证日期 2025-11-20" in diff.stdout.splitlines()
    assert "✅ `skills-site check` 通过。" in diff.stdout
    assert not any(value in diff.stdout for value in (number, name, id_number))

    # The build, from the repository's own files.
    built = run(repo, "build", "--root", str(repo))
    assert built.returncode == 0, built.stderr
    assert "已生成网站" in built.stdout
    site = repo / "site"
    assert (site / "verify" / "index.html").exists()

    # An employer checks the certificate by its number and the holder's name.
    url = serve_directory(site)
    page.goto(f"{url}/verify/")
    page.wait_for_selector("[data-verify][data-ready=true]")
    page.get_by_role("tab", name="证书编号＋姓名").click()
    page.fill("#verify-number", number)
    page.fill("#verify-number-name", name)
    page.click("#verify-panel-number button[type=submit]")
    page.wait_for_function(
        "s => !['searching', undefined].includes(document.querySelector(s).dataset.state)", arg=RESULT)
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
