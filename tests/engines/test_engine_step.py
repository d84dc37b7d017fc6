"""The engine step on its own: the setting that chooses the engine, the link rewriting that makes
Zensical publish the links MkDocs publishes, the engine's errors as located messages without a
traceback, and the rest of the pipeline (privacy scan, publish) on Zensical's output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.cache import BuildCache, site_key, tree_digest
from generator.cli import build_parser
from generator.engine import ENGINES, build_with_engine, configured_engine, failure_detail, source_relative
from generator.errors import BuildError

from .page_parts import read_page, site_files

ROOT = Path(__file__).resolve().parents[2]

TINY_CONFIG = """\
site_name: 引擎测试
theme:
  name: material
  language: zh
  font: false
  custom_dir: {overrides}
plugins: []
markdown_extensions: [attr_list, md_in_html]
extra:
  engine: {engine}
"""
# A page that is not an index page, with links written as final URLs in raw HTML (as the generator
# writes them), the same HTML shown as code, and a Markdown link to another page's source file.
PAGE = """\
# 页面 {#top}

<p><a id="up" href="../../b/">上级</a> <a href='../../b/one/#s'>单引号</a>
<a href="../../"
   id="split">跨行标签</a> <img src="../../pic.svg" alt="图"> <a href="./">本页</a>
<a href="https://example.org/x/">外部</a> <a href="#top">锚点</a> <a href="?q=1">查询</a></p>

行内代码 `<a href="../../b/">` 保持原样。

```html
<a href="../../b/">代码块</a>
```

