"""change_status: suspend, withdraw, reinstate as appended history entries, everything else kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.edit import EditError, change_status
from generator.load.catalogue import read_catalogue

from .support import leftovers, snapshot

JIANGPAN = "enterprises/jilin-jiangpan-cnc.yaml"
LISTING_END = "    document: 吉人社函字〔2019〕210号（示例）\nsupervision:\n"
SUSPENSION = (
    "  - status: suspended\n"
    "    date: 2026-01-05\n"
    "    reason: 双随机抽查发现认定档案缺失，暂停认定\n"
    "    document: 吉人社函字〔2026〕3号（示例）\n"
)


def _messages(exc: pytest.ExceptionInfo[EditError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_suspend_inserts_exactly_one_entry_and_keeps_every_other_byte(catalogue: Path) -> None:
    before = snapshot(catalogue)
    path = change_status(catalogue, "jilin-jiangpan-cnc", "suspend", "2026-01-05",
                         "双随机抽查发现认定档案缺失，暂停认定", "吉人社函字〔2026〕3号（示例）")
    assert path == catalogue / JIANGPAN
    after = snapshot(catalogue)
    old = before.pop(JIANGPAN).decode()
    new = after.pop(JIANGPAN).decode()
    assert after == before  # no other file touched
    head, tail = old.split(LISTING_END)
    assert new == head + LISTING_END.replace("supervision:\n", SUSPENSION + "supervision:\n") + tail
    enterprise = {e.id: e for e in read_catalogue(catalogue, display_root=catalogue.parent).enterprises}
    assert [(s.status, s.date.isoformat()) for s in enterprise["jilin-jiangpan-cnc"].status_history] == [
        ("active", "2019-11-15"), ("suspended", "2026-01-05")]
    assert leftovers(catalogue.parent) == []


def test_reinstate_then_withdraw_appends_in_order(catalogue: Path) -> None:
    path = catalogue / "enterprises/tonghua-qingya-herbal.yaml"
    old = path.read_text(encoding="utf-8")
    change_status(catalogue, "tonghua-qingya-herbal", "reinstate", "2026-02-01",
                  "核查完毕并完成整改，恢复认定", "吉人社函字〔2026〕9号（示例）")
    change_status(catalogue, "tonghua-qingya-herbal", "withdrawn", "2026-03-01",
                  "再次发现违规，按退出机制移出目录", "吉人社函字〔2026〕15号（示例）")
    marker = "supervision:\n"
    head, tail = old.split(marker)
    assert path.read_text(encoding="utf-8") == head + (
        "  - status: active\n"
        "    date: 2026-02-01\n"
        "    reason: 核查完毕并完成整改，恢复认定\n"
        "    document: 吉人社函字〔2026〕9号（示例）\n"
        "  - status: withdrawn\n"
        "    date: 2026-03-01\n"
        "    reason: 再次发现违规，按退出机制移出目录\n"
        "    document: 吉人社函字〔2026〕15号（示例）\n") + marker + tail


@pytest.mark.parametrize(("enterprise", "action", "date", "expected"), [
    ("jilin-jiangpan-cnc", "reinstate", "2026-01-05",
     "catalogue/enterprises/jilin-jiangpan-cnc.yaml:33:13: status_history[0].status: the enterprise is "
     "already active since 2019-11-15 (expected suspended or withdrawn)"),
    ("tonghua-qingya-herbal", "suspend", "2026-01-05",
     "catalogue/enterprises/tonghua-qingya-herbal.yaml:37:13: status_history[1].status: the enterprise is "
     "already suspended since 2021-03-10 (expected active or withdrawn)"),
    ("baicheng-heyuan-grain-oil", "reinstate", "2026-01-05",
     "catalogue/enterprises/baicheng-heyuan-grain-oil.yaml:35:13: status_history[2].status: the enterprise "
     "was withdrawn on 2021-01-15 and cannot change to active (expected a new application in a later batch)"),
    ("siping-hengchuan-heat-exchanger", "suspend", "2020-12-08",
     "catalogue/enterprises/siping-hengchuan-heat-exchanger.yaml:41:11: status_history[2].date: the new "
     "entry's date 2020-12-08 is not after this entry's 2020-12-08 (expected a later date)"),
    ("jilin-jiangpan-cnc", "close", "2026-01-05",
     "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: status: unknown status change 'close' "
     "(expected suspend, withdraw or reinstate)"),
    ("jilin-jiangpan-cnc", "suspend", "2026-02-30",
     "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: date: '2026-02-30' is not a real date "
     "(expected YYYY-MM-DD)"),
    ("no-such-enterprise", "suspend", "2026-01-05",
     "catalogue/enterprises/no-such-enterprise.yaml:0:0: no enterprise with id 'no-such-enterprise' "
     "(expected a file catalogue/enterprises/no-such-enterprise.yaml)"),
])
def test_impossible_changes_are_refused_and_nothing_is_written(catalogue: Path, enterprise: str,
                                                              action: str, date: str, expected: str) -> None:
    before = snapshot(catalogue)
    with pytest.raises(EditError) as exc:
        change_status(catalogue, enterprise, action, date, "原因说明", "吉人社函字〔2026〕1号")
    assert _messages(exc) == [expected]
    assert snapshot(catalogue) == before
    assert leftovers(catalogue.parent) == []


def test_reason_and_document_are_required(catalogue: Path) -> None:
    with pytest.raises(EditError) as exc:
        change_status(catalogue, "jilin-jiangpan-cnc", "suspend", "2026-01-05", " ", "文号")
    assert _messages(exc) == [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:0:0: reason: '' is too short or spans lines "
        "(expected the reason for the change, one line of at least 2 characters)"]


def test_an_edit_is_refused_when_the_catalogue_would_be_invalid(catalogue: Path) -> None:
    other = catalogue / "enterprises/jilin-beian-fine-chemical.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("Y000022000103", "Y000022000113"),
                     encoding="utf-8")
    before = snapshot(catalogue)
    with pytest.raises(EditError) as exc:
        change_status(catalogue, "jilin-jiangpan-cnc", "suspend", "2026-01-05", "原因说明", "文号说明")
    assert _messages(exc) == [
        "catalogue/enterprises/jilin-jiangpan-cnc.yaml:7:18: evaluation_code: 'Y000022000113' is already "
        "used by catalogue/enterprises/jilin-beian-fine-chemical.yaml:7:18 "
        "(expected a unique evaluation_code)"]
    assert snapshot(catalogue) == before
    assert leftovers(catalogue.parent) == []
