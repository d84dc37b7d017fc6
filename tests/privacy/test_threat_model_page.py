"""Finding 9: the threat-model page states what the benchmark measured, the attacker's cheapest
measured cost (not a slower one), a GPU figure marked as an estimate with its source, every residual
risk, and no claim that rotating the secret makes old data useless."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.load.catalogue import read_catalogue
from generator.lookup.code import BITS
from generator.lookup.page import render_verify_pages
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
MEASUREMENTS = ROOT / "site_templates" / "pages" / "verify" / "measurements.json"

# Claims that are false for this design: a new secret changes the salts, but data already downloaded
# stays exactly as hard to attack as it was.
FALSE_CLAIMS = ("旧数据失效", "预先计算的结果失效", "预计算失效")
OLD_PAGE = ("- 更换密钥或参数后重新构建，所有分片内容随之改变，旧数据失效。\n"
            "| 攻击者每猜一次（Python hashlib，单核） | 60.7 毫秒 |")


def false_claims(text: str) -> list[str]:
    return [claim for claim in FALSE_CLAIMS if claim in text]


def per_guess_figures(text: str) -> list[float]:
    """The per-guess costs in milliseconds the page states for CPUs (in a table row or cell)."""
    return [float(v.replace(",", "")) for v in re.findall(r"(?:\| |试一个查询码\">)([0-9.,]+) 毫秒", text)]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    docs = tmp_path_factory.mktemp("docs")
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    render_verify_pages(catalogue, load_settings(ROOT / "mkdocs.yml"), ROOT, docs)
    return (docs / "verify" / "threat-model.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def measured() -> dict:
    return json.loads(MEASUREMENTS.read_text(encoding="utf-8"))


def test_the_old_page_is_caught_by_the_checks() -> None:
    assert false_claims(OLD_PAGE) == ["旧数据失效"]
    assert per_guess_figures(OLD_PAGE) == [60.7]  # the slow figure, with no faster one beside it


def test_the_page_makes_no_false_claim_about_rotating_the_secret(page: str) -> None:
    assert false_claims(page) == []
    assert "更换密钥追不回已经被下载的数据" in page


def test_the_attackers_cheapest_measured_cost_is_stated(page: str, measured: dict) -> None:
    salts = 2 ** measured["salt_bits"]
    rates = [measured["python_hashes_per_second"], measured.get("openssl_compressions_per_second", 0)]
    fastest = max(rates)
    figures = per_guess_figures(page)
    assert min(figures) == pytest.approx(salts / fastest * 1000, abs=0.01)
    assert f"（{fastest:,.0f} 次/秒）" in page
    assert measured["command"] in page and measured["date"] in page and measured["machine"] in page
    for size in measured["sizes"]:
        assert f"试遍 {salts:,} 个盐值用时 {size['compress_ms']:,.0f} 毫秒" in page


def test_the_gpu_figure_is_an_estimate_with_its_source(page: str, measured: dict) -> None:
    assert "<strong>估计</strong>" in page and measured["gpu_estimate"]["source"] in page
    assert "本站没有实测" in page


def test_every_residual_risk_is_stated(page: str) -> None:
    risks = page[page.index("## 仍然存在的风险"):page.index("## 参数与密钥")]
    for risk in ("持有证书", "构建密钥泄露", "更换密钥追不回", "托管方的访问日志", "对比两次发布",
                 "证书总数的上限", "查询结果本身", "使用者自己的设备", "示例数据"):
        assert risk in risks, risk


def test_the_costs_follow_from_the_code_and_salt_sizes(page: str, measured: dict) -> None:
    assert measured["code_bits"] == BITS
    assert f"2<sup>{BITS - 1 + measured['salt_bits']}</sup>" in page
    assert "#why-no-id-lookup" not in page or "{#why-no-id-lookup}" in page
