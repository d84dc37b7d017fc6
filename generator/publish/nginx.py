"""Configuration for serving the built site from a web server of one's own (nginx), for hosts
where GitHub Pages is not an option.

The Content-Security-Policy forbids inline scripts except the exact ones the build produced:
MkDocs Material writes a few small inline `<script>` blocks into every page (one of them differs
with the page's depth), so their SHA-256 hashes are read from the built folder and listed as
`'sha256-…'` sources. Data blocks such as `<script type="application/json">` are never executed
and need no hash. Inline event handler attributes (`onclick=`) and `javascript:` URLs cannot be
allowed by hash without `'unsafe-hashes'`; a site that has them is refused.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "site.conf.template"

# Script types a browser executes; anything else (application/json, application/ld+json) is data.
_EXECUTABLE_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "text/ecmascript", "application/x-javascript", "text/x-javascript",
}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_TAG = re.compile(r"<[a-zA-Z][^\s>/]*((?:\s[^>]*)?)>")
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']?""", re.IGNORECASE)
_JAVASCRIPT_URL = re.compile(r"""\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)

SECURITY_HEADERS_FIXED: tuple[tuple[str, str], ...] = (
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    # `?n=` on the verification page carries a certificate number: never send it to another site.
    ("Referrer-Policy", "no-referrer"),
    # the camera for the verify page's QR scanner, for this site only
    ("Permissions-Policy",
     "accelerometer=(), camera=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
     "payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)


@dataclass
class InlineCode:
    """Inline code found in the built pages, as CSP hash sources."""

    scripts: set[str] = field(default_factory=set)
    style_elements: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Tls:
    certificate: Path
    key: Path


def csp_hash(text: str) -> str:
    """The CSP source for an inline block: browsers hash the UTF-8 text with newlines normalised."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(" " + text):
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _scan_page(text: str, where: str, found: InlineCode) -> None:
    for match in _SCRIPT.finditer(text):
        attributes = _attributes(match.group(1))
        if "src" in attributes:
            continue
        if attributes.get("type", "").strip().lower() in _EXECUTABLE_TYPES:
            found.scripts.add(csp_hash(match.group(2)))
    without_scripts = _SCRIPT.sub("<script></script>", text)
    for match in _STYLE_ELEMENT.finditer(without_scripts):
        found.style_elements.add(csp_hash(match.group(1)))
    for tag in _TAG.finditer(_STYLE_ELEMENT.sub("<style></style>", without_scripts)):
        inside = tag.group(1)
        if not inside:
            continue
        for style in _STYLE_ATTRIBUTE.finditer(inside):
            value = style.group(1) if style.group(1) is not None else style.group(2)
            found.style_attributes.add(csp_hash(html.unescape(value)))
        if _EVENT_HANDLER.search(inside) or _JAVASCRIPT_URL.search(inside):
            found.refused.append(f"{where}: inline event handler or javascript: URL in {tag.group(0)[:120]}")


def scan_inline_code(site_dir: Path) -> InlineCode:
    """Hash every inline script, <style> element and style attribute of the built HTML pages."""
    found = InlineCode()
    for page in sorted(site_dir.rglob("*.html")):
        _scan_page(page.read_text(encoding="utf-8"), page.relative_to(site_dir).as_posix(), found)
    return found


def content_security_policy(found: InlineCode) -> str:
    """The policy for a site whose inline code is `found`.

    style-src: Material's pages have no inline styles of their own; when a page does, the least
    permissive source that allows it is used: hashes for <style> elements, and for style attributes
    'unsafe-hashes' with the attribute values' hashes (never 'unsafe-inline', which a hash would
    switch off anyway).
    """
    script_src = ["'self'", "'wasm-unsafe-eval'", *sorted(found.scripts)]  # Pagefind runs WebAssembly
    style_src = ["'self'", *sorted(found.style_elements)]
    if found.style_attributes:
        style_src += ["'unsafe-hashes'", *sorted(found.style_attributes)]
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", script_src),
        ("style-src", style_src),
        ("img-src", ["'self'", "data:"]),  # Material's stylesheet draws its icons from data: SVGs
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def security_headers(policy: str) -> list[tuple[str, str]]:
    return [("Content-Security-Policy", policy), *SECURITY_HEADERS_FIXED]


def _nginx_quote(value: str) -> str:
    if any(ch in value for ch in '"\\\n$'):
        raise BuildError(f"cannot write header value into the nginx configuration: {value!r}")
    return f'"{value}"'


def _header_lines(headers: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"add_header {name} {_nginx_quote(value)} always;" for name, value in headers)


def _nginx_path(path: Path) -> str:
    text = str(path.resolve())
    if any(ch.isspace() or ch in ";{}\"'$#" for ch in text):
        raise BuildError(f"{text}: a path for nginx may not contain spaces, quotes, ';', braces, '$' or '#'")
    return text


def render_nginx_config(site_dir: Path, *, listen: str, server_name: str, temp_dir: Path | None = None,
                        access_log: str | None = None, tls: Tls | None = None) -> str:
    """The nginx configuration text for serving `site_dir`."""
    if not (site_dir / "index.html").is_file():
        raise BuildError(f"{site_dir}: not a built site (no index.html)")
    found = scan_inline_code(site_dir)
    if found.refused:
        shown = "; ".join(found.refused[:5])
        raise BuildError(f"the Content-Security-Policy cannot allow {len(found.refused)} place(s): {shown}")
    for name, value in (("listen", listen), ("server_name", server_name), ("access_log", access_log or "")):
        if any(ch in value for ch in ";{}\"'$#\n"):
            raise BuildError(f"{name}: {value!r} may not contain ';', braces, quotes, '$', '#' or newlines")
    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        autoescape=False,
    )
    template = environment.from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(
        listen=listen,
        server_name=server_name,
        root=_nginx_path(site_dir),
        temp_dir=_nginx_path(temp_dir) if temp_dir else None,
        access_log=access_log,
        tls=Tls(Path(_nginx_path(tls.certificate)), Path(_nginx_path(tls.key))) if tls else None,
        headers=_header_lines(security_headers(content_security_policy(found))),
    )


