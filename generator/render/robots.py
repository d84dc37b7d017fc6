"""robots.txt: every page may be crawled; the sitemap is named with the configured site address."""

from __future__ import annotations

import os
from pathlib import Path

from generator.settings import Settings


def robots_txt(settings: Settings) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if settings.site_url:
        lines.append(f"Sitemap: {settings.site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def write_robots_txt(settings: Settings, docs_dir: Path) -> Path:
    """Write robots.txt at the top of the docs folder; the engine copies it to the site as it is."""
    target = docs_dir / "robots.txt"
    target.write_text(robots_txt(settings), encoding="utf-8", newline="\n")
    os.utime(target, (0, 0))
    return target
