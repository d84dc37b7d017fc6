"""The guards that keep written files where they belong: inside their folder (`inside`, `child`),
or out of folders that are committed or published (`enclosing`), with `..` and links resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.inputs.paths import OutsideFolder, child, enclosing, replace_text


def test_enclosing_finds_the_folder_through_dots_and_links(tmp_path: Path) -> None:
    site, repo, outside = tmp_path / "site", tmp_path / "repo", tmp_path / "outside"
    for folder in (site, repo, outside):
        folder.mkdir()
    (outside / "link").symlink_to(repo, target_is_directory=True)
    assert enclosing(repo, [site, repo]) == repo.resolve()
    assert enclosing(repo / "a" / "b", [site, repo]) == repo.resolve()
    assert enclosing(outside / ".." / "site" / "kit", [site, repo]) == site.resolve()
    assert enclosing(outside / "link" / "keys", [site, repo]) == repo.resolve()
    assert enclosing(outside / "kit", [site, repo]) is None
    assert enclosing(tmp_path / "site-2", [site]) is None  # a sibling with a common prefix is outside


def test_child_refuses_names_that_leave_the_folder(tmp_path: Path) -> None:
    for name in ("..", "../x", "a/b", "", "x\0"):
        with pytest.raises(OutsideFolder):
            child(tmp_path, name)
    assert child(tmp_path, "ok.yaml") == tmp_path / "ok.yaml"


def test_replace_text_keeps_the_mode_and_leaves_the_old_file_when_the_check_refuses(tmp_path: Path) -> None:
    target = tmp_path / "certs.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)

    def refuse(written: Path) -> None:
        assert written.read_text(encoding="utf-8") == "bad\n"
        raise ValueError("does not read back")

    with pytest.raises(ValueError):
        replace_text(target, "bad\n", refuse)
    assert target.read_text(encoding="utf-8") == "old\n"
    replace_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n" and target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.yaml"
    replace_text(fresh, "x\n")
    assert fresh.stat().st_mode & 0o777 == 0o644  # readable like any checked-out file, not mkstemp's 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["certs.yaml", "fresh.yaml"]  # no temporary left
