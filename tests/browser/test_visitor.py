"""Every kind of page, at desktop and phone width, in the light and the dark scheme: no axe-core
violation of impact serious or critical (WCAG 2.1 A and AA), and at phone width no sideways scroll,
every table's key and status cells on screen, and codes and phone numbers on one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .visitor import SCHEMES, VIEWPORTS, layout_problems, open_settled, serious_violations, visitor_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_kinds(site: Path) -> dict[str, str]:
    enterprise = sorted((site / "enterprises").glob("*/index.html"))[0].parent.name
    suspended = next(p.parent.name for p in sorted((site / "enterprises").glob("*/index.html"))
                     if "status-badge--suspended" in p.read_text(encoding="utf-8"))
    return {
        "home": "/", "directory": "/directory/", "enterprise": f"/enterprises/{enterprise}/",
        "suspended enterprise": f"/enterprises/{suspended}/", "batches": "/batches/", "batch": "/batches/1/",
        "policy index": "/policy/", "notice": "/policy/notice/", "work plan": "/policy/work-plan/",
        "workflow": "/policy/workflow/", "form": "/policy/annex-1/", "template": "/policy/annex-2/",
        "contacts": "/policy/contacts/", "verify before a lookup": "/verify/",
        "threat model": "/verify/threat-model/", "search with results": "/search/?q=焊工",
        "not found": "/404.html",
    }


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_kind_of_page_has_no_serious_accessibility_violation(
        browser: object, built_site: Path, served_site: str, viewport: str, scheme: str) -> None:
    found = {}
    with visitor_page(browser, viewport, scheme) as page:
        for kind, path in page_kinds(built_site).items():
            open_settled(page, served_site + path)
            if kind.startswith("search"):
                page.locator("[data-search-results] li").first.wait_for()  # type: ignore[attr-defined]
            problems = serious_violations(page)
            if problems:
                found[kind] = problems
    assert found == {}


def test_on_a_phone_no_page_scrolls_sideways_and_key_columns_stay_on_screen(
        browser: object, built_site: Path, served_site: str) -> None:
    found = {}
    with visitor_page(browser, "phone", "light") as page:
        for kind, path in page_kinds(built_site).items():
            open_settled(page, served_site + path)
            problems = layout_problems(page)
            if problems:
                found[kind] = problems
    assert found == {}
