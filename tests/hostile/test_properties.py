"""Property-based tests: random and mutated YAML files given to `check`, random and mutated
spreadsheets given to `import`. Whatever the input, no exception escapes (no traceback, no
internal error), every run ends within a time bound, a run that fails changes no file, and an
import that succeeds leaves a catalogue that passes `check`.

The examples are derandomized so that CI runs the same ones every time; set
HYPOTHESIS_PROFILE=explore to search with fresh random examples (many more of them).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.hostile.faults_sheets import HEADER_ROW, VALID_CSV_ROW, row, workbook_bytes
from tests.hostile.project import EPOCH, WELDING, WELDING_CERTS, make_project, run, snapshot

settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("explore", max_examples=2000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BOUND = 30  # seconds: far above any real run; a run that takes longer is a hang
TARGETS = (WELDING, WELDING_CERTS, "catalogue/batches.yaml", "catalogue/reference/levels.yaml")
YAML_PIECES = ["&a ", "*a", "&a [*a, *a]", "[", "]", "{", "}", ": ", "- ", "? ", ",", "!!binary ", "!!set ",
               "!x ", "!!python/object:os.system ", "\t", '"', "'", "#", "|", ">", "\x00", "\x7f", "\ufffe",
               "\ufeff", "\n", "\r\n", "---\n", "...\n", "<<: ", "~", "null", "true", "yes", "1: ", "0x1F",
               "9" * 5000, "2099-01-01", "2020-02-30", "\\n", "𠮷", "·", "[" * 100, "{a: " * 30, "  ",
               "%YAML 1.1\n"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properties") / "project"
    make_project(root)
    return root


@pytest.fixture(autouse=True)
def reference_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` after a few random edits: YAML's special pieces inserted, spans deleted or repeated."""
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, 40))
        edit = draw(st.sampled_from(("insert", "insert", "delete", "repeat", "replace", "cut")))
        piece = draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=8)))
        if edit == "insert":
            text = text[:at] + piece + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + span:]
        elif edit == "repeat":
            text = text[:at + span] + text[at:at + span] * draw(st.integers(1, 50)) + text[at + span:]
        elif edit == "replace":
            text = text[:at] + piece + text[at + span:]
        else:
            text = text[:at]
    return text


@st.composite
def yaml_input(draw: st.DrawFn, project: Path) -> tuple[str, bytes]:
    target = draw(st.sampled_from(TARGETS))
    original = (project / target).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(("mutated", "mutated", "mutated", "text", "bytes")))
    if kind == "bytes":
        return target, draw(st.binary(max_size=400))
    text = draw(mutated(original)) if kind == "mutated" else draw(st.text(max_size=400))
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "utf-16", "gb18030")))
    return target, text.encode(encoding, errors="surrogateescape" if encoding == "utf-8" else "replace")


@given(data=st.data())
def test_check_survives_any_yaml(project: Path, data: st.DataObject) -> None:
    target, content = data.draw(yaml_input(project))
    path = project / target
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        before = snapshot(project)
        result = run(["check"], project, seconds=BOUND)
        assert result.code in (0, 1), result.err
        assert "Traceback" not in result.out + result.err
        assert "internal error" not in result.err
        assert snapshot(project) == before
        if result.code == 1:
            assert result.lines, "a failed check names its problems"
    finally:
        path.write_bytes(original)


HEADER_PIECES = [*HEADER_ROW, "序号", "备注", "", "证书编码", "姓名 ", "ＩＤ"]
ODD_CELLS = ["", " ", "=1+1", "=A1&B1", "#N/A", "#REF!", "撤销", "有效", "四级", "2099-01-01", "2020/6/18",
             "2020年6月18日", "1E+17"]
CELL_VALUES = st.one_of(
    st.sampled_from(VALID_CSV_ROW), st.sampled_from(ODD_CELLS),
    st.text(max_size=30), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)), st.booleans(), st.none())


def _writable(value: Any) -> Any:
    """A value openpyxl will write: text without the control characters XML cannot hold."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _cell(value: Any) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


@st.composite
def sheet_input(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(("csv", "xlsx", "xlsx", "mutated-xlsx", "valid-with-noise")))
    if kind == "valid-with-noise":
        rows = [row(serial) for serial in range(1, draw(st.integers(1, 4)) + 1)]
        rows[draw(st.integers(0, len(rows) - 1))][draw(st.integers(0, 8))] = _writable(draw(CELL_VALUES))
        return "名单.xlsx", workbook_bytes(rows)  # no bytes drawn from: its changing time stamp is harmless
    if kind == "mutated-xlsx":
        data = bytearray(valid_workbook())
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        if draw(st.booleans()):
            data = data[:draw(st.integers(0, len(data)))]
        return "名单.xlsx", bytes(data)
    headers = draw(st.lists(st.sampled_from(HEADER_PIECES), min_size=0, max_size=12))
    if draw(st.booleans()):
        headers = [*HEADER_ROW, *headers[:2]]
    rows = draw(st.lists(st.lists(CELL_VALUES, max_size=len(headers) + 1), max_size=5))
    if kind == "csv":
        lines = [",".join(_cell(v).replace(",", "，") for v in cells) for cells in [headers, *rows]]
        text = "".join(line + "\r\n" for line in lines)
        encoding = draw(st.sampled_from(("utf-8-sig", "gb18030", "utf-16")))
        return "名单.csv", text.encode(encoding, errors="replace")
    workbook = Workbook()
    sheet = workbook.active
    for cells in [headers, *rows]:
        sheet.append([_writable(v) for v in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return "名单.xlsx", buffer.getvalue()


LABELS = st.one_of(st.none(), st.sampled_from(["2025-11", "2025-11-2", "../x", "2099-01"]))


@functools.cache
def valid_workbook() -> bytes:
    """One workbook, made once: its bytes (which hold the time they were written) must not change
    between the runs Hypothesis compares."""
    return workbook_bytes([row(1), row(2)])


@given(sheet=sheet_input(), label=LABELS)
def test_import_survives_any_sheet(project: Path, sheet: tuple[str, bytes], label: str | None) -> None:
    name, content = sheet
    catalogue = project / "catalogue"
    pristine = project.parent / "pristine"
    if not pristine.exists():
        shutil.copytree(catalogue, pristine)
    (project / name).write_bytes(content)
    before = snapshot(catalogue)
    try:
        argv = ["import", name, "--enterprise", "test-welding", *(["--label", label] if label else [])]
        result = run(argv, project, seconds=BOUND)
        assert result.code in (0, 1), result.err
        assert "Traceback" not in result.out + result.err
        assert "internal error" not in result.err
        if result.code == 1:
            assert snapshot(catalogue) == before
        else:
            checked = run(["check"], project, seconds=BOUND)
            assert checked.code == 0, checked.err
    finally:
        (project / name).unlink()
        shutil.rmtree(catalogue)
        shutil.copytree(pristine, catalogue)
