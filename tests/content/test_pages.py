"""Every hand-written page: one title, nothing the Content-Security-Policy would block, and links
between pages that lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .markdown_text import CONTENT, read_page, render

PAGES = sorted(CONTENT.rglob("*.md"))
# Pages the generator writes into the same folder at build time; content/ must not hold them.
GENERATED_FILES = {"index.md", "directory/index.md", "batches/index.md", "verify/index.md",
                   "verify/threat-model.md"}
GENERATED_FOLDERS = ("directory/", "enterprises/", "batches/", "verify/")
EXTERNAL_SCHEMES = ("http", "https", "tel", "mailto")


def page_id(path: Path) -> str:
    return path.relative_to(CONTENT).as_posix()


def is_generated(target: str) -> bool:
    return target in GENERATED_FILES or target.startswith(GENERATED_FOLDERS)


def broken_links(here: str, links: list[str], own_ids: set[str]) -> list[str]:
    """Links of the page `here` (a path inside content/) that lead to no page of the site, or to
    an id the target page lacks."""
    problems: list[str] = []
    for href in links:
        parts = urlsplit(href)
        if parts.scheme in EXTERNAL_SCHEMES:
            continue
        if parts.scheme or parts.netloc or href.startswith("/"):
            problems.append(f"{href}: link to another page with a relative .md path instead")
            continue
        if parts.path:
            resolved = _normalise((Path(here).parent / unquote(parts.path)).as_posix())
            if resolved is None:
                problems.append(f"{href}: leads outside the site")
                continue
            if is_generated(resolved):
                continue
            if not resolved.endswith(".md") or not (CONTENT / resolved).is_file():
                problems.append(f"{href}: no page {resolved}")
                continue
            target_ids = read_page(CONTENT / resolved).ids
        else:
            resolved, target_ids = here, own_ids
        if parts.fragment and unquote(parts.fragment) not in target_ids:
            problems.append(f"{href}: no id {parts.fragment!r} on {resolved}")
    return problems


def _normalise(target: str) -> str | None:
    stack: list[str] = []
    for part in target.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                return None
            stack.pop()
        else:
            stack.append(part)
    return "/".join(stack)


def test_the_policy_and_staff_pages_exist() -> None:
    ids = {page_id(p) for p in PAGES}
    assert {"policy/index.md", "policy/notice.md", "policy/work-plan.md", "policy/workflow.md",
            "policy/contacts.md", "policy/annex-1.md", "policy/annex-2.md", "staff/index.md"} <= ids


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_has_exactly_one_title(path: Path) -> None:
    assert read_page(path).h1_count == 1


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_has_no_inline_script_style_or_event_handler(path: Path) -> None:
    assert read_page(path).forbidden == []


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_links_lead_to_existing_pages_and_ids(path: Path) -> None:
    page = read_page(path)
    assert broken_links(page_id(path), page.links, page.ids) == []


# A list item written without a blank line after an indented block is read as part of the
# paragraph before it: "…正确。 4. **提交**…" or "…结果。 - 全部正确…".
SWALLOWED_ITEM = re.compile(r"[。：；）]\s+(?:\d+\.|-)\s+(?:<strong>|\S)")


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_list_item_is_swallowed_by_a_paragraph(path: Path) -> None:
    paragraphs = re.findall(r"<p>(.*?)</p>", render(path), flags=re.S)
    assert [p[:60] for p in paragraphs if SWALLOWED_ITEM.search(p)] == []


def test_content_holds_no_page_the_generator_writes() -> None:
    clashes = [page_id(p) for p in CONTENT.rglob("*") if p.is_file() and is_generated(page_id(p))]
    assert clashes == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_text('# 一\n\n# 二\n\n<p style="color:red" onclick="x()">文字</p>\n\n'
                    '<script>alert(1)</script>\n\n[链接](missing.md) [锚点](#nowhere)\n', encoding="utf-8")
    rendered = read_page(page)
    assert rendered.h1_count == 2
    assert rendered.forbidden == ["style= attribute on <p>", "onclick= attribute on <p>", "<script> element"]
    swallowed = tmp_path / "swallowed.md"
    swallowed.write_text("1. **准备。**\n\n    核对显示是否正确。\n2. **提交。**\n", encoding="utf-8")
    paragraphs = re.findall(r"<p>(.*?)</p>", render(swallowed), flags=re.S)
    assert [p for p in paragraphs if SWALLOWED_ITEM.search(p)] == [
        "核对显示是否正确。\n2. <strong>提交。</strong>"]
    links = [*rendered.links, "../verify/index.md", "work-plan.md#s6-5", "work-plan.md#s9", "../../x.md",
             "/staff/", "tel:+8643188690531"]
    assert broken_links("policy/bad.md", links, rendered.ids) == [
        "missing.md: no page policy/missing.md",
        "#nowhere: no id 'nowhere' on policy/bad.md",
        "work-plan.md#s9: no id 's9' on policy/work-plan.md",
        "../../x.md: leads outside the site",
        "/staff/: link to another page with a relative .md path instead",
    ]
