"""The second hosting target: nginx started for real, serving the built site with the generated
configuration. Checks the security and cache headers over HTTP and that the Content-Security-Policy
fits the site in headless Chromium (no violation, no console error)."""

from __future__ import annotations

import gzip
import re
import ssl
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from nginx_runner import NginxServer, self_signed_certificate, start_nginx, stop_nginx

from generator.errors import BuildError
from generator.publish.nginx import csp_hash, render_nginx_config
from generator.publish.nginx import main as deploy_main

EXPECTED_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), camera=(self), geolocation=(), gyroscope=(), magnetometer=(), "
                          "microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"


def fetch(url: str, *, gzip_ok: bool = False) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def policy(headers: Message) -> dict[str, list[str]]:
    values = headers.get_all("Content-Security-Policy") or []
    assert len(values) == 1, f"expected one Content-Security-Policy header, got {values}"
    directives: dict[str, list[str]] = {}
    for part in values[0].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(headers: Message, what: str) -> None:
    for name, value in EXPECTED_HEADERS.items():
        assert headers.get_all(name) == [value], f"{what}: {name} is {headers.get_all(name)}"
    csp = policy(headers)
    assert csp["default-src"] == ["'self'"], what
    assert csp["object-src"] == ["'none'"], what
    assert csp["base-uri"] == ["'self'"], what
    assert csp["frame-ancestors"] == ["'none'"], what
    assert csp["form-action"] == ["'self'"], what
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in csp[directive], f"{what}: {directive} allows 'unsafe-inline'"
    assert "'unsafe-eval'" not in csp["script-src"], what
    assert csp["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"], what
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in csp["script-src"][2:]), what


def one_file(site: Path, pattern: str) -> str:
    matches = sorted(site.glob(pattern))
    assert matches, f"no {pattern} in the built site"
    return "/" + matches[0].relative_to(site).as_posix()


