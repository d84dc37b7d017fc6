"""Run the site engine on the staging docs folder, as a separate process.

Two engines read the project's mkdocs.yml and its theme overrides (`custom_dir`): MkDocs with
Material for MkDocs (the default), and Zensical, written by Material's authors as its successor.
The generator writes plain Markdown and HTML and uses no plugin or hook of either, so the engine is
one setting: `extra.engine` in mkdocs.yml, or `skills-site build --engine`. Everything the two need
differently is handled in this module and nowhere else:

- MkDocs gets a copy of mkdocs.yml with absolute folders, and `--site-dir`.
- Zensical has no `--site-dir` and requires `docs_dir` and `site_dir` inside the folder of its
  configuration file, given as relative paths (an absolute `docs_dir` makes Zensical 0.0.73 panic:
  `invariant: Id(Format(Path(RootDir)))`). Its configuration is written next to the docs folder.
  It also gets its own theme keys: `variant: classic` (Material's look, which the site's CSS is
  written for; Zensical's default is its new "modern" look) and its built-in search turned off
  (the site search is Pagefind, run on the built site).
- Links in raw HTML. MkDocs leaves raw HTML as written, so the generator writes links in its HTML
  blocks as final URLs relative to the page's address (`enterprises/x.md` is served at
  `enterprises/x/`, so the batch page is `../../batches/1/`). Zensical reads every relative link,
  in Markdown or in HTML, as relative to the source file (`enterprises/`) and rewrites it. Before
  Zensical runs, such links in pages other than `index.md` are rewritten from the address's point
  of view to the source file's (`../batches/1/`), in a copy of the docs folder; both engines then
  publish the same link. Markdown links are not touched: the pages link to another page through
  its `.md` file, which both engines resolve the same way (a Markdown link written as an address,
  `../x/`, would be read differently by the two; the project writes none).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml

from generator.errors import BuildError

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
SOURCE_DATE_EPOCH = "1572480000"  # fixed timestamps: byte-identical output

# What Zensical reads, written next to the docs folder (its project root).
ZENSICAL_CONFIG = "zensical.engine.yml"
ZENSICAL_DOCS = "docs.zensical"
ZENSICAL_SITE = "site.zensical"
_PACKAGES = {"mkdocs": ("mkdocs", "mkdocs-material"), "zensical": ("zensical",)}


def configured_engine(config: Path) -> str:
    """The engine named by `extra.engine` in mkdocs.yml (MkDocs when the key is absent)."""
    text = config.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    extra = data.get("extra") or {}
    value = extra.get("engine", DEFAULT_ENGINE) if isinstance(extra, dict) else DEFAULT_ENGINE
    if value in ENGINES:
        return str(value)
    line, column = _position(text, ("extra", "engine"))
    raise BuildError(f"{config}:{line}:{column}: extra.engine: {value!r} is not a site engine "
                     f"(expected one of: {', '.join(ENGINES)})")


def engine_versions(engine: str) -> str:
    """The installed versions of the engine's packages (part of the build cache's key)."""
    parts = []
    for package in _PACKAGES[engine]:
        try:
            parts.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}=none")
    return ";".join(parts)


def theme_templates(engine: str) -> Path:
    """The folder of the engine's own theme templates (text that every page may show)."""
    if engine == "zensical":
        import zensical

        return Path(zensical.__file__).parent / "templates"
    import material

    return Path(material.__file__).parent / "templates"


def build_with_engine(config: Path, docs: Path, site: Path, engine: str = DEFAULT_ENGINE) -> None:
    """Build the Markdown in `docs` into the empty folder `site` with the named engine."""
    if engine == "mkdocs":
        _build_with_mkdocs(config, docs, site)
    elif engine == "zensical":
        _build_with_zensical(config, docs, site)
    else:
        raise BuildError(f"unknown site engine {engine!r} (expected one of: {', '.join(ENGINES)})")


# --- MkDocs ---------------------------------------------------------------------------------------

def write_engine_config(config: Path, docs: Path, target: Path) -> Path:
    """mkdocs.yml with `docs_dir` pointed at the staging docs and the theme overrides made absolute."""
    data = _read_config(config)
    data["docs_dir"] = str(docs)
    theme = data.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((config.parent / theme["custom_dir"]).resolve())
    return _write_config(data, target)


def _build_with_mkdocs(config: Path, docs: Path, site: Path) -> None:
    engine_config = write_engine_config(config, docs, docs.parent / "mkdocs.engine.yml")
    # No --quiet: MkDocs 1.6 counts no warnings for --strict when --quiet hides them.
    _run("MkDocs", [sys.executable, "-m", "mkdocs", "build", "--strict",
                    "--config-file", str(engine_config), "--site-dir", str(site)], cwd=None)


# --- Zensical -------------------------------------------------------------------------------------

