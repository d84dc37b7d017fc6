"""The verify page in headless Chromium against the built sample site: each lookup case, each
malformed input with its exact message, the deep link and the index failures. Every test runs on
the conftest `page`, which fails on any console message of level warning or error."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.certificates import iter_certificates
from generator.load.catalogue import read_catalogue
from generator.lookup.format import masked_name
from generator.model import Catalogue, Certificate

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
RESULT = "[data-verify-result]"
NO_MATCH = "未找到匹配的证书。请核对输入是否与证书上的信息完全一致；号码正确但姓名不符时，结果同样是未找到。"
UNREACHABLE = "暂时无法读取证书查询数据，请检查网络连接后重试。如问题持续，可到全国联网查询核对。"
LENGTH_21 = "证书编号应为 22 位（1 个字母加 21 位数字），现在是 21 位。"
CHECK_CHAR = "身份证号码第 18 位（校验码）与前 17 位不符，请核对是否输错。"
BIRTH_DATE = "身份证号码第 7–14 位的出生日期 19681313 不是有效日期。"


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


def open_verify(page, served_site: str, query: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/verify/{query}")
    page.wait_for_selector("[data-verify][data-ready=true]")


def submit(page, mode: str, key: str, name: str) -> None:  # type: ignore[no-untyped-def]
    if mode == "A":
        page.get_by_role("tab", name="证书编号＋姓名").click()
        page.fill("#verify-number", key)
        page.fill("#verify-number-name", name)
        page.click("#verify-panel-number button[type=submit]")
    else:
        page.get_by_role("tab", name="身份证号码＋姓名").click()
        page.fill("#verify-id", key)
        page.fill("#verify-id-name", name)
        page.click("#verify-panel-id button[type=submit]")
    page.wait_for_function("s => !['searching', undefined].includes(document.querySelector(s).dataset.state)",
                           arg=RESULT)


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


def test_a_certificate_number_and_a_name_typed_with_another_middle_dot_find_the_certificate(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: "·" in c.holder_name and c.status == "valid")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_verify(page, served_site)
    submit(page, "A", " " + cert.number.lower(), cert.holder_name.replace("·", "•"))
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"
    assert card_fields(page) == expected_fields(sample, cert)
    link = page.locator(f"{RESULT} .verify-card dd a")
    assert link.get_attribute("href") == f"../enterprises/{cert.enterprise_id}/"
    national = page.locator(f"{RESULT} .verify-cross-check a").get_attribute("href")
    assert national and national.startswith("https://")
    assert not any(cert.number in url or cert.holder_name.split("·")[0] in url for url in requests)
    assert page.url == f"{served_site}/verify/"


def test_an_id_number_with_a_small_x_and_a_name_find_every_certificate_of_the_holder(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.id_number.endswith("X"))
    mine = sorted((c for c in sample.certificates
                   if c.id_number == cert.id_number and c.holder_name == cert.holder_name),
                  key=lambda c: c.issued_on)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_verify(page, served_site)
    submit(page, "B", cert.id_number.lower(), f" {cert.holder_name} ")
    assert page.locator(f"{RESULT} .verify-card").count() == len(mine)
    if len(mine) == 1:
        assert card_fields(page) == expected_fields(sample, cert)
    assert not any(cert.id_number[:10] in url for url in requests)


def test_a_name_outside_the_basic_multilingual_plane_is_found(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: any(ord(ch) > 0xFFFF for ch in c.holder_name))
    open_verify(page, served_site)
    submit(page, "A", cert.number, cert.holder_name)
    assert card_fields(page)["姓名"] == masked_name(cert.holder_name)


def test_a_wrong_name_and_an_unknown_number_give_the_same_no_match(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    messages = []
    for number, name in [(cert.number, cert.holder_name[0] + "某某"),
                         (cert.number[:-6] + "999999", cert.holder_name)]:
        submit(page, "A", number, name)
        messages.append(page.inner_text(RESULT))
    assert messages == [NO_MATCH] * 2
    assert page.locator(f"{RESULT} .verify-card").count() == 0


def test_a_revoked_certificate_shows_the_date_and_the_reason(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "revoked")
    reason = sample.catalogue.revocation_reasons[cert.revocation_reason].text  # type: ignore[index]
    open_verify(page, served_site)
    submit(page, "B", cert.id_number, cert.holder_name)
    cards = page.locator(f"{RESULT} .verify-card.is-revoked")
    assert cards.count() >= 1
    assert (page.inner_text(f"{RESULT} .verify-message")
            == f"查询结果：该证书已于 {chinese_date(cert.revoked_on)} 撤销，原因：{reason}。")
    assert card_fields(page) == expected_fields(sample, cert)


@pytest.mark.parametrize(("mode", "key", "name", "errors"), [
    ("A", "Y00002200010720500000", "张伟", {"number": LENGTH_21}),
    ("A", "Y000022000107205A00001", "张伟", {"number": "证书编号第 17 位应为数字。"}),
    ("A", "Y000022000107205000001", "", {"name": "请填写姓名。"}),
    ("A", "", "张3", {"number": "请填写证书编号。",
                      "name": "姓名只能包含文字和间隔号“·”，不能有数字或其他符号。"}),
    ("B", "220503196811132298", "张伟", {"id_number": CHECK_CHAR}),
    ("B", "220503196813132299", "张伟", {"id_number": BIRTH_DATE}),
    ("B", "2205031968111322", "张伟", {"id_number": "身份证号码应为 18 位，现在是 16 位。"}),
])
def test_malformed_input_names_the_field_and_what_is_wrong(
        page, served_site: str, mode: str, key: str, name: str,  # type: ignore[no-untyped-def]
        errors: dict[str, str]) -> None:
    open_verify(page, served_site)
    submit(page, mode, key, name)
    panel = "#verify-panel-number" if mode == "A" else "#verify-panel-id"
    shown = {field: page.inner_text(f"{panel} [data-error-for={field}]")
             for field in ("number" if mode == "A" else "id_number", "name")}
    assert {k: v for k, v in shown.items() if v} == errors
    labels = {"number": "证书编号", "id_number": "身份证号码", "name": "姓名"}
    assert page.inner_text(f"{RESULT} .verify-message") == "输入有误，请修改后再查询："
    assert page.locator(f"{RESULT} li").all_inner_texts() == [f"{labels[f]}：{m}" for f, m in errors.items()]
    assert page.locator(f"{panel} [aria-invalid=true]").count() == len(errors)


def test_the_deep_link_fills_in_the_number_and_the_name_stays_out_of_the_url(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site, f"?n={cert.number}")
    assert page.input_value("#verify-number") == cert.number
    assert page.get_attribute("#verify-tab-number", "aria-selected") == "true"
    page.fill("#verify-number-name", cert.holder_name)
    page.press("#verify-number-name", "Enter")
    page.wait_for_selector(f"{RESULT}[data-state=valid]")
    assert page.url == f"{served_site}/verify/?n={cert.number}"


def test_the_tabs_work_from_the_keyboard(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    open_verify(page, served_site)
    page.focus("#verify-tab-number")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "verify-tab-id"
    assert page.is_visible("#verify-id") and not page.is_visible("#verify-number")
    page.keyboard.press("Home")
    assert page.is_visible("#verify-number")


def test_an_index_of_an_unknown_version_is_refused_with_a_clear_message(
        page, served_site: str, sample: Sample, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((built_site / "verify/data/manifest.json").read_text(encoding="utf-8"))
    body = json.dumps(manifest | {"version": 2})
    page.route("**/verify/data/manifest.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=body))
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    submit(page, "A", cert.number, cert.holder_name)
    assert page.inner_text(RESULT) == ("证书查询数据的格式版本与本页面不匹配，本页面无法读取。"
                                       "请刷新页面后重试；如仍出现此提示，请联系网站管理员。")


def test_an_unreadable_index_says_the_data_cannot_be_reached(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    # A captive portal or a broken deployment answers with an HTML page instead of the manifest.
    page.route("**/verify/data/manifest.json", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<html>登录</html>"))
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    submit(page, "A", cert.number, cert.holder_name)
    assert page.inner_text(RESULT) == UNREACHABLE
    page.unroute("**/verify/data/manifest.json")
    submit(page, "A", cert.number, cert.holder_name)  # the next query tries again and succeeds
    assert page.inner_text(f"{RESULT} .verify-message") == "查询结果：证书有效。"


def test_a_printed_result_shows_the_certificate_without_the_form(
        page, served_site: str, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    cert = sample.first(lambda c: c.status == "valid")
    open_verify(page, served_site)
    submit(page, "A", cert.number, cert.holder_name)
    page.emulate_media(media="print")
    assert not page.is_visible("#verify-panel-number") and not page.is_visible("[role=tablist]")
    assert page.is_visible(f"{RESULT} .verify-card")
    assert card_fields(page)["证书编号"] == cert.number