def write_nginx_config(site_dir: Path, out_path: Path, *, listen: str, server_name: str,
                       temp_dir: Path | None = None, access_log: str | None = None,
                       tls: Tls | None = None) -> Path:
    """Write the nginx configuration that serves the built folder `site_dir` to `out_path`.

    `listen` and `server_name` are nginx's own values (`"443 ssl"`, `"127.0.0.1:8080"`; a host name).
    `temp_dir` moves nginx's request-buffer folders (for running unprivileged), `access_log` is a
    log file path (None: no access log), `tls` the certificate and key for an `ssl` listener.
    """
    text = render_nginx_config(site_dir, listen=listen, server_name=server_name, temp_dir=temp_dir,
                               access_log=access_log, tls=tls)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    return out_path


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.publish.nginx --site site --out /etc/nginx/skills-site.conf --listen …`"""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m generator.publish.nginx",
                                     description="write the nginx configuration for a built site")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the configuration")
    parser.add_argument("--listen", default="443 ssl", help='nginx listen value (default "443 ssl")')
    parser.add_argument("--server-name", required=True, help="the site's host name")
    parser.add_argument("--tls-certificate", type=Path, default=None)
    parser.add_argument("--tls-key", type=Path, default=None)
    parser.add_argument("--access-log", default=None, help="access log path (default: no access log)")
    args = parser.parse_args(argv)
    if (args.tls_certificate is None) != (args.tls_key is None):
        parser.error("--tls-certificate and --tls-key go together")
    tls = Tls(args.tls_certificate, args.tls_key) if args.tls_certificate else None
    try:
        write_nginx_config(args.site, args.out, listen=args.listen, server_name=args.server_name,
                           access_log=args.access_log, tls=tls)
    except BuildError as exc:
        print(f"nginx configuration not written: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} for {args.site.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
