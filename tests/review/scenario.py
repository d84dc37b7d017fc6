"""A pull request's worth of catalogue changes, made with the staff commands in a git repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.certificates import revoke_certificate
from generator.codes import credit_check_char
from generator.edit import Contact, Scope, add_enterprise_scaffold, change_status
from generator.importer import import_sheet
from tests.e2e.project import git, working_copy
from tests.importer.sheets import ENTERPRISE, good_row, write_xlsx

NEW_ID = "siping-shili-foundry"
NEW_NAME = "四平示例铸造有限公司"
CHANGED = "jilin-jiangpan-cnc"
REVOKED = "Y000022000101202000003"
NEW_ADDRESS = "吉林省吉林市丰满区示例数控路 12 号"


def changed_repository(base: Path) -> Path:
    """A repository whose HEAD~1 is the sample catalogue and whose HEAD adds an enterprise, changes
    another's address, suspends a third, imports 60 + 40 certificates and revokes one."""
    repo = working_copy(base / "repo", ("catalogue",))
    catalogue = repo / "catalogue"
    add_enterprise_scaffold(
        catalogue, NEW_ID, NEW_NAME, credit_code="91220301MA0Y7F2K4" + credit_check_char("91220301MA0Y7F2K4"),
        evaluation_code="Y000022000198", industry="equipment", reporting_unit="siping", batch=1,
        address="吉林省四平市铁西区示例铸造路 3 号", assessment_body="四平示例铸造有限公司技能评价中心",
        supervisory_body="四平市人力资源和社会保障局",
        contacts=[Contact("周示例", "0434-80000198", role="人力资源部")],
        occupations=[Scope("6-18-02-04", 5, 3, ("assessment",))], sample=True)
    path = catalogue / "enterprises" / f"{CHANGED}.yaml"
    text = path.read_text(encoding="utf-8")
    old_address = next(line for line in text.splitlines() if line.startswith("address: "))
    path.write_text(text.replace(old_address, f"address: {NEW_ADDRESS}"), encoding="utf-8")
    change_status(catalogue, ENTERPRISE, "suspended", "2026-01-05", "督导发现考核记录不全，限期整改",
                  "吉人社函字〔2026〕3号（示例）")
    rows = [good_row(i) for i in range(1, 61)] + [good_row(i, level=3) for i in range(61, 101)]
    import_sheet(catalogue, write_xlsx(base / "名单.xlsx", rows), ENTERPRISE, sample=True)
    revoke_certificate(catalogue, REVOKED, dt.date(2020, 9, 1), 2)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "新增企业、导入证书、撤销证书")
    return repo
