"""Electronic certificates under the nginx target's Content-Security-Policy and Permissions-Policy:
the QR reader's WebAssembly runs, the signature verifies, the lookup answers, nothing is blocked,
and the camera is allowed for the site itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from nginx_runner import NginxServer

from generator.certificates import iter_certificates
from generator.ecert.issue import qr_svg, sign_token, token_for
from generator.ecert.keys import development_key
from generator.load.catalogue import read_catalogue

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_an_uploaded_qr_code_verifies_under_the_policy(nginx_server: NginxServer, page) -> None:  # type: ignore[no-untyped-def]
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    cert = next(c for c in iter_certificates(ROOT / "catalogue", catalogue.certificate_files[0])
                if c.status == "valid")
    text = sign_token(token_for(cert, catalogue, "JLVSC", 1_767_225_600), development_key())
    page.set_content(f'<html><body style="margin:0;background:#fff">{qr_svg(text)}</body></html>')
    png = page.locator("svg").screenshot()
    page.add_init_script(VIOLATIONS)
    response = page.goto(nginx_server.url + "/verify/")
    assert "camera=(self)" in response.headers["permissions-policy"]
    assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]
    page.wait_for_selector("[data-ecert][data-ready=true]")
    page.set_input_files("#ecert-file", files=[{"name": "qr.png", "mimeType": "image/png", "buffer": png}])
    page.wait_for_selector("[data-ecert-result][data-done=true]", timeout=60_000)
    assert page.get_attribute("[data-ecert-result]", "data-state") == "valid"
    assert page.evaluate("window.__violations") == []
