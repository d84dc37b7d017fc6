"""Signing keys: the catalogue file's check (each problem located, with what was expected), making
and rotating keys (never inside the repository, never overwriting a key file, one reviewed change),
and what a build does with SKILLS_SITE_SIGNING_KEY."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
from pathlib import Path

import pytest

from generator.ecert.keyring import KEYS_FILE, keys_document, load_keyring, read_keyring
from generator.ecert.keys import ENV, development_key, kid_of, new_private_key, private_pem, public_text
from generator.ecert.signing_check import check_signing_key
from generator.errors import BuildError
from generator.load.catalogue import check_catalogue
from tests.e2e.project import ROOT, git, run, working_copy

SCHEMAS = ROOT / "catalogue" / "schemas"
DEV = development_key().public_key()
DEV_KID = kid_of(DEV).hex()
F = "catalogue/signing-keys.yaml"
HEADER = "# yaml-language-server: $schema=schemas/signing-keys.schema.json\nissuer: JLVSC\nkeys:\n"


def entry(key, status: str = "active", start: str = "2024-01-01", end: str | None = None,  # type: ignore[no-untyped-def]
          kid: str | None = None) -> str:
    lines = [f'  - kid: "{kid or kid_of(key).hex()}"', "    algorithm: ES256",
             f"    public_key: {public_text(key)}", f"    valid_from: {start}"]
    if end:
        lines.append(f"    valid_until: {end}")
    lines.append(f"    status: {status}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(SCHEMAS, tmp_path / "catalogue" / "schemas")
    return tmp_path / "catalogue"


def problems(folder: Path, text: str) -> list[str]:
    (folder / KEYS_FILE).write_text(text, encoding="utf-8")
    return [str(p) for p in read_keyring(folder, folder.parent)[1]]


def test_the_sample_catalogue_publishes_the_development_key_and_nothing_personal() -> None:
    keyring = load_keyring(ROOT / "catalogue", ROOT)
    assert keyring is not None and [k.kid for k in keyring.keys] == [DEV_KID]
    document = keys_document(keyring)
    assert set(document) == {"format", "version", "issuer", "prefix", "keys"}
    assert set(document["keys"][0]) == {"kid", "alg", "status", "valid_from", "valid_until", "development",
                                        "jwk"}


def test_a_valid_file_has_no_problem(folder: Path) -> None:
    other = new_private_key().public_key()
    text = HEADER + entry(DEV, "compromised") + entry(other, "retired", "2024-01-01", "2025-06-30") \
        + entry(new_private_key().public_key(), "active", "2025-06-30")
    assert problems(folder, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    (HEADER + entry(DEV, kid="0123456789abcdef"),
     [f"{F}:4:10: keys[0].kid: '0123456789abcdef' is not the id of this public key (expected '{DEV_KID}', "
      "which follows from the key)"]),
    (HEADER + entry(DEV, kid="0123"),
     [f"{F}:4:10: keys[0].kid: '0123' does not have the expected form (expected 16 lower-case hex digits, "
      "as skills-site keys new prints)"]),
    (HEADER + entry(DEV).replace(f'"{DEV_KID}"', "1234567890123456"),
     [f"{F}:4:10: keys[0].kid: got an integer 1234567890123456 (expected a string; put it in quotes: "
      '"1234567890123456")']),
    (HEADER + entry(DEV, "retired"),
     [f"{F}:8:13: keys[0].status: a retired key has no valid_until (expected the last day it signed, which "
      "keys rotate writes)"]),
    (HEADER + entry(DEV, "active", end="2025-01-01"),
     [f"{F}:8:18: keys[0].valid_until: an active key has an end date (expected none: set status: retired "
      "when it stops signing)"]),
    (HEADER + entry(DEV, "retired", "2025-01-01", "2024-12-31"),
     [f"{F}:8:18: keys[0].valid_until: 2024-12-31 is before valid_from 2025-01-01 (expected the same day or "
      "later)"]),
    (HEADER + entry(DEV, start="2025-02-30"),
     [f"{F}:7:17: keys[0].valid_from: '2025-02-30' is not a date (expected a real day written YYYY-MM-DD)"]),
    (HEADER + entry(DEV).replace("status: active", "status: revoked"),
     [f"{F}:8:13: keys[0].status: 'revoked' is not allowed (expected one of: active, retired, compromised)"]),
    (HEADER + entry(DEV) + entry(DEV),
     [f"{F}:9:10: keys[1].kid: '{DEV_KID}' is listed twice (also keys[0]; expected each key once)",
      f"{F}:13:13: keys[1].status: a second active key (keys[0] is active; expected one key that signs)"]),
    (HEADER + entry(DEV).replace(public_text(DEV), "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"),
     [f"{F}:6:17: keys[0].public_key: not a public key: 27 bytes that are not a DER SubjectPublicKeyInfo "
      "(expected the public_key line that skills-site keys new prints)"]),
    ("issuer: JLVSC\nkeys:\n" + entry(DEV),
     [f"{F}:1:1: the first line is not the schema line (expected '# yaml-language-server: "
      "$schema=schemas/signing-keys.schema.json', which gives editors completion and checks)"]),
])
def test_each_problem_names_the_place_and_what_was_expected(folder: Path, text: str,
                                                            expected: list[str]) -> None:
    assert problems(folder, text) == expected


def test_the_catalogue_check_reports_the_key_file_with_everything_else(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "validation" / "base" / "catalogue", tmp_path / "catalogue")
    shutil.copytree(SCHEMAS, tmp_path / "catalogue" / "schemas")
    (tmp_path / "catalogue" / KEYS_FILE).write_text(HEADER + entry(DEV, "retired"), encoding="utf-8")
    assert [str(p) for p in check_catalogue(tmp_path / "catalogue", display_root=tmp_path)] == [
        f"{F}:8:13: keys[0].status: a retired key has no valid_until (expected the last day it signed, which "
        "keys rotate writes)"]


def test_keys_new_writes_a_private_key_readable_by_its_owner_only(tmp_path: Path) -> None:
    repo = working_copy(tmp_path / "repo")
    target = tmp_path / "keys" / "signing.pem"
    result = run(repo, "keys", "new", "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="ascii").startswith("-----BEGIN PRIVATE KEY-----")
    again = run(repo, "keys", "new", "--out", str(target))
    assert again.returncode == 1
    assert "already exists; a key file is never overwritten" in again.stderr


@pytest.mark.parametrize("inside", ["catalogue/signing.pem", "site/signing.pem", "signing.pem", "docs/k.pem"])
def test_no_key_is_written_inside_the_repository(tmp_path: Path, inside: str) -> None:
    repo = working_copy(tmp_path / "repo")
    for command in (("keys", "new"), ("keys", "rotate")):
        result = run(repo, *command, "--out", inside)
        assert result.returncode == 1
        assert "a private key may not be written inside" in result.stderr
        assert not (repo / inside).exists()
    assert git(repo, "status", "--porcelain") == ""


def test_rotation_is_one_change_to_the_key_file(tmp_path: Path) -> None:
    repo = working_copy(tmp_path / "repo")
    first = run(repo, "keys", "rotate", "--out", str(tmp_path / "2025.pem"), "--date", "2025-01-10")
    assert first.returncode == 0, first.stderr
    assert git(repo, "status", "--porcelain") == " M catalogue/signing-keys.yaml\n"
    git(repo, "commit", "--quiet", "-am", "更换签名密钥")
    second = run(repo, "keys", "rotate", "--out", str(tmp_path / "2026.pem"), "--date", "2026-01-10",
                 "--note", "年度更换")
    assert second.returncode == 0, second.stderr
    keyring = load_keyring(repo / "catalogue", repo)
    assert keyring is not None
    statuses = [(k.status, k.valid_from.isoformat(), k.valid_until and k.valid_until.isoformat())
                for k in keyring.keys]
    assert statuses == [("compromised", "2019-11-15", "2025-01-10"), ("retired", "2025-01-10", "2026-01-10"),
                        ("active", "2026-01-10", None)]
    assert keyring.keys[2].note == "年度更换"
    text = (repo / "catalogue" / KEYS_FILE).read_text(encoding="utf-8")
    assert "示例数据：公开的开发密钥" in text and text.startswith("# yaml-language-server:")  # comments stay
    assert run(repo, "check").returncode == 0
    diff = git(repo, "diff", "--stat")
    assert diff.strip().startswith("catalogue/signing-keys.yaml") and "1 file changed" in diff


def test_a_leaked_key_is_marked_compromised(tmp_path: Path) -> None:
    repo = working_copy(tmp_path / "repo")
    assert run(repo, "keys", "rotate", "--out", str(tmp_path / "a.pem")).returncode == 0
    assert run(repo, "keys", "rotate", "--out", str(tmp_path / "b.pem"), "--compromised").returncode == 0
    keyring = load_keyring(repo / "catalogue", repo)
    assert [k.status for k in keyring.keys] == ["compromised", "compromised", "active"]  # type: ignore[union-attr]


def pem_of(key) -> str:  # type: ignore[no-untyped-def]
    return private_pem(key).decode("ascii")


def test_what_a_production_build_refuses(folder: Path) -> None:
    active = new_private_key()
    retired = new_private_key()
    (folder / KEYS_FILE).write_text(HEADER + entry(DEV, "compromised", "2019-11-15", "2026-01-01")
                                    + entry(retired.public_key(), "retired", "2024-01-01", "2026-01-01")
                                    + entry(active.public_key(), "active", "2026-01-01"), encoding="utf-8")
    keyring = load_keyring(folder, folder.parent)
    refusals = {
        "unset": {},
        "not PEM": {ENV: "jilin2024"},
        "development key": {ENV: pem_of(development_key())},
        "unpublished": {ENV: pem_of(new_private_key())},
        "retired": {ENV: pem_of(retired)},
    }
    found = {}
    for name, env in refusals.items():
        with pytest.raises(BuildError) as caught:
            check_signing_key(keyring, production=True, env=env)
        found[name] = str(caught.value).removeprefix("production build refused: ").split(". A production")[0]
    assert found == {
        "unset": f"{ENV} is not set or empty (expected the PEM private key of the active signing key)",
        "not PEM": found["not PEM"],
        "development key": f"{ENV} holds the published development key {DEV_KID}, which anyone can sign with",
        "unpublished": found["unpublished"],
        "retired": f"the key in {ENV} ({kid_of(retired.public_key()).hex()}) is retired in "
                   "catalogue/signing-keys.yaml (expected the active key)",
    }
    assert found["not PEM"].startswith(f"the environment variable {ENV} is not an unencrypted PEM private")
    assert "is not published in catalogue/signing-keys.yaml, so nothing it signs" in found["unpublished"]
    assert check_signing_key(keyring, production=True, env={ENV: pem_of(active)}) is None
    # a sample build needs no key, and says so only when one is given that does not fit
    assert check_signing_key(keyring, production=False, env={}) is None
    assert "a production build would refuse it" in (check_signing_key(keyring, production=False,
                                                                       env={ENV: pem_of(retired)}) or "")


def test_a_production_build_refuses_while_the_development_key_is_published_as_usable(folder: Path) -> None:
    active = new_private_key()
    (folder / KEYS_FILE).write_text(HEADER + entry(DEV, "retired", "2019-11-15", "2026-01-01")
                                    + entry(active.public_key(), "active", "2026-01-01"), encoding="utf-8")
    with pytest.raises(BuildError, match=f"publishes the development key {DEV_KID} as retired: anyone can"):
        check_signing_key(load_keyring(folder, folder.parent), production=True, env={ENV: pem_of(active)})


def test_days_are_china_time() -> None:
    from generator.ecert.keyring import china_day

    assert china_day(int(dt.datetime(2024, 1, 1, 15, 59, tzinfo=dt.UTC).timestamp())) == dt.date(2024, 1, 1)
    assert china_day(int(dt.datetime(2024, 1, 1, 16, 0, tzinfo=dt.UTC).timestamp())) == dt.date(2024, 1, 2)


def test_a_key_dated_after_the_reference_day_is_refused(folder: Path) -> None:
    from generator.inputs.refday import today

    assert problems(folder, HEADER + entry(DEV, start="2999-01-01")) == [
        f"{F}:7:17: keys[0].valid_from: 2999-01-01 is in the future (expected a date no later than "
        f"{today().describe()})"]