def test_html_page_has_every_security_header_and_is_revalidated(nginx_server: NginxServer) -> None:
    status, headers, body = fetch(nginx_server.url + "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert_security_headers(headers, "home page")
    assert headers["Cache-Control"] == "no-cache"
    assert b"</html>" in body


def test_every_inline_script_of_a_page_is_allowed_by_hash(stock_material_server: NginxServer) -> None:
    _status, headers, body = fetch(stock_material_server.url + "/policy/notice/")
    allowed = set(policy(headers)["script-src"])
    inline = re.findall(r"<script>(.*?)</script>", body.decode("utf-8"), re.DOTALL)
    assert inline, "Material pages have inline scripts; none found"
    assert {csp_hash(text) for text in inline} <= allowed


def test_hashed_asset_is_immutable_with_headers_and_gzip(nginx_server: NginxServer) -> None:
    path = one_file(nginx_server.site, "assets/javascripts/bundle.*.min.js")
    status, headers, body = fetch(nginx_server.url + path, gzip_ok=True)
    assert status == 200
    assert headers["Content-Type"] == "application/javascript; charset=utf-8"
    assert headers["Cache-Control"] == IMMUTABLE
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == (nginx_server.site / path.lstrip("/")).read_bytes()
    assert_security_headers(headers, path)

    css = one_file(nginx_server.site, "assets/stylesheets/**/main.*.min.css")  # Zensical: in classic/
    _status, headers, _body = fetch(nginx_server.url + css)
    assert headers["Cache-Control"] == IMMUTABLE
    assert headers["Content-Type"] == "text/css; charset=utf-8"


def test_missing_page_is_the_sites_404_page_with_headers(nginx_server: NginxServer) -> None:
    status, headers, body = fetch(nginx_server.url + "/no-such-page/")
    assert status == 404
    assert body == (nginx_server.site / "404.html").read_bytes()
    assert headers["Cache-Control"] == "no-cache"
    assert_security_headers(headers, "404 page")
    status, headers, _body = fetch(nginx_server.url + "/404.html")
    assert status == 404, "the 404 page is served only as an error page"
    status, headers, _body = fetch(nginx_server.url + "/assets/javascripts/bundle.0123abcd.min.js")
    assert status == 404
    assert headers["Cache-Control"] == "no-cache", "a missing hashed file must not be cached for a year"
    assert_security_headers(headers, "missing asset")


def test_pagefind_files_have_their_types_and_cache_rules(nginx_server: NginxServer) -> None:
    site, url = nginx_server.site, nginx_server.url
    cases = [
        (one_file(site, "pagefind/pagefind.*.pf_meta"), "application/octet-stream", IMMUTABLE),
        (one_file(site, "pagefind/index/*.pf_index"), "application/octet-stream", IMMUTABLE),
        (one_file(site, "pagefind/fragment/*.pf_fragment"), "application/octet-stream", IMMUTABLE),
        (one_file(site, "pagefind/wasm.*.pagefind"), "application/octet-stream", "no-cache"),
        ("/pagefind/pagefind-entry.json", "application/json; charset=utf-8", "no-cache"),
        ("/pagefind/pagefind.js", "application/javascript; charset=utf-8", "no-cache"),
    ]
    for path, content_type, cache in cases:
        status, headers, body = fetch(url + path, gzip_ok=True)
        assert status == 200, path
        assert (headers["Content-Type"], headers["Cache-Control"]) == (content_type, cache), path
        assert_security_headers(headers, path)
        if content_type == "application/octet-stream":
            assert headers["Content-Encoding"] is None, f"{path}: already compressed, must not be gzipped"
            assert body == (site / path.lstrip("/")).read_bytes()


def test_lookup_shards_are_immutable_and_the_manifest_is_revalidated(nginx_server: NginxServer) -> None:
    site, url = nginx_server.site, nginx_server.url
    manifest = "/verify/data/manifest.json"
    shard = one_file(site, "verify/data/v2/units/*.bin")
    group = one_file(site, "verify/data/v2/groups/*.bin")
    tables = one_file(site, "verify/data/v2/tables-*.json")
    assert re.fullmatch(r"/verify/data/v2/units/[0-9a-f]+-[0-9a-f]{8}\.bin", shard), shard
    cases = [
        (manifest, "application/json; charset=utf-8", "no-cache"),
        (tables, "application/json; charset=utf-8", IMMUTABLE),
        (shard, "application/octet-stream", IMMUTABLE),
        (group, "application/octet-stream", IMMUTABLE),
        ("/assets/lookup/verify-page.js", "application/javascript; charset=utf-8", "no-cache"),
    ]
    for path, content_type, cache in cases:
        status, headers, body = fetch(url + path)
        assert status == 200, path
        assert (headers["Content-Type"], headers["Cache-Control"]) == (content_type, cache), path
        assert body == (site / path.lstrip("/")).read_bytes(), path
        assert_security_headers(headers, path)


def test_directory_without_slash_redirects_relatively(nginx_server: NginxServer) -> None:
    request = urllib.request.Request(nginx_server.url + "/policy")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(request, timeout=10)
    with caught.value as error:
        assert error.code == 301
        assert error.headers["Location"] == "/policy/"
        assert_security_headers(error.headers, "redirect")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_access_log_never_records_the_query_string(nginx_server: NginxServer) -> None:
    number = "Y00002200010119400001"
    fetch(f"{nginx_server.url}/verify/?n={number}")
    fetch(f"{nginx_server.url}/?n={number}")
    log = nginx_server.access_log.read_text(encoding="utf-8")
    assert '"GET /verify/ HTTP/1.1" ' in log
    assert '"GET / HTTP/1.1" 200' in log
    assert number not in log


def test_https_listener_serves_the_site_with_the_same_headers(nginx_site: Path, tmp_path: Path) -> None:
    tls = self_signed_certificate(tmp_path / "tls")
    process, server = start_nginx(nginx_site, tmp_path / "nginx", tls=tls)
    try:
        context = ssl.create_default_context(cafile=str(tls.certificate))
        with urllib.request.urlopen(server.url + "/", timeout=10, context=context) as response:
            assert response.status == 200
            assert response.headers["Cache-Control"] == "no-cache"
            assert_security_headers(response.headers, "home page over HTTPS")
    finally:
        stop_nginx(process)


def test_inline_event_handlers_are_refused(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<html><body><button onclick="go()">查询</button></body></html>',
                                         encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        render_nginx_config(tmp_path, listen="8080", server_name="localhost")
    assert str(caught.value) == (
        "the Content-Security-Policy cannot allow 1 place(s): index.html: inline event handler or "
        'javascript: URL in <button onclick="go()">'
    )


def test_hash_is_the_one_browsers_compute() -> None:
    # The example of the CSP Level 3 specification, section "hash-source".
    assert csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert csp_hash("a\r\nb") == csp_hash("a\nb")


def test_the_command_writes_a_configuration(nginx_site: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "skills-site.conf"
    assert deploy_main(["--site", str(nginx_site), "--out", str(out), "--listen", "8080",
                        "--server-name", "skills.example.invalid"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "        listen 8080;\n        server_name skills.example.invalid;\n" in text
    assert f"        root {nginx_site.resolve()};\n" in text
    locations = re.findall(r"^ +location .*\{$", text, re.MULTILINE)
    assert len(locations) == 6
    assert text.count('add_header Content-Security-Policy "') == len(locations), "headers in every location"
    capsys.readouterr()
    assert deploy_main(["--site", str(tmp_path / "empty"), "--out", str(out), "--server-name", "x"]) == 1
    assert capsys.readouterr().err == (
        f"nginx configuration not written: {tmp_path / 'empty'}: not a built site (no index.html)\n")
