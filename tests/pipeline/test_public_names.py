"""Holder names that the public sources contain are not taken for leaks; every other name still is."""

from __future__ import annotations

from pathlib import Path

from generator.checks.pii_scan import HolderValues, names_in_text, scan_site
from generator.checks.public_names import without_public_names
from generator.checks.tokens import name_hash


def test_names_inside_longer_public_text_are_found() -> None:
    wanted = HolderValues.of(["张宇", "林治纯", "王小明", "阿依古丽·买买提", "买买提艾力肉孜"])
    text = "联系人：张宇 联系电话：0431—88690531；联系人：林治纯。阿依古丽•买买提，买买提艾力肉孜"
    hashes, long_names = names_in_text(text, wanted)
    assert sorted(hashes.tolist()) == sorted(name_hash(n) for n in ("张宇", "林治纯", "阿依古丽·买买提"))
    assert long_names == {"买买提艾力肉孜"}


def test_a_public_name_is_left_out_of_the_scan_and_a_holder_only_name_is_caught(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "contacts.md").write_text("联系人：张宇\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>联系人：张宇</p>", encoding="utf-8")

    holders = HolderValues.of(["张宇", "王小明", "Y000022000101202000001"])
    wanted, left_out = without_public_names(holders, [docs])
    assert left_out == 1
    assert scan_site(site, wanted) == []

    (site / "leak.html").write_text("<p>持证人王小明，证书 Y000022000101202000001</p>", encoding="utf-8")
    assert sorted(leak.kind for leak in scan_site(site, wanted)) == ["certificate_number", "name"]
