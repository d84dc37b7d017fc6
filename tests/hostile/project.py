"""A small project for hostile-input tests: the repository's reference data and schemas, two test
enterprises with one certificate file each, and a way to run `skills-site` on it in-process and see
that nothing changed.

The reference day is fixed (SOURCE_DATE_EPOCH, 2026-06-30 in China Standard Time), so messages
about dates in the future are the same on any day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cli import main
from generator.codes import credit_check_char, id_check_char
from tests.certificates.conftest import GOOD, certificate_text

ROOT = Path(__file__).resolve().parents[2]
TEST_ENTERPRISE = ROOT / "tests" / "certificates" / "catalogue" / "enterprises" / "test-welding.yaml"
CST = dt.timezone(dt.timedelta(hours=8))
EPOCH = int(dt.datetime(2026, 6, 30, 12, 0, tzinfo=CST).timestamp())
DAY = f"2026-06-30, the day of SOURCE_DATE_EPOCH={EPOCH}"
FOOTERS = ("发现 ", "未写入任何数据")
WELDING = "catalogue/enterprises/test-welding.yaml"
CASTING = "catalogue/enterprises/test-casting.yaml"
WELDING_CERTS = "catalogue/certificates/test-welding/2020-06.yaml"
CASTING_CERTS = "catalogue/certificates/test-casting/2020-06.yaml"


def id_number(first17: str) -> str:
    return first17 + id_check_char(first17)


def welding_record(serial: int, id17: str = "22010219900101123") -> str:
    return GOOD.replace("000001,", f"{serial:06d},").replace("220102199001011239", id_number(id17))


def casting_record(serial: int, id17: str = "22010219850505432") -> str:
    return welding_record(serial, id17).replace("Y000022000901", "Y000022000902")


def casting_enterprise() -> str:
    """A second enterprise, made from the first: its own id, name and codes."""
    text = TEST_ENTERPRISE.read_text(encoding="utf-8")
    credit = "91220102MA0TEPT02" + credit_check_char("91220102MA0TEPT02")
    return (text.replace("test-welding", "test-casting").replace("测试焊接装备", "测试铸造装备")
            .replace("91220102MA0TEPT01T", credit).replace("Y000022000901", "Y000022000902"))


def make_project(root: Path) -> Path:
    """`root/catalogue`: reference data, two enterprises, one certificate file each."""
    catalogue = root / "catalogue"
    for name in ("schemas", "reference"):
        shutil.copytree(ROOT / "catalogue" / name, catalogue / name)
    shutil.copy(ROOT / "catalogue" / "batches.yaml", catalogue / "batches.yaml")
    (catalogue / "enterprises").mkdir()
    shutil.copy(TEST_ENTERPRISE, catalogue / "enterprises" / "test-welding.yaml")
    (catalogue / "enterprises" / "test-casting.yaml").write_text(casting_enterprise(), encoding="utf-8")
    for name, record in (("test-welding", welding_record), ("test-casting", casting_record)):
        folder = catalogue / "certificates" / name
        folder.mkdir(parents=True)
        text = certificate_text(record(1), record(2, "22010219920202224"), enterprise=name)
        (folder / "2020-06.yaml").write_text(text, encoding="utf-8")
    return catalogue


def snapshot(root: Path) -> dict[str, tuple]:
    """Everything below `root`, links not followed: files by digest, links by target."""
    found: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                found[relative] = ("link", os.readlink(path))
            elif stat.S_ISDIR(mode):
                found[relative] = ("folder",)
            elif stat.S_ISREG(mode):
                found[relative] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[relative] = ("other", stat.S_IFMT(mode))
    return found


class TookTooLong(BaseException):  # not an Exception: no command may catch it
    """A run passed its time bound."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the run (from the main thread) when it takes longer than `seconds`."""
    def expire(_signum: int, _frame: object) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """What the command reported: stderr lines without the closing summary."""
        return [line for line in self.err.splitlines() if line and not line.startswith(FOOTERS)]


def run(argv: list[str], cwd: Path, *, seconds: float = 60) -> Run:
    """`skills-site <argv>` in-process, in folder `cwd`, within `seconds`."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), deadline(seconds):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(previous)
    return Run(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class Fault:
    """One faulty input: `setup` prepares the project below a root folder and returns the command
    line; the command must end with `code` and report exactly `expected` (stderr lines, without
    the closing summary line), change nothing and print no traceback."""

    id: str
    setup: Callable[[Path], list[str]]
    expected: tuple[str, ...]
    code: int = 1


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def edit(root: Path, relative: str, old: str, new: str) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))  # \udcXX: byte XX
    return path
