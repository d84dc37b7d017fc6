"""Electronic certificates on the verify page, in headless Chromium against the built sample site:
a PNG of an issued QR code (rendered from the issued SVG by Chromium) verifies; a tampered one is
refused; with the network cut after the page loaded the signature still verifies and the page says
the revocation status could not be checked; revoked certificates, unknown, compromised and retired
keys, other formats and the camera each get their own message. Every test that uses the conftest
`page` fails on any console warning or error."""

from __future__ import annotations

import json
import os
import subprocess
import zlib
from pathlib import Path

import cbor2
import pytest

from generator.certificates import iter_certificates
from generator.ecert import base45, cose, transport
from generator.ecert.claims import decode_token, encode_token
from generator.ecert.issue import qr_svg, sign_token, token_for
from generator.ecert.keys import development_key
from generator.load.catalogue import read_catalogue
from generator.model import Certificate
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.project import SKILLS_SITE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
RESULT = "[data-ecert-result]"
OFFLINE = "签名有效；撤销状态未能联网核验。"
VALID = "电子证书有效：签名有效，证书未被撤销。"
SIGNATURE = "签名无效：电子证书的内容在签发后被改动过，或是伪造的。不要接受这张证书。"
SIGNED_AT = "2026-01-05T10:00:00+08:00"


