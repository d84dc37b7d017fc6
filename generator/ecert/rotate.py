"""Rotate the signing key in one reviewed change: a new key file outside the repository, and one
edit of `catalogue/signing-keys.yaml` that adds the new public key as active and ends the old one.

The old key becomes retired with `valid_until` set to the rotation day, so what it signed keeps
verifying; with `compromised=True` (or when the old key is the published development key, whose
private half anyone can compute) it becomes compromised and nothing it signed verifies any more.
The file is edited as text, so its comments stay, and the result is checked before anything is
written: the new catalogue file first in memory, then the key file (never overwriting one), then
the catalogue file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.ecert.keyring import CHINA, KEYS_FILE, SCHEMA, read_keyring
from generator.ecert.keys import SigningKeyError, kid_of, new_private_key, public_text, write_private_key
from generator.errors import CatalogueError, Problem
from generator.inputs.paths import enclosing, replace_text
from generator.load.files import display_path
from generator.load.yamlio import YamlFileError, load_located

DEFAULT_ISSUER = "JLVSC"


@dataclass(frozen=True)
class Rotation:
    kid: str
    ended: str | None  # kid of the key that stopped signing
    ended_as: str | None  # retired | compromised
    catalogue_file: Path
    key_file: Path


def today() -> dt.date:
    return dt.datetime.now(CHINA).date()


def refuse_inside(target: Path, folders: list[Path]) -> None:
    """A private key may not be written inside the project: it could end up in a commit."""
    folder = enclosing(target, folders)
    if folder is not None:
        raise SigningKeyError(f"{target}: a private key may not be written inside {folder} (it would sit "
                              "next to files that are committed and published); write it outside the "
                              "repository, e.g. to a removable drive or a secrets store")


def _entry(kid: str, public: str, day: dt.date, note: str) -> str:
    lines = [f'  - kid: "{kid}"', "    algorithm: ES256", f"    public_key: {public}",
             f"    valid_from: {day.isoformat()}", "    status: active"]
    if note:
        lines.append(f"    note: {note}")
    return "\n".join(lines) + "\n"


def _new_file(issuer: str) -> str:
    return (f"# yaml-language-server: $schema=schemas/{SCHEMA}\n"
            "# 电子证书的签名公钥，发布在网站的 /verify/keys.json。私钥从不放进仓库。\n"
            f"issuer: {issuer}\nkeys:\n")


def rotated_text(path: Path, display_root: Path, new_kid: str, new_public: str, day: dt.date, *,
                 compromised: bool, note: str, issuer: str) -> tuple[str, str | None, str | None]:
    """The keys file with the new key added and the active one ended; (text, ended kid, ended as)."""
    if not path.exists():
        return _new_file(issuer) + _entry(new_kid, new_public, day, note), None, None
    text = path.read_text(encoding="utf-8")
    try:
        located = load_located(path, display_path(path, display_root))
    except YamlFileError as exc:
        raise CatalogueError([exc.problem]) from None
    lines = text.split("\n")
    ended = ended_as = None
    keyring, problems = read_keyring(path.parent, display_root)
    if problems:
        raise CatalogueError(problems)
    assert keyring is not None
    for index, key in enumerate(keyring.keys):
        if key.status != "active":
            continue
        ended, ended_as = key.kid, "compromised" if compromised or key.development else "retired"
        line, _column = located.where(("keys", index, "status"))
        indent = lines[line - 1][:len(lines[line - 1]) - len(lines[line - 1].lstrip())]
        if lines[line - 1].strip() != "status: active":
            raise SigningKeyError(f"{path}:{line}: expected the line 'status: active' of key {key.kid}")
        lines[line - 1] = f"{indent}status: {ended_as}"
        lines.insert(line - 1, f"{indent}valid_until: {day.isoformat()}")
    body = "\n".join(lines)
    if not body.endswith("\n"):
        body += "\n"
    return body + _entry(new_kid, new_public, day, note), ended, ended_as


def rotate(catalogue_dir: Path, key_file: Path, *, display_root: Path, day: dt.date | None = None,
           compromised: bool = False, note: str = "", issuer: str = DEFAULT_ISSUER,
           forbidden: list[Path] | None = None) -> Rotation:
    refuse_inside(key_file, forbidden or [])
    day = day or today()
    key = new_private_key()
    kid = kid_of(key.public_key()).hex()
    path = catalogue_dir / KEYS_FILE
    text, ended, ended_as = rotated_text(path, display_root, kid, public_text(key.public_key()), day,
                                         compromised=compromised, note=note, issuer=issuer)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch)
        (trial / "schemas").mkdir()
        (trial / "schemas" / SCHEMA).write_bytes((catalogue_dir / "schemas" / SCHEMA).read_bytes())
        (trial / KEYS_FILE).write_text(text, encoding="utf-8")
        _keyring, problems = read_keyring(trial, trial)
        if problems:  # reported against the real file, where the new text would go
            shown = display_path(path, display_root)
            raise CatalogueError([Problem(shown, p.line, p.column, p.field, p.message) for p in problems])
    write_private_key(key, key_file)
    replace_text(path, text)
    return Rotation(kid, ended, ended_as, path, key_file)