def _build_with_zensical(config: Path, docs: Path, site: Path) -> None:
    root = docs.parent.resolve()
    staged = root / ZENSICAL_DOCS
    _fresh_copy(docs, staged)
    data = _read_config(config)
    if data.get("use_directory_urls", True):
        for page in sorted(staged.rglob("*.md")):
            _rewrite_page(staged, page)
    inside = site.resolve().is_relative_to(root) and site.resolve() != root
    target = site.resolve() if inside else root / ZENSICAL_SITE
    data["docs_dir"] = ZENSICAL_DOCS
    data["site_dir"] = target.relative_to(root).as_posix()
    theme = data.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((config.parent / theme["custom_dir"]).resolve())
    theme["variant"] = "classic"
    data["theme"] = theme
    data["plugins"] = _without_builtin_search(data.get("plugins"))
    engine_config = _write_config(data, root / ZENSICAL_CONFIG)
    if not inside and target.exists():
        shutil.rmtree(target)
    # --clean: Zensical keeps a cache of rendered pages in .cache/ beside its configuration; every
    # build starts without it, so that the output depends on the docs folder alone.
    _run("Zensical", [sys.executable, "-m", "zensical", "build", "--strict", "--clean",
                      "--config-file", engine_config.name], cwd=root)
    if not inside:
        site.mkdir(parents=True, exist_ok=True)
        for entry in sorted(target.iterdir()):
            shutil.move(str(entry), str(site / entry.name))
        target.rmdir()


def _without_builtin_search(plugins: object) -> list[object]:
    """The configured plugins (Zensical ignores those it does not know) with its search off."""
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    kept = [p for p in plugins or [] if p != "search" and not (isinstance(p, dict) and "search" in p)]
    return [*kept, {"search": {"enabled": False}}]


def _fresh_copy(docs: Path, target: Path) -> None:
    """A copy of the docs folder; files are hard links where the file system allows it (Zensical
    only reads them, and a rewritten page is written as a new file)."""
    if target.exists():
        shutil.rmtree(target)

    def link_or_copy(source: str, destination: str) -> None:
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)

    shutil.copytree(docs, target, copy_function=link_or_copy)


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_TAG_WITH_URL = re.compile(r"<[a-zA-Z][^<>]*\s(?:href|src)\s*=[^<>]*>", re.IGNORECASE)
_URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _rewrite_page(docs: Path, page: Path) -> None:
    name = page.relative_to(docs).as_posix()
    if posixpath.basename(name) == "index.md":
        return  # an index page's address is its source folder: both engines read links alike
    text = page.read_text(encoding="utf-8")
    chunks: list[str] = []  # alternately text outside fenced code blocks and a fenced block
    current: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            current.append(line)
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                chunks.append("\n".join(current))
                current, fence = [], ""
        elif opening:
            if current:
                chunks.append(_rewrite_text("\n".join(current), name))
            current, fence = [line], opening.group(1)
        else:
            current.append(line)
    if current:
        chunks.append("\n".join(current) if fence else _rewrite_text("\n".join(current), name))
    rewritten = "\n".join(chunks)
    if rewritten != text:
        stat = page.stat()
        page.unlink()  # a hard link to the generator's docs: write a new file, leave that one alone
        page.write_text(rewritten, encoding="utf-8")
        os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _rewrite_text(text: str, page: str) -> str:
    parts = []
    done = 0
    for span in _CODE_SPAN.finditer(text):  # code spans show HTML as text: leave them as written
        parts.append(_rewrite_tags(text[done:span.start()], page))
        parts.append(span.group(0))
        done = span.end()
    parts.append(_rewrite_tags(text[done:], page))
    return "".join(parts)


def _rewrite_tags(text: str, page: str) -> str:
    def attribute(match: re.Match[str]) -> str:
        double = match.group(2) is not None
        url = match.group(2) if double else match.group(3)
        quote = '"' if double else "'"
        return f"{match.group(1)}{quote}{source_relative(url, page)}{quote}"

    return _TAG_WITH_URL.sub(lambda tag: _URL_ATTRIBUTE.sub(attribute, tag.group(0)), text)


def source_relative(url: str, page: str) -> str:
    """A URL relative to the address of `page` ('enterprises/x.md', served at 'enterprises/x/'),
    written relative to the page's source folder instead; other URLs are returned unchanged."""
    if not url or url.startswith(("/", "#", "?")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    address = "/site/" + posixpath.splitext(page)[0] + "/"
    target = posixpath.normpath(posixpath.join(address, path))
    if target != "/site" and not target.startswith("/site/"):
        return url  # points above the site: leave it for the engine to report
    link = posixpath.relpath(target, "/site/" + posixpath.dirname(page))
    if path.endswith("/") and not link.endswith("/"):
        link += "/"
    return link + rest


# --- both -----------------------------------------------------------------------------------------

def _read_config(config: Path) -> dict:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise BuildError(f"{config}: the site configuration is not a mapping")
    return data


def _write_config(data: dict, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _run(name: str, command: list[str], *, cwd: Path | None) -> None:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["NO_COLOR"] = "1"
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = failure_detail(result.stdout + "\n" + result.stderr)
        raise BuildError(f"the site engine ({name}) failed (exit {result.returncode}):\n{detail}")


def failure_detail(output: str) -> str:
    """The engine's report without colour codes and without the Python traceback that carried it
    (its last line, the error itself, is kept)."""
    lines = _ANSI.sub("", output).splitlines()
    kept: list[str] = []
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            continue
        if in_traceback and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        in_traceback = False
        kept.append(line)
    return "\n".join(line for line in kept if line.strip()).strip()


def _position(text: str, keys: tuple[str, ...]) -> tuple[int, int]:
    """1-based line and column of the value at `keys` in a YAML mapping (0, 0 when not found)."""
    node = yaml.compose(text)
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return 0, 0
        node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        if node is None:
            return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1
