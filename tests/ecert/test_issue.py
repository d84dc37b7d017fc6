"""`skills-site certificate electronic`: what it writes for each certificate, which certificates and
keys it refuses (with nothing written), and the printable page: one A4 sheet, self-contained."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from generator.certificates import iter_certificates
from generator.ecert.issue import qr_code
from generator.ecert.keyring import load_keyring
from generator.ecert.transport import PREFIX
from generator.ecert.verify import verify_text
from generator.load.catalogue import read_catalogue
from generator.model import Certificate
from tests.e2e.project import ROOT, SKILLS_SITE, run, working_copy

BATCH = "catalogue/certificates/changchun-hongda-machinery/2020-04.yaml"


def certificates() -> list[Certificate]:
    catalogue = read_catalogue(ROOT / "catalogue", display_root=ROOT)
    return [c for f in catalogue.certificate_files for c in iter_certificates(ROOT / "catalogue", f)]


def electronic(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "SKILLS_SITE_SIGNING_KEY"}
    return subprocess.run([str(SKILLS_SITE), "certificate", "electronic", *args], cwd=cwd,
                          env=base | (env or {}), capture_output=True, text=True, timeout=300, check=False)


def test_each_certificate_gets_its_text_qr_code_and_page(tmp_path: Path) -> None:
    cert = next(c for c in certificates() if c.status == "valid")
    result = electronic(cert.number.lower(), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "signed with the published development key (sample data only)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"{cert.number}.html", f"{cert.number}.svg", f"{cert.number}.txt"]
    text = (tmp_path / "out" / f"{cert.number}.txt").read_text(encoding="utf-8").strip()
    assert text.startswith(PREFIX)
    outcome = verify_text(text, load_keyring(ROOT / "catalogue", ROOT))  # type: ignore[arg-type]
    assert outcome.valid and outcome.token.certificate.holder_name == cert.holder_name  # type: ignore[union-attr]
    code = qr_code(text)
    assert code.mode == "alphanumeric" and code.error == "Q"
    svg = (tmp_path / "out" / f"{cert.number}.svg").read_text(encoding="utf-8")
    assert (svg.startswith("<svg") and 'width="50mm"' in svg.replace(".0mm", "mm")) or "mm" in svg
    page = (tmp_path / "out" / f"{cert.number}.html").read_text(encoding="utf-8")
    assert cert.holder_name in page and text in page and "<script" not in page
    assert not re.search(r"""(?:src|href)=["']?https?:""", page)  # nothing fetched from elsewhere


def test_a_whole_file_is_issued_except_its_revoked_certificates(tmp_path: Path) -> None:
    result = electronic("--file", BATCH, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    batch = [c for c in certificates() if c.enterprise_id == "changchun-hongda-machinery"
             and c.issued_on.isoformat().startswith("2020-04")]
    revoked = [c for c in batch if c.status == "revoked"]
    assert f"跳过 {len(revoked)} 本已撤销的证书" in result.stderr
    written = {p.stem for p in (tmp_path / "out").glob("*.txt")}
    assert written == {c.number for c in batch if c.status == "valid"}


def test_refusals_write_nothing(tmp_path: Path) -> None:
    revoked = next(c for c in certificates() if c.status == "revoked")
    valid = next(c for c in certificates() if c.status == "valid")
    out = tmp_path / "out"
    cases = {
        "revoked": ((revoked.number, "--out", str(out)),
                    f"certificate {revoked.number} is revoked; no electronic certificate is issued for it"),
        "unknown": (("Y000022000101204999999", "--out", str(out)),
                    "certificate Y000022000101204999999 is not in the catalogue"),
        "inside the site": ((valid.number, "--out", "site/electronic"), "may not be written inside"),
        "inside the catalogue": ((valid.number, "--out", "catalogue/x"), "may not be written inside"),
    }
    for name, (args, expected) in cases.items():
        result = electronic(*args)
        assert result.returncode == 1, name
        assert expected in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    assert not out.exists() and not (ROOT / "site" / "electronic").exists()
    assert not (ROOT / "catalogue" / "x").exists()


def test_only_the_active_published_key_signs(tmp_path: Path) -> None:
    repo = working_copy(tmp_path / "repo")
    valid = next(c for c in certificates() if c.status == "valid")
    stray = tmp_path / "stray.pem"
    assert run(repo, "keys", "new", "--out", str(stray)).returncode == 0
    result = electronic(valid.number, "--out", str(tmp_path / "a"), "--key", str(stray), cwd=repo)
    assert result.returncode == 1 and "is not in catalogue/signing-keys.yaml" in result.stderr
    assert run(repo, "keys", "rotate", "--out", str(tmp_path / "new.pem")).returncode == 0
    # the development key is compromised now: without a key, nothing is signed
    result = electronic(valid.number, "--out", str(tmp_path / "b"), cwd=repo)
    assert result.returncode == 1 and "is compromised; only the active key signs" in result.stderr
    key_text = (tmp_path / "new.pem").read_text(encoding="ascii")
    result = electronic(valid.number, "--out", str(tmp_path / "c"), cwd=repo,
                        env={"SKILLS_SITE_SIGNING_KEY": key_text})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.browser
def test_the_printable_page_is_one_a4_sheet(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    longest = max((c for c in certificates() if c.status == "valid"), key=lambda c: len(c.holder_name))
    assert electronic(longest.number, "--out", str(tmp_path)).returncode == 0
    page = browser.new_page()
    try:
        page.goto((tmp_path / f"{longest.number}.html").as_uri())
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
