"""A production build publishes only with a strong secret of its own; a sample build may use the
published development secret and says so."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.lookup.secret import DEVELOPMENT_SECRET, ENV, decode_secret, lookup_secret, production_problem
from tests.e2e.project import SKILLS_SITE, working_copy

# Fixed test secrets (test data), the same in every worker that collects the tests.
STRONG = hashlib.sha256(b"test_secret strong").hexdigest()
SIXTEEN = hashlib.sha256(b"test_secret sixteen").hexdigest()[:32]


def build(repo: Path, secret: str | None, *args: str, signing_key: str | None = None
          ) -> subprocess.CompletedProcess[str]:
    from generator.ecert.keys import ENV as SIGNING_ENV

    env = {k: v for k, v in os.environ.items() if k not in (ENV, SIGNING_ENV)}
    if secret is not None:
        env[ENV] = secret
    if signing_key is not None:
        env[SIGNING_ENV] = signing_key
    return subprocess.run([str(SKILLS_SITE), "build", "--root", str(repo), *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def production_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with `extra.sample_data: false`, as the provincial centre would publish it."""
    repo = working_copy(tmp_path_factory.mktemp("production") / "repo")
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  sample_data: true\n" in text
    config.write_text(text.replace("  sample_data: true\n", "  sample_data: false\n"), encoding="utf-8")
    # its own signing key: the published development key becomes compromised
    from tests.e2e.project import run

    rotated = run(repo, "keys", "rotate", "--out", str(repo.parent / "signing.pem"))
    assert rotated.returncode == 0, rotated.stderr
    return repo


@pytest.mark.parametrize(("secret", "why"), [
    (None, "is not set or empty"), ("", "is not set or empty"), ("  ", "is not set or empty"),
    ("jilin2024", "is not written as hex or base64"), ("abcdef0123456789", "holds 8 bytes"),
    (SIXTEEN, "holds 16 bytes"),
    (DEVELOPMENT_SECRET.decode(), "is not written as hex or base64"),
    (DEVELOPMENT_SECRET.hex(), "is the published development secret"), ("ab" * 32, "is not random"),
])
def test_an_unsafe_secret_stops_a_production_build_before_anything_is_written(
        production_repo: Path, secret: str | None, why: str) -> None:
    result = build(production_repo, secret)
    assert result.returncode == 1
    assert f"构建失败 / build failed: production build refused: {ENV} {why}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (production_repo / "site").exists() and not (production_repo / ".build").exists()


def test_a_32_byte_random_secret_builds_the_production_site(production_repo: Path) -> None:
    signing_key = (production_repo.parent / "signing.pem").read_text(encoding="utf-8")
    result = build(production_repo, STRONG, "--no-cache", signing_key=signing_key)
    assert result.returncode == 0, result.stderr
    assert "development secret" not in result.stderr
    assert (production_repo / "site" / "verify" / "data" / "manifest.json").exists()


def test_the_production_flag_refuses_the_sample_site_without_a_secret(tmp_path: Path) -> None:
    repo = working_copy(tmp_path / "repo")
    result = build(repo, None, "--production")
    assert result.returncode == 1 and "production build refused" in result.stderr
    assert not (repo / "site").exists()


def test_a_sample_build_without_a_secret_warns() -> None:
    secret = lookup_secret(production=False, env={})
    assert secret.value == DEVELOPMENT_SECRET and "development secret" in (secret.warning or "")
    assert lookup_secret(production=False, env={ENV: STRONG}).warning is None
    assert "would refuse it" in (lookup_secret(production=False, env={ENV: "short"}).warning or "")


@pytest.mark.parametrize("written", [STRONG, STRONG.upper()])
def test_hex_and_base64_secrets_decode_to_their_bytes(written: str) -> None:
    import base64

    raw = bytes.fromhex(STRONG)
    assert decode_secret(written) == raw
    assert decode_secret(base64.b64encode(raw).decode()) == raw
    assert decode_secret(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == raw
    assert production_problem(base64.b64encode(raw).decode()) is None
    with pytest.raises(BuildError):
        lookup_secret(production=True, env={ENV: "x"})
