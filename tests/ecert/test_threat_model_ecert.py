"""The threat-model page's electronic-certificate section: the choice of ES256 and why, what a photo
of the QR code reveals (what the paper shows, no ID number), what the signature proves and what it
does not, key custody and rotation, and sizes that follow from the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ecert.figures import typical_figures
from generator.load.catalogue import read_catalogue
from generator.lookup.page import render_verify_pages
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def section(tmp_path_factory: pytest.TempPathFactory) -> str:
    docs = tmp_path_factory.mktemp("docs")
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    render_verify_pages(catalogue, load_settings(ROOT / "mkdocs.yml"), ROOT, docs)
    page = (docs / "verify" / "threat-model.md").read_text(encoding="utf-8")
    return page[page.index("## 电子证书"):]


def subsection(section: str, title: str) -> str:
    start = section.index(f"### {title}")
    end = section.find("\n### ", start + 1)
    return section[start:end if end > 0 else None]


def test_the_algorithm_is_es256_and_the_page_says_why_not_ed25519(section: str) -> None:
    text = subsection(section, "格式")
    assert "ES256（ECDSA P-256 曲线、SHA-256）" in text
    assert "Ed25519 在 WebCrypto 中是近两年才陆续支持的" in text
    assert "不含身份证号码" in text


def test_a_photo_reveals_what_the_paper_shows_and_no_more(section: str) -> None:
    text = subsection(section, "二维码的照片会暴露什么")
    assert "与证书上印的完全相同" in text and "完整姓名" in text
    assert "没有身份证号码" in text


def test_the_page_says_what_the_signature_proves_and_what_it_does_not(section: str) -> None:
    text = subsection(section, "签名证明什么，不证明什么")
    for claim in ("**证明**", "**不证明出示的人就是持证人**", "**不证明证书现在仍然有效**",
                  "签名有效；撤销状态未能联网核验"):
        assert claim in text, claim


def test_key_custody_and_rotation_are_described(section: str) -> None:
    text = subsection(section, "密钥的保管和更换")
    for claim in ("私钥从不进入代码仓库", "skills-site keys rotate", "SKILLS_SITE_SIGNING_KEY",
                  "发布构建不签名，只核对", "retired", "compromised", "公开的开发密钥"):
        assert claim in text, claim
    risks = subsection(section, "电子证书仍然存在的风险")
    for risk in ("私钥被盗", "假冒的核验网站", "断网时无法知道撤销", "旧密钥列表"):
        assert risk in risks, risk


def test_the_sizes_are_those_of_a_signed_certificate(section: str) -> None:
    figures = typical_figures()
    assert f"二维码文字 {figures['text_chars']} 个字符" in section
    modules = figures["qr_modules"]
    assert f"二维码版本 {figures['qr_version']}（{modules}×{modules} 个模块）" in section
    assert f"纠错等级 {figures['qr_error']}" in section
