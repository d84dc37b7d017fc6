"""Read an input file safely: a regular file (never through a symbolic link), no larger than its
limit. The size is known before a byte is parsed, so an oversized file costs nothing to refuse."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1_000_000
CATALOGUE_FILE_LIMIT = 1 * MB  # enterprise, reference and batch files (a few KB each)
INPUT_FILE_LIMIT = 64 * MB  # certificate files (about 450,000 records) and spreadsheets


class InputFileError(Exception):
    """The file is not one the generator reads; `message` says why (without any of its content)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


LINK_MESSAGE = ("the file is a symbolic link (expected a regular file: links are not followed, so that "
                "nothing outside the catalogue is read or published)")
NOT_REGULAR = "the path is not a regular file (expected a file of text or a workbook)"


def read_bounded(path: Path, limit: int = INPUT_FILE_LIMIT) -> bytes:
    """The bytes of `path`, refused (InputFileError) when it is a link, not a regular file, or larger
    than `limit`. Other OS errors (missing, unreadable) are raised as they are."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise InputFileError(LINK_MESSAGE)
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(NOT_REGULAR)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        if stat.S_ISLNK(os.lstat(path).st_mode):  # pragma: no cover - replaced by a link meanwhile
            raise InputFileError(LINK_MESSAGE) from exc
        raise
    with os.fdopen(handle, "rb") as stream:
        opened = os.fstat(stream.fileno())
        if not stat.S_ISREG(opened.st_mode):  # pragma: no cover - replaced meanwhile
            raise InputFileError(NOT_REGULAR)
        if opened.st_size > limit:
            raise InputFileError(too_large(opened.st_size, limit))
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise InputFileError(too_large(len(data), limit))
    return data


def too_large(size: int, limit: int) -> str:
    return (f"the file has {size:,} bytes, more than the limit of {limit:,} bytes "
            "(expected a smaller file; a long certificate list can be split into several files)")
