"""The Jinja2 environment for the page templates.

Pages are Markdown with HTML blocks. Autoescaping is on for every template, so catalogue text
can never become markup; undefined names fail the build instead of printing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.render import labels, views


def yaml_string(value: str) -> Markup:
    """A front-matter value, HTML-escaped (the theme prints titles into the page as they are) and
    quoted as a JSON string, which is also a valid YAML double-quoted string."""
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir / "pages")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        chinese_date=labels.chinese_date,
        level_range=labels.level_range,
        short_level_range=labels.short_level_range,
        occupation_title=labels.occupation_title,
        status_label=labels.status_label,
        tel_uri=labels.tel_uri,
        yaml_string=yaml_string,
    )
    env.globals.update(
        SUPERVISION_KINDS=labels.SUPERVISION_KINDS,
        SUPERVISION_OUTCOMES=labels.SUPERVISION_OUTCOMES,
        STATUS_LABELS=labels.STATUS_LABELS,
        batch_path=views.batch_path,
        enterprise_path=views.enterprise_path,
        keywords_attribute=views.keywords_attribute,
        relative_url=views.relative_url,
        scopes_attribute=views.scopes_attribute,
    )
    return env
