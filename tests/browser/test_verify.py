"""The verify page in headless Chromium against the built sample site: each lookup case, each
malformed input with its exact message, the QR link, what a lookup leaves in URLs, history and
requests, and the index failures. Every test runs on the conftest `page`, which fails on any
console message of level warning or error."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.certificates import iter_certificates
from generator.load.catalogue import read_catalogue
from generator.lookup.code import display_code
from generator.lookup.format import masked_name
from generator.model import Catalogue, Certificate
from generator.qr import verify_link

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
RESULT = "[data-verify-result]"
NO_MATCH = ("未找到匹配的证书。请核对证书编号和查询码是否与证书上印的完全一致；"
            "编号正确而查询码不符时，结果同样是未找到。")
UNREACHABLE = "暂时无法读取证书查询数据，请检查网络连接后重试。如问题持续，可到全国联网查询核对。"
LENGTH_21 = "证书编号应为 22 位（1 个字母加 21 位数字），现在是 21 位。"


@dataclass
class Sample:
    catalogue: Catalogue
    certificates: list[Certificate]

    def first(self, test) -> Certificate:  # type: ignore[no-untyped-def]
        found = next((c for c in self.certificates if test(c)), None)
        if found is None:
            pytest.fail("the sample data has no certificate for this case")
        return found


@pytest.fixture(scope="module")
def sample() -> Sample:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    certs = [c for f in catalogue.certificate_files for c in iter_certificates(ROOT / "catalogue", f)]
    return Sample(catalogue, certs)


def chinese_date(day) -> str:  # type: ignore[no-untyped-def]
    return f"{day.year}年{day.month}月{day.day}日"


def open_verify(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/verify/")
    page.wait_for_selector("[data-verify][data-ready=true]")


def wait_for_result(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(f"{RESULT}[data-done=true]")


def submit(page, number: str, code: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#verify-number", number)
    page.fill("#verify-code", code)
    page.click("[data-verify-form] button[type=submit]")
    wait_for_result(page)


def card_fields(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    terms = page.locator(f"{RESULT} .verify-card dt").all_inner_texts()
    values = page.locator(f"{RESULT} .verify-card dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def expected_fields(sample: Sample, cert: Certificate) -> dict[str, str]:
    level = sample.catalogue.levels[cert.level]
    status = "有效"
    if cert.status == "revoked":
        reason = sample.catalogue.revocation_reasons[cert.revocation_reason].text  # type: ignore[index]
        status = f"已于 {chinese_date(cert.revoked_on)} 撤销，原因：{reason}。"
    return {
        "姓名": masked_name(cert.holder_name), "证书编号": cert.number,
        "职业（工种）": f"{cert.occupation_code} {sample.catalogue.occupations[cert.occupation_code].name}",
        "等级": f"{level.name}/{level.title}",
        "发证企业": sample.catalogue.enterprise(cert.enterprise_id).name,
        "发证日期": chinese_date(cert.issued_on), "状态": status,
    }


def test_a_number_and_a_code_typed_loosely_find_the_certificate(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: "·" in c.holder_name and c.status == "valid")
    open_verify(page, served_site)
    loose = " " + display_code(cert.query_code).lower().replace("-", " - ")
    submit(page, " " + cert.number.lower(), loose)
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"
    assert card_fields(page) == expected_fields(sample, cert)
    assert page.input_value("#verify-code") == display_code(cert.query_code)


def test_a_name_outside_the_basic_multilingual_plane_is_shown_masked(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: any(ord(ch) > 0xFFFF for ch in c.holder_name))
    open_verify(page, served_site)
    submit(page, cert.number, cert.query_code)
    assert card_fields(page)["姓名"] == masked_name(cert.holder_name)


def test_a_wrong_code_and_an_unknown_number_give_the_same_no_match(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "valid")
    other = sample.first(lambda c: c.number != cert.number)
    open_verify(page, served_site)
    for number, code in ((cert.number, other.query_code), (cert.number[:-1] + "9", cert.query_code)):
        submit(page, number, code)
        assert page.inner_text(RESULT) == NO_MATCH
        assert page.get_attribute(RESULT, "data-state") == "no-match"


def test_a_revoked_certificate_shows_the_date_and_the_reason(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "revoked")
    open_verify(page, served_site)
    submit(page, cert.number, cert.query_code)
    fields = expected_fields(sample, cert)
    assert page.inner_text(f"{RESULT} .verify-message") == f"查询结果：该证书{fields['状态']}"
    assert card_fields(page) == fields
    assert page.get_attribute(RESULT, "data-state") == "revoked"


@pytest.mark.parametrize(("number", "code", "errors"), [
    ("Y00002200010720500000", "ABCDEFGHJKMN", {"number": LENGTH_21}),
    ("Y000022000107205A00001", "ABCDEFGHJKMN", {"number": "证书编号第 17 位应为数字。"}),
    ("Y000022000107205000001", "", {"code": "请填写查询码。"}),
    ("", "ABCD-EFGH-JKM",
     {"number": "请填写证书编号。", "code": "查询码应为 12 位字母和数字，现在是 11 位。"}),
    ("Y000022000107205000001", "ABCD-EFGH-JKM0",
     {"code": "查询码第 12 位是数字 0，查询码中没有数字 0、1 和字母 O、I，"
              "请对照证书核对（可能是形近的字符）。"}),
])
def test_malformed_input_names_the_field_and_what_is_wrong(
        page, served_site: str, number: str, code: str, errors: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    open_verify(page, served_site)
    submit(page, number, code)
    labels = {"number": "证书编号", "code": "查询码"}
    assert page.inner_text(f"{RESULT} .verify-message") == "输入有误，请修改后再查询："
    assert page.locator(f"{RESULT} li").all_inner_texts() == [f"{labels[f]}：{m}" for f, m in errors.items()]
    assert page.locator("[data-verify-form] [aria-invalid=true]").count() == len(errors)
    for field, message in errors.items():
        assert page.inner_text(f"[data-error-for={field}]") == message
    first = next(iter(errors))
    assert page.evaluate("document.activeElement.name") == first


def test_the_qr_link_shows_the_result_without_typing_and_leaves_no_trace(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    """The number and code travel in the fragment: no request, header or history entry carries them,
    and the address bar no longer shows them once the page has read them."""
    cert = sample.first(lambda c: c.status == "valid")
    requests: list[dict[str, str]] = []
    page.on("request", lambda r: requests.append({"url": r.url, **r.headers, "body": r.post_data or ""}))
    page.goto(served_site + "/")
    link = verify_link(cert.number, cert.query_code, served_site)
    page.goto(link)
    wait_for_result(page)
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"
    assert card_fields(page) == expected_fields(sample, cert)
    assert page.url == f"{served_site}/verify/"
    assert page.evaluate("location.hash") == ""
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{served_site}/"  # the one history entry of the verify page has no fragment either
    page.go_forward()
    page.wait_for_selector("[data-verify][data-ready=true]")
    assert page.url == f"{served_site}/verify/"
    secrets = {cert.number, cert.query_code, display_code(cert.query_code)}
    for request in requests:
        for value in request.values():
            assert not any(s in value or s.lower() in value.lower() for s in secrets), request
    # the home page's own requests carry its address; the verify page's requests carry no Referer at all
    verify_requests = [r for r in requests if r.get("referer") != f"{served_site}/"]
    assert all(not r.get("referer") for r in verify_requests), verify_requests
    assert any("/verify/data/v2/units/" in r["url"] for r in verify_requests)
    assert page.get_attribute("meta[name=referrer]", "content") == "no-referrer"


def test_an_index_of_an_unknown_version_is_refused_with_a_clear_message(
        page, served_site: str, sample: Sample, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((built_site / "verify/data/manifest.json").read_text(encoding="utf-8"))
    body = json.dumps(manifest | {"version": 3})
    page.route("**/verify/data/manifest.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=body))
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    submit(page, cert.number, cert.query_code)
    assert page.inner_text(RESULT) == ("证书查询数据的格式版本与本页面不匹配，本页面无法读取。"
                                       "请刷新页面后重试；如仍出现此提示，请联系网站管理员。")


def test_an_unreadable_index_says_the_data_cannot_be_reached(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    # A captive portal or a broken deployment answers with an HTML page instead of the manifest.
    page.route("**/verify/data/manifest.json", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<html>登录</html>"))
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    submit(page, cert.number, cert.query_code)
    assert page.inner_text(RESULT) == UNREACHABLE
    page.unroute("**/verify/data/manifest.json")
    submit(page, cert.number, cert.query_code)  # the next query tries again and succeeds
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"


def test_a_printed_result_shows_the_certificate_without_the_form(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    submit(page, cert.number, cert.query_code)
    page.emulate_media(media="print")
    assert not page.is_visible("[data-verify-form]")
    assert page.is_visible(f"{RESULT} .verify-card")
    assert card_fields(page)["证书编号"] == cert.number


def test_the_form_works_from_the_keyboard(page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    page.focus("#verify-number")
    page.keyboard.type(cert.number)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "verify-code"
    page.keyboard.type(cert.query_code)
    page.keyboard.press("Enter")
    wait_for_result(page)
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"