def sample_certificates() -> list[Certificate]:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    return [c for f in catalogue.certificate_files for c in iter_certificates(ROOT / "catalogue", f)]


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two sample certificates issued with `skills-site certificate electronic`, as staff run it."""
    out = tmp_path_factory.mktemp("electronic")
    valid = [c for c in sample_certificates() if c.status == "valid"]
    numbers = [valid[0].number, next(c.number for c in valid if "·" in c.holder_name)]
    env = {k: v for k, v in os.environ.items() if k != "SKILLS_SITE_SIGNING_KEY"}
    result = subprocess.run([str(SKILLS_SITE), "certificate", "electronic", *numbers, "--out", str(out),
                             "--signed-at", SIGNED_AT], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return {number: out / number for number in numbers}


def png_of(page, svg: str) -> bytes:  # type: ignore[no-untyped-def]
    """What a phone's screenshot of the QR code is: Chromium's rendering of the SVG, as PNG."""
    page.set_content(f'<html><body style="margin:0;background:#fff">{svg}</body></html>')
    return page.locator("svg").screenshot()


def open_verify(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/verify/")
    page.wait_for_selector("[data-ecert][data-ready=true]")


def upload(page, png: bytes) -> None:  # type: ignore[no-untyped-def]
    page.set_input_files("#ecert-file", files=[{"name": "qr.png", "mimeType": "image/png", "buffer": png}])
    page.wait_for_selector(f"{RESULT}[data-done=true]", timeout=60_000)


def paste(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#ecert-text", text)
    page.click("[data-ecert-form] button[type=submit]")
    page.wait_for_selector(f"{RESULT}[data-done=true]")


def message(page) -> str:  # type: ignore[no-untyped-def]
    return page.inner_text(f"{RESULT} .verify-message")


def card(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    terms = page.locator(f"{RESULT} .ecert-card dt").all_inner_texts()
    values = page.locator(f"{RESULT} .ecert-card dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def text_of(path: Path) -> str:
    return path.with_suffix(".txt").read_text(encoding="utf-8").strip()


def tampered_name(text: str) -> str:
    """The text of the same certificate with another holder's name, signature kept: what a forger
    who re-encodes the QR code produces."""
    message = cose.parse(transport.decode(text))
    token = decode_token(message.payload)
    forged = token.certificate.__class__(**{**vars(token.certificate), "holder_name": "张伪造"})
    payload = encode_token(token.__class__(token.issuer, token.issued_at, forged))
    rebuilt = cose.strict_loads(transport.decode(text), allow_tag=True)
    body = list(rebuilt.value)
    body[2] = payload
    return transport.PREFIX + base45.encode(zlib.compress(cbor2.dumps(cbor2.CBORTag(18, body)), 9))


def test_an_uploaded_png_of_an_issued_qr_code_shows_the_verified_certificate(
        page, served_site: str, issued: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    number, path = next(iter(issued.items()))
    png = png_of(page, path.with_suffix(".svg").read_text(encoding="utf-8"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_verify(page, served_site)
    upload(page, png)
    assert message(page) == VALID
    assert page.get_attribute(RESULT, "data-state") == "valid"
    token = decode_token(cose.parse(transport.decode(text_of(path))).payload)
    fields = card(page)
    assert fields["姓名"] == token.certificate.holder_name
    assert fields["证书编号"] == number
    claims = token.certificate
    assert fields["职业（工种）"] == f"{claims.occupation_code} {claims.occupation_name}"
    assert fields["发证企业"] == token.certificate.enterprise_name
    assert fields["签名日期"] == "2026年1月5日"
    assert page.input_value("#ecert-text") == text_of(path)
    # the QR reader came from this site (no other host was asked for anything), and the lookup ran
    assert all(url.startswith(served_site) for url in requests), requests
    assert any(url.endswith("/zxing_reader.wasm") for url in requests)
    assert any("/verify/data/v2/units/" in url for url in requests)


def test_a_screenshot_of_the_whole_printed_certificate_verifies(
        page, served_site: str, issued: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = list(issued.values())[1]
    page.goto(path.with_suffix(".html").as_uri())
    png = page.screenshot(full_page=True)
    open_verify(page, served_site)
    upload(page, png)
    assert message(page) == VALID
    assert "·" in card(page)["姓名"]


def test_a_qr_code_with_a_changed_name_is_refused(
        page, served_site: str, issued: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    forged = tampered_name(text_of(next(iter(issued.values()))))
    png = png_of(page, qr_svg(forged))
    open_verify(page, served_site)
    upload(page, png)
    assert message(page) == SIGNATURE
    assert page.get_attribute(RESULT, "data-state") == "signature"
    assert page.locator(f"{RESULT} .ecert-card").count() == 0


def test_one_changed_character_is_refused_as_damaged(
        page, served_site: str, issued: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    text = text_of(next(iter(issued.values())))
    middle = len(text) // 2
    open_verify(page, served_site)
    paste(page, text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1:])
    assert page.get_attribute(RESULT, "data-state") in ("damaged", "signature")
    assert page.locator(f"{RESULT} .ecert-card").count() == 0


def test_with_the_network_cut_after_the_page_loaded_the_signature_verifies_and_the_page_says_so(
        page, served_site: str, issued: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = next(iter(issued.values()))
    open_verify(page, served_site)
    page.context.set_offline(True)
    paste(page, text_of(path))
    assert message(page) == OFFLINE
    assert page.get_attribute(RESULT, "data-state") == "offline"
    assert card(page)["证书编号"] == path.name
    page.context.set_offline(False)
    paste(page, text_of(path))
    assert message(page) == VALID


def test_a_certificate_revoked_after_it_was_signed_shows_the_revocation(
        page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    revoked = next(c for c in sample_certificates() if c.status == "revoked")
    as_issued = revoked.__class__(**{**vars(revoked), "status": "valid", "revoked_on": None,
                                     "revocation_reason": None})
    text = sign_token(token_for(as_issued, catalogue, "JLVSC", 1_700_000_000), development_key())
    reason = catalogue.revocation_reasons[revoked.revocation_reason].text  # type: ignore[index]
    day = revoked.revoked_on
    open_verify(page, served_site)
    paste(page, text)
    assert message(page) == (f"签名有效，但该证书已于 {day.year}年{day.month}月{day.day}日 撤销，"  # type: ignore[union-attr]
                             f"原因：{reason}。不能作为有效证书。")
    assert page.get_attribute(RESULT, "data-state") == "revoked"


def keys_json_with(built_site: Path, change) -> str:  # type: ignore[no-untyped-def]
    document = json.loads((built_site / "verify" / "keys.json").read_text(encoding="utf-8"))
    document["keys"] = [change(key) for key in document["keys"]]
    document["keys"] = [key for key in document["keys"] if key is not None]
    return json.dumps(document)


@pytest.mark.parametrize(("change", "state", "expected"), [
    (lambda key: None, "unknown-key",
     "签名所用的密钥不在本站公布的密钥列表中，证书可能是伪造的。请刷新页面后重试；仍出现此提示时，不要接受这张证书。"),
    (lambda key: key | {"status": "compromised"}, "compromised",
     "签发这张电子证书的密钥已被标记为泄露，用它签名的证书一律不再认可。请持证人向发证企业申请重新签发，"
     "或在上方用证书编号和查询码查询。"),
    (lambda key: key | {"status": "retired", "valid_until": "2025-12-31"}, "outside-validity",
     "签名所用的密钥只在2019年11月15日至2025年12月31日有效，而这张电子证书的签名日期不在其中，"
     "可能是用已停用的密钥伪造的。不要接受这张证书。"),
    (lambda key: key | {"status": "retired", "valid_until": "2026-01-05"}, "valid", VALID),
], ids=["unknown key", "compromised key", "signed after the key was retired", "signed before retirement"])
def test_the_published_key_list_decides_which_signatures_count(
        page, served_site: str, built_site: Path, issued: dict[str, Path], change, state: str,
        expected: str) -> None:  # type: ignore[no-untyped-def]
    body = keys_json_with(built_site, change)
    page.route("**/verify/keys.json", lambda route: route.fulfill(status=200, content_type="application/json",
                                                                  body=body))
    open_verify(page, served_site)
    paste(page, text_of(next(iter(issued.values()))))
    assert page.get_attribute(RESULT, "data-state") == state
    assert message(page) == expected


@pytest.mark.parametrize(("text", "state", "expected"), [
    ("HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N", "not-ours",
     "这不是本站签发的电子证书，无法核验：二维码内容不是以 JLZS1: 开头，或签发者不是本站。"),
    ("JLZS2:6BFOXN%TS3DH0YOJ58S", "version",
     "这张电子证书使用了本页面不支持的格式版本，无法核验。请刷新页面后重试；如仍出现此提示，请联系发证企业。"),
    ("JLZS1:6BFOXN%TS3DH0YOJ58S", "damaged",
     "电子证书的内容不完整或已损坏，无法读取。请重新扫描，或完整复制二维码下方的文字后再试。"),
], ids=["another scheme", "a later version", "cut short"])
def test_texts_that_are_not_our_certificates_get_their_own_message(
        page, served_site: str, text: str, state: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    open_verify(page, served_site)
    paste(page, text)
    assert page.get_attribute(RESULT, "data-state") == state
    assert message(page) == expected


def test_a_paper_certificates_lookup_qr_code_runs_the_lookup_above(
        page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    from generator.qr import verify_link

    cert = next(c for c in sample_certificates() if c.status == "valid")
    open_verify(page, served_site)
    paste(page, verify_link(cert.number, cert.query_code, served_site))
    page.wait_for_selector("[data-verify-result][data-done=true]")
    assert page.inner_text("[data-verify-result] .verify-message") == "查询结果：证书有效。"
    assert page.get_attribute(RESULT, "data-state") == "lookup"


def y4m_of(text: str, path: Path, frames: int = 10) -> Path:
    """A video of the QR code for Chromium's fake camera: YUV 4:2:0 frames, black modules on white."""
    import segno

    code = segno.make_qr(text, error="q", mode="alphanumeric", boost_error=False)
    rows = [list(row) for row in code.matrix_iter(scale=4, border=4)]
    width, height = 640, 480
    top, left = (height - len(rows)) // 2, (width - len(rows[0])) // 2
    luma = bytearray(b"\xff" * (width * height))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                luma[(top + y) * width + left + x] = 0
    chroma = b"\x80" * (width * height // 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + bytes(luma) + chroma)
    return path


def test_the_camera_reads_the_qr_code_and_verifies_it(
        browser, served_site: str, issued: dict[str, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A Chromium of its own whose fake camera films the QR code (the conftest browser has no camera)."""
    path = next(iter(issued.values()))
    video = y4m_of(text_of(path), tmp_path / "qr.y4m")
    args = [*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"]
    errors: list[str] = []
    filming = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    try:
        context = filming.new_context(locale="zh-CN", permissions=["camera"])
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        open_verify(page, served_site)
        page.click("[data-ecert-camera]")
        page.wait_for_selector(f"{RESULT}[data-done=true]", timeout=60_000)
        assert message(page) == VALID
        assert card(page)["证书编号"] == path.name
        assert page.is_hidden("[data-ecert-video]")  # the camera is off again
    finally:
        filming.close()
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_verified_result_is_accessible_and_fits_a_phone(
        browser, served_site: str, issued: dict[str, Path], scheme: str) -> None:  # type: ignore[no-untyped-def]
    from .visitor import layout_problems, serious_violations, visitor_page

    path = list(issued.values())[1]  # the holder's name has a middle dot
    with visitor_page(browser, "phone", scheme) as page:
        open_verify(page, served_site)
        paste(page, text_of(path))
        assert message(page) == VALID
        assert serious_violations(page) == []
        assert layout_problems(page) == []
