"""Render the catalogue into Markdown pages for the site engine: home, directory, one page per
enterprise, one page per batch. Also copies the site's own stylesheets and scripts.

The output depends only on the catalogue, the settings and the templates: no clock, no
unordered iteration, so two runs write byte-identical files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.model import Catalogue
from generator.render import views
from generator.render.environment import make_environment
from generator.render.minify import copy_minified
from generator.render.robots import write_robots_txt
from generator.settings import Settings


def render_site(catalogue: Catalogue, settings: Settings, templates_dir: Path, docs_dir: Path) -> None:
    """Write the generated pages into `docs_dir` and copy `templates_dir/assets` to `docs_dir/assets`."""
    env = make_environment(templates_dir)
    enterprises = views.sorted_enterprises(catalogue)
    batches = views.sorted_batches(catalogue)
    common = {"catalogue": catalogue, "settings": settings}

    def write(page: str, template: str, **context: object) -> None:
        text = env.get_template(template).render(page=page, **common, **context)
        target = docs_dir / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        os.utime(target, (0, 0))

    write("index.md", "home.md.j2", enterprises=enterprises, batches=batches,
          changes=views.recent_changes(catalogue), counts=views.status_counts(catalogue),
          figures=views.catalogue_figures(catalogue))
    write("directory/index.md", "directory.md.j2", enterprises=enterprises,
          facets=views.directory_facets(catalogue))
    for enterprise in enterprises:
        write(f"enterprises/{enterprise.id}.md", "enterprise.md.j2", enterprise=enterprise)
    write("batches/index.md", "batches.md.j2", batches=batches,
          members={b.number: views.batch_enterprises(catalogue, b) for b in batches})
    for batch in batches:
        write(f"batches/{batch.number}.md", "batch.md.j2", batch=batch,
              enterprises=views.batch_enterprises(catalogue, batch))
    copy_assets(templates_dir / "assets", docs_dir / "assets")
    write_robots_txt(settings, docs_dir)


def copy_assets(source: Path, target: Path) -> None:
    """Copy the stylesheets and scripts, minified, in sorted order, with fixed file times."""
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        destination = target / path.relative_to(source)
        if (path.parent / "LICENSE").exists():  # a vendored library, published exactly as its authors did
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            os.utime(destination, (0, 0))
        else:
            copy_minified(path, destination)
