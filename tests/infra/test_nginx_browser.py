"""The Content-Security-Policy of the nginx target fits the site: pages served by nginx run in
headless Chromium with no policy violation and an empty console, site search runs its WebAssembly,
and a certificate is found on the verify page. Inline scripts, which the project's own templates
avoid, are allowed by their hashes (shown with Material's stock templates)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nginx_runner import NginxServer

from generator.certificates import iter_certificates
from generator.load.catalogue import read_catalogue

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]

# Every violation is recorded in the page, whether or not the browser also logs it.
VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def watch_violations(page: object) -> object:
    page.add_init_script(VIOLATIONS)  # type: ignore[attr-defined]
    return page


def open_under_policy(page: object, url: str) -> None:
    response = page.goto(url)  # type: ignore[attr-defined]
    assert response is not None and "content-security-policy" in response.headers, url
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    # Material's bundle ran: it swaps the `no-js` class of the root element for `js`.
    classes = page.evaluate("[...document.documentElement.classList]")  # type: ignore[attr-defined]
    assert "js" in classes and "no-js" not in classes, url
    assert_no_violation(page, url)


def assert_no_violation(page: object, what: str) -> None:
    assert page.evaluate("window.__violations") == [], what  # type: ignore[attr-defined]


def test_every_kind_of_page_runs_under_the_policy(nginx_server: NginxServer, page: object) -> None:
    enterprise = sorted((nginx_server.site / "enterprises").glob("*/index.html"))[0].parent.name
    for path in ("/", "/directory/", f"/enterprises/{enterprise}/", "/batches/", "/policy/notice/",
                 "/policy/annex-1/", "/staff/", "/verify/", "/verify/threat-model/"):
        open_under_policy(watch_violations(page) if path == "/" else page, nginx_server.url + path)


def test_site_search_runs_its_webassembly_under_the_policy(nginx_server: NginxServer, page: object) -> None:
    open_under_policy(watch_violations(page), nginx_server.url + "/")
    box = page.locator("#site-search-box-input")  # type: ignore[attr-defined]
    box.fill("松澜药业")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")  # type: ignore[attr-defined]
    first = page.locator("[data-search-results] li a").first  # type: ignore[attr-defined]
    first.wait_for()
    assert first.inner_text() == "吉林省松澜药业集团股份有限公司"
    assert_no_violation(page, "search")


def test_a_certificate_is_found_under_the_policy(nginx_server: NginxServer, page: object) -> None:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    certificate = next(c for c in iter_certificates(ROOT / "catalogue", catalogue.certificate_files[0])
                       if c.status != "revoked")
    open_under_policy(watch_violations(page), nginx_server.url + "/verify/")
    page.wait_for_selector("[data-verify][data-ready=true]")  # type: ignore[attr-defined]
    page.fill("#verify-number", certificate.number)  # type: ignore[attr-defined]
    page.fill("#verify-code", certificate.query_code)  # type: ignore[attr-defined]
    page.click("[data-verify-form] button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("[data-verify-result][data-state=valid]")  # type: ignore[attr-defined]
    assert_no_violation(page, "verify")


def test_the_404_page_runs_under_the_policy(nginx_server: NginxServer, browser: object) -> None:
    context = browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    try:
        open_under_policy(watch_violations(page), nginx_server.url + "/no-such-page/")
    finally:
        context.close()
    # The one expected message is the 404 status of the page itself.
    assert messages == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]


def test_inline_scripts_run_when_their_hashes_are_listed(stock_material_server: NginxServer,
                                                         page: object) -> None:
    watch_violations(page)
    for path in ("/", "/policy/", "/policy/notice/"):
        open_under_policy(page, stock_material_server.url + path)
        # Material's first inline script defines __md_scope before its bundle loads.
        assert page.evaluate("typeof __md_scope") == "object", path  # type: ignore[attr-defined]
    page.goto(stock_material_server.url + "/search/")  # type: ignore[attr-defined]
    page.fill(".pagefind-ui__search-input", "试点")  # type: ignore[attr-defined]
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)  # type: ignore[attr-defined]
    assert_no_violation(page, "Pagefind UI started by an inline script")
