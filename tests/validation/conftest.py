"""A small valid catalogue (two enterprises, frozen reference data, the repository's schemas) copied
into a temporary folder per test; a test changes one thing and compares the exact messages."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.load.catalogue import check_catalogue

HERE = Path(__file__).resolve().parent
BASE = HERE / "base" / "catalogue"
SCHEMAS = HERE.parent.parent / "catalogue" / "schemas"
HONGDA = "enterprises/changchun-hongda-machinery.yaml"
SIPING = "enterprises/siping-hengchuan-heat-exchanger.yaml"


@dataclass
class CatalogueFolder:
    root: Path  # display root: messages show paths as catalogue/...

    @property
    def path(self) -> Path:
        return self.root / "catalogue"

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace whole line(s) `old`, which must occur exactly once, by `new` ('' deletes them)."""
        target = self.path / relative
        text = "\n" + target.read_text(encoding="utf-8")
        needle = f"\n{old}\n"
        assert text.count(needle) == 1, f"{old!r} occurs {text.count(needle)} times as lines of {relative}"
        replacement = f"\n{new}\n" if new else "\n"
        target.write_text(text.replace(needle, replacement, 1)[1:], encoding="utf-8")

    def write(self, relative: str, content: str | bytes) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    def messages(self) -> list[str]:
        return [str(p) for p in check_catalogue(self.path, display_root=self.root)]


@pytest.fixture
def catalogue(tmp_path: Path) -> CatalogueFolder:
    shutil.copytree(BASE, tmp_path / "catalogue")
    shutil.copytree(SCHEMAS, tmp_path / "catalogue" / "schemas")
    folder = CatalogueFolder(tmp_path)
    assert folder.messages() == [], "the base fixture itself must be valid"
    return folder
