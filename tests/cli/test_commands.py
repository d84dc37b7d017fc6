"""Each editing command as staff type it: exit 0 when done, 1 with one located problem per line and
nothing written, 2 for a command line that cannot be understood."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli import main
from generator.codes import credit_check_char
from tests.importer.sheets import ENTERPRISE, good_row, snapshot, write_xlsx

SAMPLE = Path(__file__).resolve().parents[2] / "catalogue"
HONGDA = f"catalogue/enterprises/{ENTERPRISE}.yaml"
NEW = "catalogue/enterprises/changchun-shili-welding.yaml"
ONE_OF = "give an enterprise id or --from <附件1.xlsx> (exactly one of them)"
CREDIT = "91220101MA0Y5H9K3" + credit_check_char("91220101MA0Y5H9K3")
ADD = ["enterprise", "add", "changchun-shili-welding", "--name", "长春示例焊接技术有限公司",
       "--credit-code", CREDIT, "--evaluation-code", "Y000022000199", "--industry", "equipment",
       "--reporting-unit", "changchun", "--batch", "1", "--address", "吉林省长春市绿园区示例焊接路1号",
       "--assessment-body", "长春示例焊接技术有限公司技能评价中心",
       "--supervisory-body", "长春市人力资源和社会保障局",
       "--contact", "李示例,0431-80000199,人力资源部", "--contact", "赵示例，13800000199",
       "--occupation", "6-18-02-04:5-3:assessment,process",
       "--occupation", "6-20-01-01:4-2:combined:设备装配",
       "--subsidiary", "长春示例焊接技术有限公司二厂,吉林省长春市绿园区示例焊接路3号", "--sample"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the sample catalogue, made the current directory."""
    shutil.copytree(SAMPLE, tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def skills_site(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def failed(message: str) -> str:
    return f"{message}\n发现 1 个问题 / 1 problem(s) found.\n"


def test_template_writes_the_certificate_sheet_and_the_enterprise_form(
        here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert skills_site(capsys, "template", "certificates") == (
        0, "已生成模板 / wrote 证书导入模板.xlsx\n", "")
    assert load_workbook(here / "证书导入模板.xlsx").sheetnames == ["证书", "填写说明"]
    assert skills_site(capsys, "template", "enterprise", "--out", "表/附件1.xlsx") == (
        0, "已生成附件1表格 / wrote 表/附件1.xlsx\n", "")
    assert "基本情况" in load_workbook(here / "表" / "附件1.xlsx").sheetnames
    code, out, err = skills_site(capsys, "template", "batches")
    assert (code, out) == (2, "")
    assert err.endswith("argument kind: invalid choice: 'batches' "
                        "(choose from 'certificates', 'enterprise')\n")


def test_enterprise_add_from_options_writes_a_checked_file(
        here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = skills_site(capsys, *ADD)
    assert (code, out, err) == (0, f"已添加企业 / added {NEW}\n", "")
    text = (here / NEW).read_text(encoding="utf-8")
    for line in ("name: 长春示例焊接技术有限公司", f"credit_code: {CREDIT}", "batch: 1",
                 "listed_on: 2019-11-15",
                 "  - name: 赵示例", "    work_type: 设备装配", "    levels: {from: 4, to: 2}",
                 "    methods: [combined]", "  - name: 长春示例焊接技术有限公司二厂"):
        assert line in text.splitlines()
    assert skills_site(capsys, "check")[0] == 0


def test_enterprise_add_refuses_a_taken_credit_code_and_writes_nothing(
        here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*ADD]
    argv[argv.index(CREDIT)] = "91220101MA14X2K7LG"
    before = snapshot(here)
    assert skills_site(capsys, *argv) == (1, "", failed(
        f"{NEW}:11:14: credit_code: '91220101MA14X2K7LG' is already "
        f"used by {HONGDA}:6:14 (expected a unique credit_code)"))
    assert snapshot(here) == before


@pytest.mark.parametrize(("argv", "error"), [
    (["enterprise", "add"], ONE_OF),
    (["enterprise", "add", "x-y", "--from", "a.xlsx"], ONE_OF),
    (["enterprise", "add", "x-y", "--name", "某公司"],
     "enterprise add x-y: missing --credit-code, --evaluation-code, --industry, --reporting-unit, --batch, "
     "--address, --assessment-body, --supervisory-body, --contact, --occupation"),
    (["enterprise", "add", "x-y", "--contact", "李示例"],
     "argument --contact: --contact '李示例': expected 姓名,电话[,职务[,电子邮箱]]"),
    (["enterprise", "add", "x-y", "--occupation", "6-18-02-04:五级:assessment"],
     "argument --occupation: --occupation '6-18-02-04:五级:assessment': expected 职业编码:起始等级-最高等级:"
     "评价方式[,评价方式…][:工种], e.g. 6-18-02-04:5-3:assessment,process"),
    (["enterprise", "status", ENTERPRISE, "pause", "--date", "2026-01-05", "--reason", "r",
      "--document", "d"],
     "argument action: invalid choice: 'pause' (choose from 'suspend', 'reinstate', 'withdraw')"),
    (["enterprise", "status", ENTERPRISE, "suspend", "--date", "2026-01-05", "--reason", "督导发现问题"],
     "the following arguments are required: --document"),
    (["enterprise", "supervise", ENTERPRISE, "--date", "2026-01-05", "--kind", "audit", "--outcome", "pass",
      "--summary", "s"],
     "argument --kind: invalid choice: 'audit' (choose from 'process', 'random', 'complaint')"),
    (["certificate", "revoke", "Y000022000101202000003", "--date", "2020-09-01", "--reason", "欺骗"],
     "argument --reason: invalid int value: '欺骗'"),
    (["certificate"], "the following arguments are required: verb"),
])
def test_a_command_line_that_cannot_be_understood_exits_with_2(
        here: Path, capsys: pytest.CaptureFixture[str], argv: list[str], error: str) -> None:
    before = snapshot(here)
    code, out, err = skills_site(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].endswith(f"error: {error}")
    assert snapshot(here) == before


def test_enterprise_add_from_a_filled_form(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.edit.test_form import BASICS, CONTACTS, OCCUPATIONS, SUBSIDIARIES, _fill

    assert skills_site(capsys, "template", "enterprise", "--out", "附件1.xlsx")[0] == 0
    _fill(here / "附件1.xlsx", BASICS, OCCUPATIONS, CONTACTS, SUBSIDIARIES)
    assert skills_site(capsys, "enterprise", "add", "--from", "附件1.xlsx") == (
        0, "已添加企业 / added catalogue/enterprises/songyuan-ningjiang-feed.yaml\n", "")
    code, out, err = skills_site(capsys, "enterprise", "add", "--from", "附件1.xlsx")
    assert (code, out) == (1, "")
    assert err == failed("catalogue/enterprises/songyuan-ningjiang-feed.yaml:0:0: id: an enterprise with id "
                         "'songyuan-ningjiang-feed' already exists (expected a new id, or edit the file)")


def test_enterprise_status_and_supervise_append_dated_entries(
        here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (here / HONGDA).read_text(encoding="utf-8")
    assert skills_site(capsys, "enterprise", "status", ENTERPRISE, "suspend", "--date", "2026-01-05",
                       "--reason", "督导发现考核记录不全，限期整改",
                       "--document", "吉人社函字〔2026〕3号") == (
        0, f"已记录状态变更 / suspend recorded in {HONGDA}\n", "")
    assert skills_site(capsys, "enterprise", "supervise", ENTERPRISE, "--date", "2026-01-04", "--kind",
                       "random", "--outcome", "rectify", "--summary", "抽查发现考核记录不全") == (
        0, f"已记录督导结果 / supervision recorded in {HONGDA}\n", "")
    after = (here / HONGDA).read_text(encoding="utf-8")
    assert after.startswith(before.split("supervision:")[0].rstrip("\n"))
    assert "    reason: 督导发现考核记录不全，限期整改\n" in after and "    kind: random\n" in after
    unchanged = snapshot(here)
    code, out, err = skills_site(capsys, "enterprise", "status", ENTERPRISE, "withdraw",
                                 "--date", "2025-12-31", "--reason", "退出",
                                 "--document", "吉人社函字〔2026〕4号")
    assert (code, out) == (1, "")
    assert err == failed(f"{HONGDA}:41:11: status_history[1].date: the new entry's date 2025-12-31 is not "
                         "after this entry's 2026-01-05 (expected a later date)")
    assert snapshot(here) == unchanged


def test_certificate_revoke_marks_the_record_and_refuses_a_second_time(
        here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = "catalogue/certificates/changchun-hongda-machinery/2020-04.yaml"
    before = (here / path).read_text(encoding="utf-8").splitlines()
    assert skills_site(capsys, "certificate", "revoke", "Y000022000101202000003", "--date", "2020-09-01",
                       "--reason", "2") == (0, f"已撤销证书 / revoked in {path}\n", "")
    after = (here / path).read_text(encoding="utf-8").splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [8]
    assert after[8] == before[8][:-1] + ", status: revoked, revoked_on: 2020-09-01, revocation_reason: 2}"
    unchanged = snapshot(here)
    assert skills_site(capsys, "certificate", "revoke", "Y000022000101202000003", "--date", "2020-10-01",
                       "--reason", "1") == (1, "", failed(
        f"{path}:9:5: certificates[2].status: the certificate was already revoked on 2020-09-01 "
        "(expected a valid certificate)"))
    assert skills_site(capsys, "certificate", "revoke", "Y000022000101202999999", "--date", "2020-10-01",
                       "--reason", "1") == (1, "", failed(
        "catalogue/certificates:0:0: number: no certificate file holds this number "
        "(expected the number of a published certificate)"))
    assert skills_site(capsys, "certificate", "revoke", "Y000022000101202000004", "--date", "2020-10-01",
                       "--reason", "9") == (1, "", failed(
        "catalogue/reference/revocation-reasons.yaml:0:0: revocation_reason: 9 is not a revocation reason "
        "(expected one of 1, 2, 3, 4 from reference/revocation-reasons.yaml)"))
    assert snapshot(here) == unchanged


def test_import_lists_every_bad_row_and_writes_nothing_or_writes_everything(
        here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [good_row(i) for i in range(1, 6)]
    rows[1][2] = 220102199001011000.0
    rows[3][3] = "6-99-99-99"
    write_xlsx(here / "名单.xlsx", rows)
    before = snapshot(here)
    assert skills_site(capsys, "import", "名单.xlsx", "--enterprise", ENTERPRISE) == (1, "", (
        "证书!3: 身份证号码: stored as the number 2.2010219900101E+17: Excel keeps only 15 digits, "
        "so the last digits are lost (expected text: format the column as 文本 and type the number again)\n"
        "证书!5: 职业编码: 6-99-99-99 is not an occupation registered for changchun-hongda-machinery "
        "(expected one of 6-18-02-04, 6-18-01-01, 6-20-01-01)\n"
        "未写入任何数据 / nothing written: 2 problem(s).\n"))
    assert snapshot(here) == before
    write_xlsx(here / "名单.xlsx", [good_row(i) for i in range(1, 6)])
    assert skills_site(capsys, "import", "名单.xlsx", "--enterprise", ENTERPRISE, "--sample") == (0, (
        "新增 5，更新 0，已存在 0 / added 5, updated 0, unchanged 0\n"
        f"  catalogue/certificates/{ENTERPRISE}/2025-11.yaml\n"), "")
    text = (here / "catalogue" / "certificates" / ENTERPRISE / "2025-11.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1] == ("# 示例数据：姓名、身份证号码、证书编号、查询码均为程序合成，"
                                    "不对应任何真实人员。")
    assert "sample: true" in text.splitlines()
