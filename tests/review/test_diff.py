"""`skills-site diff`: the reviewer's Markdown summary of a pull request, with no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer import import_sheet
from generator.masking import mask_name
from generator.review import md, read_snapshot, review, summarize
from tests.e2e.project import git, run
from tests.importer.sheets import ENTERPRISE, good_row, write_xlsx
from tests.review.scenario import CHANGED, NEW_ADDRESS, NEW_ID, NEW_NAME, changed_repository

EXPECTED = f"""\
## 目录变更摘要

### 试点企业

- 新增：**{NEW_NAME}**（{NEW_ID}，第 1 批）
- 状态变更：**长春宏达重型机械股份有限公司** 试点中 → 暂停试点
  - status\\_history\\[1\\].date：（无） → “2026-01-05”
  - status\\_history\\[1\\].document：（无） → “吉人社函字〔2026〕3号（示例）”
  - status\\_history\\[1\\].reason：（无） → “督导发现考核记录不全，限期整改”
  - status\\_history\\[1\\].status：（无） → “suspended”
- 修改：**吉林江畔数控机床有限公司**（{CHANGED}）
  - address：“吉林省吉林市昌邑区示例松江东路 140 号” → “{NEW_ADDRESS}”

### 证书

| 变更 | 本数 |
|---|---:|
| 新增 | 100 |
| 撤销 | 1 |
| 已发布证书内容修改 | 0 |
| 已发布证书删除 | 0 |

新增证书（按发证企业、发证批次、职业、等级）：

| 发证企业 | 发证批次 | 职业 | 等级 | 本数 |
|---|---|---|---|---:|
| 长春宏达重型机械股份有限公司 | 2025-11 | 6-18-02-04 | 三级/高级工 | 40 |
| 长春宏达重型机械股份有限公司 | 2025-11 | 6-18-02-04 | 四级/中级工 | 60 |

撤销（按发证企业、撤销原因）：

| 发证企业 | 撤销原因 | 本数 |
|---|---|---:|
| 长春宏达重型机械股份有限公司 | 评价过程违反规定，认定结果无效 | 1 |

### 数据检查

✅ skills-site check 通过。
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return changed_repository(tmp_path_factory.mktemp("review"))


def personal_values(repo: Path) -> set[str]:
    """Every holder name, ID number, certificate number and code in the repository's catalogue,
    with the parts a masked form would show: the start of a number, the first character of a name."""
    snapshot = read_snapshot(repo / "catalogue")
    values = set()
    for number, record in snapshot.certificates.items():
        values |= {number, number[:16], str(record["id_number"]), str(record["name"]),
                   str(record["query_code"]), mask_name(str(record["name"]))}
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

- 无法读取：certificates/changchun-hongda-machinery/2020-04.yaml（其中的证书未计入以上统计）
❌ 发现 3 个问题（个人信息已隐去）：

- catalogue/certificates/changchun-hongda-machinery/2020-04.yaml:8:5: malformed YAML: the &#39;\\{&#39; here \
is never closed \\(expected &#39;\\}&#39; before line 8, column 81\\)
- catalogue/certificates/changchun-hongda-machinery/2025-10.yaml:8:59: certificates\\[1\\].id\\_number: the \
ID number must be quoted text \\(expected 18 characters in quotes, e.g. &quot;\\[身份证号码\\]&quot;\\)
- catalogue/certificates/changchun-hongda-machinery/2025-10.yaml:9:44: certificates\\[2\\].name: character 4 \
\\(U+0058 LATIN CAPITAL LETTER X\\) is not a Chinese character \\(expected Chinese characters, with U+00B7 · \
between the parts of a name\\)
"""
    # Anything shaped like an ID number is masked, the rule's own example too.
    assert "从数据中删除" not in summary  # an unreadable file is not a deletion
    assert_no_personal_data(summary, personal_values(repo) | {"谭斌铭X", "220821197109193247"})


def test_problem_messages_are_redacted_before_they_are_shown(repo: Path) -> None:
    """The build's messages never quote personal data; the summary removes it anyway if one ever does."""
    head = read_snapshot(repo / "catalogue")
    number, record = next(iter(head.certificates.items()))
    message = (f"catalogue/certificates/x/2020-04.yaml:7:5: certificates[0]: {record['name']} "
               f"({record['id_number']}) holds {number} with code {record['query_code']} and y{number[1:]}")
    summary = summarize(head, head, [message])
    assert summary.splitlines()[-1] == ("- catalogue/certificates/x/2020-04.yaml:7:5: certificates\\[0\\]: "
                                        "\\[姓名\\] \\(\\[身份证号码\\]\\) holds \\[证书编号\\] "
                                        "with code \\[查询码\\] and "
                                        "\\[证书编号\\]")


def test_text_in_a_data_file_cannot_change_how_the_summary_reads() -> None:
    hostile = "<!-- *x* `y` [z](https://e.example) | a\nb ![i](j) <script>"
    assert md(hostile) == ("&lt;\\!-- \\*x\\* \\`y\\` \\[z\\]\\(https://e.example\\) \\| a b "
                           "\\!\\[i\\]\\(j\\) &lt;script&gt;")
    from generator.review import Snapshot

    base, head = Snapshot(), Snapshot()
    head.enterprises["x"] = {"name": "<!-- 隐藏以下内容", "batch": "1 | 2"}
    summary = summarize(base, head, [])
    assert "<!--" not in summary and "&lt;\\!-- 隐藏以下内容" in summary and "1 \\| 2" in summary
    assert summary.rstrip().endswith("✅ skills-site check 通过。")


def test_a_few_new_certificates_are_counted_and_no_line_is_about_one_holder(repo: Path,
                                                                           tmp_path: Path) -> None:
    """A de-masking attack needs a per-holder line; with two new certificates there is none."""
    small = tmp_path / "small"
    git(repo, "worktree", "add", "--quiet", "--detach", str(small), "HEAD")
    rows = [good_row(i, level=2) for i in (201, 202)]
    import_sheet(small / "catalogue", write_xlsx(tmp_path / "a.xlsx", rows), ENTERPRISE, sample=True)
    git(small, "add", "--all")
    git(small, "commit", "--quiet", "-m", "补录两本技师证书")
    summary = review(small, "HEAD~1", "HEAD")
    start = summary.index("新增证书（")
    assert summary[start:summary.index("### 数据检查")] == """\
新增证书（按发证企业、发证批次、职业、等级）：

| 发证企业 | 发证批次 | 职业 | 等级 | 本数 |
|---|---|---|---|---:|
| 长春宏达重型机械股份有限公司 | 2025-11 | 6-18-02-04 | 二级/技师 | 2 |

"""
    assert_no_personal_data(summary, personal_values(small))
