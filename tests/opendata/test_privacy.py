"""The open data is scanned like every other page: a holder's name in a download is a leak, even
though the download folder lies among the rendered pages, which count as public sources."""

from __future__ import annotations

from pathlib import Path

from generator.checks.pii_scan import HolderValues, scan_site
from generator.checks.public_names import without_public_names
from generator.checks.tokens import name_hash


def test_a_holder_name_in_a_download_is_not_taken_for_a_public_name(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n联系人：张宇\n", encoding="utf-8")
    (docs / "data" / "x.json").write_text('[{"name":"欧阳明远"}]\n', encoding="utf-8")
    holders = HolderValues.of(["张宇", "欧阳明远"])
    wanted, public = without_public_names(holders, [docs], skip=(docs / "data",))
    assert public == 1 and wanted.names.tolist() == [name_hash("欧阳明远")]
    leaks = scan_site(docs, wanted)
    assert [(leak.path, leak.kind) for leak in leaks] == [("data/x.json", "name")]