[源文件链接](../b/one.md)
"""
TINY_PAGES = {"index.md": "# 首页\n\n<a href=\"a/page/\">页面</a>\n", "a/page.md": PAGE,
              "b/index.md": "# 乙\n", "b/one.md": "# 乙一\n\n## 一节 {#s}\n", "pic.svg": "<svg/>"}


def tiny_project(base: Path, engine: str = "mkdocs", pages: dict[str, str] = TINY_PAGES) -> tuple[Path, Path]:
    config = base / "mkdocs.yml"
    base.mkdir(parents=True, exist_ok=True)
    overrides = ROOT / "site_templates" / "overrides"  # marks the main text (data-pagefind-body)
    config.write_text(TINY_CONFIG.format(engine=engine, overrides=overrides), encoding="utf-8")
    for name, text in pages.items():
        target = base / "work" / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return config, base / "work" / "docs"


@pytest.mark.parametrize(("url", "expected"), [
    ("../../batches/1/", "../batches/1/"),           # enterprises/x.md is served at enterprises/x/
    ("../../batches/1/#top", "../batches/1/#top"),
    ("../../", "../"),
    ("./", "x/"),
    ("sub/file.csv?download=1", "x/sub/file.csv?download=1"),
    ("../", "./"),
    ("../../../escape/", "../../../escape/"),       # above the site: left for the engine to report
    ("/absolute/", "/absolute/"), ("#anchor", "#anchor"), ("?q=1", "?q=1"),
    ("https://example.org/a/", "https://example.org/a/"), ("tel:+86431", "tel:+86431"), ("", ""),
])
def test_a_link_relative_to_the_page_address_is_rewritten_relative_to_the_source_folder(
        url: str, expected: str) -> None:
    assert source_relative(url, "enterprises/x.md") == expected


def test_the_engine_setting_defaults_to_mkdocs_and_a_wrong_value_is_located(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  sample_data: true\n", encoding="utf-8")
    assert configured_engine(config) == "mkdocs"
    config.write_text("site_name: x\nextra:\n  engine: zensical\n", encoding="utf-8")
    assert configured_engine(config) == "zensical"
    config.write_text("site_name: x\nextra:\n  sample_data: true\n  engine: hugo\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        configured_engine(config)
    assert str(caught.value) == (f"{config}:4:11: extra.engine: 'hugo' is not a site engine "
                                 "(expected one of: mkdocs, zensical)")
    assert configured_engine(ROOT / "mkdocs.yml") == "mkdocs"  # the project's default, for now


def test_the_build_command_takes_an_engine_and_refuses_an_unknown_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert build_parser().parse_args(["build", "--engine", "zensical"]).engine == "zensical"
    assert build_parser().parse_args(["build"]).engine is None  # then extra.engine decides
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(["build", "--engine", "hugo"])
    assert caught.value.code == 2
    assert "invalid choice: 'hugo'" in capsys.readouterr().err


def test_each_engine_has_its_own_cache_entry(tmp_path: Path) -> None:
    config, docs = tiny_project(tmp_path)
    cache = BuildCache(tmp_path / "cache")
    keys = {engine: site_key(cache, tree_digest(docs, config), engine) for engine in ENGINES}
    assert keys["mkdocs"] != keys["zensical"]


@pytest.mark.slow
def test_both_engines_publish_the_same_links_from_raw_html_and_leave_code_as_written(tmp_path: Path) -> None:
    config, docs = tiny_project(tmp_path)
    built = {}
    for engine in ENGINES:
        site = tmp_path / "work" / f"site-{engine}"
        build_with_engine(config, docs, site, engine)
        built[engine] = read_page(site, "a/page/index.html")
    mkdocs, zensical = built["mkdocs"], built["zensical"]
    assert mkdocs.main_links == zensical.main_links
    assert set(zensical.main_links) >= {"/b/", "/b/one/#s", "/", "/a/page/", "https://example.org/x/",
                                        "/a/page/#top", "/a/page/?q=1"}
    assert zensical.main_text == mkdocs.main_text
    assert zensical.main_text.count('<a href="../../b/">') == 2  # inline code and the code block
    assert (docs / "a" / "page.md").read_text(encoding="utf-8") == PAGE  # the generator's docs unchanged
    page = (tmp_path / "work" / "site-zensical" / "a" / "page" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../pic.svg"' in page or 'src="./../../pic.svg"' in page


@pytest.mark.slow
def test_zensical_builds_into_a_folder_outside_its_project_folder(tmp_path: Path) -> None:
    config, docs = tiny_project(tmp_path / "project")
    site = tmp_path / "elsewhere" / "site"
    site.mkdir(parents=True)
    build_with_engine(config, docs, site, "zensical")
    assert {"index.html", "a/page/index.html", "b/one/index.html"} <= site_files(site)
    assert not (tmp_path / "project" / "work" / "site.zensical").exists()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_link_stops_either_engine_with_the_page_and_no_traceback(
        tmp_path: Path, engine: str) -> None:
    pages = dict(TINY_PAGES, **{"b/one.md": "# 乙一\n\n[不存在](missing.md)\n"})
    config, docs = tiny_project(tmp_path, pages=pages)
    with pytest.raises(BuildError) as caught:
        build_with_engine(config, docs, tmp_path / "work" / "site", engine)
    message = str(caught.value)
    assert message.startswith(f"the site engine ({'MkDocs' if engine == 'mkdocs' else 'Zensical'}) failed")
    assert "missing.md" in message
    assert "b/one.md" in message
    assert "Traceback" not in message and "\x1b[" not in message
    if engine == "zensical":
        assert "b/one.md:3:" in message  # Zensical gives the line and column


def test_the_engine_s_report_keeps_the_error_and_drops_the_traceback() -> None:
    output = ("\x1b[33mWarning:\x1b[0m page does not exist\n  staff/index.md:248:5\n1 issue found\n"
              "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n    cli()\n"
              "RuntimeError: Aborted because --strict flag is set\n")
    assert failure_detail(output) == ("Warning: page does not exist\n  staff/index.md:248:5\n1 issue found\n"
                                      "RuntimeError: Aborted because --strict flag is set")


@pytest.mark.slow
def test_a_leak_on_a_zensical_page_stops_the_build_and_the_published_site_stays(tmp_path: Path) -> None:
    from generator.certificates import iter_certificates
    from generator.load.catalogue import read_catalogue

    catalogue = Path(shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue"))
    parsed = read_catalogue(catalogue, display_root=tmp_path)
    number = next(iter_certificates(catalogue, parsed.certificate_files[0])).number
    enterprise = catalogue / "enterprises" / "changchun-hongda-machinery.yaml"
    text = enterprise.read_text(encoding="utf-8")
    enterprise.write_text(text.replace("summary: ", f"summary: 证书 {number}，", 1), encoding="utf-8")
    out = tmp_path / "site"
    (out / "old").mkdir(parents=True)
    (out / "old" / "index.html").write_text("上一版", encoding="utf-8")
    project = Project(ROOT, catalogue=catalogue, out=out, work=tmp_path / "work", engine="zensical")
    with pytest.raises(BuildError) as caught:
        build(project)
    assert "personal data found in the built site" in str(caught.value)
    assert "enterprises/changchun-hongda-machinery/index.html" in str(caught.value)
    assert number not in str(caught.value)
    assert site_files(out) == {"old/index.html"}
    staged = tmp_path / "work" / "staging-site" / "enterprises" / "changchun-hongda-machinery" / "index.html"
    assert 'content="zensical-' in staged.read_text(encoding="utf-8")  # Zensical built the page
