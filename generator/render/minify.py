"""Copy the site's own scripts and stylesheets without comments and indentation (rjsmin, rcssmin),
and every other file as it is, with fixed file times so that builds stay byte-identical."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import rcssmin
import rjsmin


def copy_minified(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".js":
        target.write_text(rjsmin.jsmin(source.read_text(encoding="utf-8")), encoding="utf-8")
    elif source.suffix == ".css":
        target.write_text(rcssmin.cssmin(source.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        shutil.copyfile(source, target)
    os.utime(target, (0, 0))
