"""`skills-site diff`: the reviewer's Markdown summary of a pull request, with no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer import import_sheet
from generator.review import read_snapshot, redact, review, summarize
from tests.e2e.project import git, run
from tests.importer.sheets import ENTERPRISE, good_row, write_xlsx
from tests.review.scenario import CHANGED, NEW_ADDRESS, NEW_ID, NEW_NAME, changed_repository

EXPECTED = f"""\
## 目录变更摘要

### 试点企业

- 新增：**{NEW_NAME}**（`{NEW_ID}`，第 1 批）
- 状态变更：**长春宏达重型机械股份有限公司** 试点中 → 暂停试点
  - `status_history[1].date`: （无） → `2026-01-05`
  - `status_history[1].document`: （无） → `吉人社函字〔2026〕3号（示例）`
  - `status_history[1].reason`: （无） → `督导发现考核记录不全，限期整改`
  - `status_history[1].status`: （无） → `suspended`
- 修改：**吉林江畔数控机床有限公司**（`{CHANGED}`）
  - `address`: `吉林省吉林市昌邑区示例松江东路 140 号` → `{NEW_ADDRESS}`

### 证书

| 发证企业 | 等级 | 新增证书 |
|---|---|---:|
| 长春宏达重型机械股份有限公司 | 四级/中级工 | 60 |
| 长春宏达重型机械股份有限公司 | 三级/高级工 | 40 |

新增证书合计 100 本。

撤销：

- Y000022000101202****03 孙*冬 撤销日期 2020-09-01，原因代码 2

### 数据检查

✅ `skills-site check` 通过。
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return changed_repository(tmp_path_factory.mktemp("review"))


def personal_values(repo: Path) -> set[str]:
    """Every holder name, ID number and certificate number in the repository's catalogue."""
    snapshot = read_snapshot(repo / "catalogue")
    values = set()
    for number, record in snapshot.certificates.items():
        values |= {number, str(record["id_number"]), str(record["name"])}
    return values


def assert_no_personal_data(text: str, values: set[str]) -> None:
    leaked = sorted(v for v in values if v in text)
    assert leaked == [], f"{len(leaked)} personal values appear in the summary, e.g. {leaked[:3]}"


def test_the_summary_lists_enterprises_fields_statuses_certificates_revocations_and_the_check(
        repo: Path) -> None:
    assert review(repo, "HEAD~1", "HEAD") == EXPECTED


def test_the_command_prints_the_same_summary(repo: Path) -> None:
    result = run(repo, "diff", "HEAD~1", "HEAD")
    assert (result.returncode, result.stdout, result.stderr) == (0, EXPECTED, "")


def test_without_a_head_revision_the_working_tree_is_compared(repo: Path) -> None:
    assert review(repo, "HEAD~1", None) == EXPECTED
    assert review(repo, "HEAD", None).splitlines()[4] == "无变化。"


def test_the_summary_shows_no_holder_name_id_number_or_certificate_number(repo: Path) -> None:
    values = personal_values(repo)
    assert len(values) > 3 * 3300
    assert_no_personal_data(review(repo, "HEAD~1", "HEAD"), values)


def test_a_revision_that_does_not_exist_is_a_usage_error(repo: Path) -> None:
    result = run(repo, "diff", "no-such-revision")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("diff: cannot read revision 'no-such-revision': ")


def test_a_failing_check_is_listed_without_personal_data(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    git(repo, "worktree", "add", "--quiet", "--detach", str(broken), "HEAD")
    folder = broken / "catalogue" / "certificates" / "changchun-hongda-machinery"
    october = folder / "2025-10.yaml"
    text = october.read_text(encoding="utf-8")
    text = text.replace('id_number: "220821197109193247"', "id_number: 220821197109193247")
    october.write_text(text.replace("name: 谭斌铭,", "name: 谭斌铭X,"), encoding="utf-8")
    april = folder / "2020-04.yaml"
    april.write_text(april.read_text(encoding="utf-8").replace(
        'id_number: "222406197905198803",', 'id_number: "222406197905198803" x,'), encoding="utf-8")
    git(broken, "commit", "--quiet", "--all", "-m", "有错误的修改")
    summary = review(broken, "HEAD~1", "HEAD")
    check = summary[summary.index("### 数据检查"):]
    assert check == """\
### 数据检查

- 无法读取：`certificates/changchun-hongda-machinery/2020-04.yaml`（其中的证书未计入以上统计）
❌ 发现 3 个问题：

```
catalogue/certificates/changchun-hongda-machinery/2020-04.yaml:8:5: malformed YAML: the '{' here is never \
closed (expected '}' before line 8, column 81)
catalogue/certificates/changchun-hongda-machinery/2025-10.yaml:8:59: certificates[1].id_number: the ID \
number must be quoted text (expected 18 characters in quotes, e.g. "110105********002*")
catalogue/certificates/changchun-hongda-machinery/2025-10.yaml:9:44: certificates[2].name: character 4 \
(U+0058 LATIN CAPITAL LETTER X) is not a Chinese character (expected Chinese characters, with U+00B7 · \
between the parts of a name)
```
"""
    # Anything shaped like an ID number is masked, the rule's own example too.
    assert "从数据中删除" not in summary  # an unreadable file is not a deletion
    assert_no_personal_data(summary, personal_values(repo) | {"谭斌铭X", "220821197109193247"})


def test_problem_messages_are_redacted_before_they_are_shown(repo: Path) -> None:
    """The build's messages never quote personal data; the summary masks it anyway if one ever does."""
    head = read_snapshot(repo / "catalogue")
    message = ("catalogue/certificates/x/2020-04.yaml:7:5: certificates[0]: 孙磊冬 (220523198002293898) "
               "holds Y000022000101202000003 and 22052319800229389X")
    summary = summarize(head, head, [message])
    assert summary.splitlines()[-2] == ("catalogue/certificates/x/2020-04.yaml:7:5: certificates[0]: 孙*冬 "
                                        "(220523********389*) holds Y000022000101202****03 and "
                                        "220523********389*")
    assert redact("阿依古丽·买买提 and 张伟", {"阿依古丽·买买提", "张伟"}) == "阿依古丽·** and 张*"


def test_a_few_new_certificates_are_listed_one_by_one_masked(repo: Path, tmp_path: Path) -> None:
    small = tmp_path / "small"
    git(repo, "worktree", "add", "--quiet", "--detach", str(small), "HEAD")
    rows = [good_row(i, level=2) for i in (201, 202)]
    import_sheet(small / "catalogue", write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE, sample=True)
    git(small, "add", "--all")
    git(small, "commit", "--quiet", "-m", "补录两本技师证书")
    summary = review(small, "HEAD~1", "HEAD")
    start = summary.index("### 证书")
    assert summary[start:summary.index("### 数据检查")] == f"""\
### 证书

| 发证企业 | 等级 | 新增证书 |
|---|---|---:|
| 长春宏达重型机械股份有限公司 | 二级/技师 | 2 |

新增证书合计 2 本。

新增证书明细（已隐去部分信息）：

- Y000022000101252****01 {rows[0][1][0]}*{rows[0][1][-1]} 二级/技师 6-18-02-04 发证日期 2025-11-20
- Y000022000101252****02 {rows[1][1][0]}*{rows[1][1][-1]} 二级/技师 6-18-02-04 发证日期 2025-11-20

"""
    assert_no_personal_data(summary, personal_values(small))
