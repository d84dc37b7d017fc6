"""How a command ends when it cannot do its work: never with a traceback.

* A value on the command line that cannot be used, a path that would leave its folder, a file the
  system refuses: one line saying what and why, exit code 1.
* Anything else is a bug in the generator: one line naming the input it was handling and asking
  for a report, exit code 2. `skills-site --debug …` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from generator.errors import ArgumentError, BuildError, CatalogueError, input_handled
from generator.inputs.paths import OutsideFolder

INTERNAL_ERROR = 2


def command_name(args: argparse.Namespace) -> str:
    parts = ("skills-site", getattr(args, "command", None), getattr(args, "verb", None))
    return " ".join(str(p) for p in parts if p)


def catalogue_folder(path: Path, option: str = "--catalogue") -> Path:
    """The catalogue folder given on the command line, which must exist."""
    if not Path(path).is_dir():
        what = "is not a folder" if Path(path).exists() else "does not exist"
        raise ArgumentError(option, f"{path} {what} (expected the catalogue folder, e.g. catalogue)")
    return Path(path)


def existing_file(path: Path, option: str) -> Path:
    if not Path(path).is_file():
        what = "is not a file" if Path(path).exists() else "does not exist"
        raise ArgumentError(option, f"{path} {what} (expected a file to read)")
    return Path(path)


def _shown_path(name: object) -> str:
    """A path relative to the working folder when it is inside it, as the user would type it."""
    try:
        return Path(str(name)).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(name)


def _subject(exc: BaseException, args: argparse.Namespace) -> str:
    handled = input_handled(exc)
    if handled:
        return str(handled)
    for name in ("file", "form", "id", "number", "catalogue", "root"):
        value = getattr(args, name, None)
        if value:
            return str(value)
    return "the command's arguments"


def run_guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace, *,
                debug: bool) -> int:
    """`func(args)`, turning every failure that reaches here into one line and an exit code."""
    name = command_name(args)
    try:
        return int(func(args))
    except (CatalogueError, BuildError):
        raise  # problems of the input, reported by the caller
    except ArgumentError as exc:
        print(f"{name}: {exc} — 未执行 / nothing done", file=sys.stderr)
        return 1
    except OutsideFolder as exc:
        print(f"{name}: refusing to write: {exc} — 未写入 / nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{name}: 已中断 / interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        if debug or exc.filename is None:
            if debug:
                raise
            return _internal(name, exc, args)
        print(f"{name}: {_shown_path(exc.filename)}: {exc.strerror or type(exc).__name__}", file=sys.stderr)
        return 1
    except Exception as exc:
        if debug:
            raise
        return _internal(name, exc, args)


def _internal(name: str, exc: BaseException, args: argparse.Namespace) -> int:
    print(f"{name}: 内部错误 / internal error ({type(exc).__name__}) while handling {_subject(exc, args)}: "
          "这是本工具的缺陷，请连同该输入报告给维护人员 / this is a bug in skills-site, please report it "
          "with this input (run with --debug for the traceback)", file=sys.stderr)
    return INTERNAL_ERROR
