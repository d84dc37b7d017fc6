"""The published signing keys: `catalogue/signing-keys.yaml`, checked with the catalogue and
published as `/verify/keys.json`.

Each key has an id, a public key, a validity period and a status. What a key verifies:

* active: certificates signed on or after `valid_from` (at most one key is active: the one that signs);
* retired: certificates signed from `valid_from` to `valid_until`, so what it signed while it was in
  use stays valid after a rotation;
* compromised: nothing, whenever it was signed (whoever has the key can write any date).

Days are China Standard Time (UTC+8), the day the issuing staff see on their calendar. The file is
optional: without it the site publishes an empty key list and no electronic certificate verifies.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from generator.codes import parse_date
from generator.ecert.keys import is_development, kid_of, load_public_text
from generator.errors import CatalogueError, Problem
from generator.inputs.files import CATALOGUE_FILE_LIMIT
from generator.inputs.refday import ReferenceDay, reference_day
from generator.load.files import display_path
from generator.load.yamlio import LocatedFile, YamlFileError, load_located

KEYS_FILE = "signing-keys.yaml"
SCHEMA = "signing-keys.schema.json"
KEYS_JSON = "keys.json"
KEYS_FORMAT = "jlvsc-keys"
KEYS_VERSION = 1
CHINA = dt.timezone(dt.timedelta(hours=8))
STATUSES = ("active", "retired", "compromised")


@dataclass(frozen=True)
class PublishedKey:
    kid: str  # 16 hex digits
    public_key: ec.EllipticCurvePublicKey
    public_text: str
    valid_from: dt.date
    valid_until: dt.date | None
    status: str
    note: str = ""

    @property
    def development(self) -> bool:
        return is_development(self.public_key)

    def verifies_on(self, day: dt.date) -> bool:
        """Whether a certificate signed on `day` (China time) verifies with this key."""
        if self.status == "compromised" or day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True)
class Keyring:
    issuer: str
    keys: tuple[PublishedKey, ...]

    @property
    def active(self) -> PublishedKey | None:
        return next((k for k in self.keys if k.status == "active"), None)

    def by_kid(self, kid: str) -> PublishedKey | None:
        return next((k for k in self.keys if k.kid == kid), None)


def china_day(timestamp: int) -> dt.date:
    return dt.datetime.fromtimestamp(timestamp, CHINA).date()


def keys_path(catalogue_dir: Path) -> Path:
    return catalogue_dir / KEYS_FILE


def read_keyring(catalogue_dir: Path, display_root: Path) -> tuple[Keyring | None, list[Problem]]:
    """The keys of the catalogue and every problem of the file; (None, []) when there is no file."""
    from generator.validate.schema import Schemas

    path = keys_path(catalogue_dir)
    if not path.exists() or path.is_symlink():  # a link is reported by the catalogue's layout check
        return None, []
    display = display_path(path, display_root)
    try:
        located = load_located(path, display, CATALOGUE_FILE_LIMIT)
    except YamlFileError as exc:
        return None, [exc.problem]
    except OSError as exc:
        return None, [Problem(display, 0, 0, "", f"cannot read the file: {exc.strerror} "
                                                 "(expected a readable file)")]
    schemas = Schemas(catalogue_dir / "schemas", lambda p: display_path(p, display_root))
    problems = schemas.problems + schemas.check(located, SCHEMA)
    problems += _modeline(path, located)
    if problems:
        return None, problems
    return _rules(located, reference_day(catalogue_dir))


def check_keyring(catalogue_dir: Path, display_root: Path) -> list[Problem]:
    return read_keyring(catalogue_dir, display_root)[1]


def load_keyring(catalogue_dir: Path, display_root: Path) -> Keyring | None:
    """The keys of a catalogue; raises CatalogueError when the file has problems."""
    keyring, problems = read_keyring(catalogue_dir, display_root)
    if problems:
        raise CatalogueError(problems)
    return keyring


def _modeline(path: Path, located: LocatedFile) -> list[Problem]:
    expected = f"# yaml-language-server: $schema=schemas/{SCHEMA}"
    first = path.read_text(encoding="utf-8").removeprefix("\ufeff").split("\n", 1)[0].rstrip()
    if first == expected:
        return []
    return [Problem(located.path, 1, 1, "", f"the first line is not the schema line (expected '{expected}', "
                                             "which gives editors completion and checks)")]


def _rules(located: LocatedFile, day: ReferenceDay) -> tuple[Keyring | None, list[Problem]]:
    data = located.data
    problems: list[Problem] = []
    keys: list[PublishedKey] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["keys"]):
        def bad(field: str, message: str, index: int = index) -> None:
            problems.append(located.problem(("keys", index, field), message))

        try:
            public = load_public_text(item["public_key"])
        except ValueError as exc:
            bad("public_key", str(exc))
            continue
        kid = kid_of(public).hex()
        if item["kid"] != kid:
            bad("kid", f"'{item['kid']}' is not the id of this public key (expected '{kid}', which follows "
                       "from the key)")
        if item["kid"] in seen:
            bad("kid", f"'{item['kid']}' is listed twice (also keys[{seen[item['kid']]}]; expected each key "
                       "once)")
        seen.setdefault(item["kid"], index)
        start = parse_date(item["valid_from"])
        end = parse_date(item["valid_until"]) if "valid_until" in item else None
        for field, value in (("valid_from", start), ("valid_until", end)):
            if field in item and value is None:
                bad(field, f"'{item[field]}' is not a date (expected a real day written YYYY-MM-DD)")
            elif value is not None and day.after(value):
                bad(field, day.future(value))
        status = item["status"]
        if status == "retired" and "valid_until" not in item:
            bad("status", "a retired key has no valid_until (expected the last day it signed, which "
                          "keys rotate writes)")
        if status == "active" and "valid_until" in item:
            bad("valid_until", "an active key has an end date (expected none: set status: retired when it "
                               "stops signing)")
        if start and end and end < start:
            bad("valid_until", f"{end} is before valid_from {start} (expected the same day or later)")
        if start:
            keys.append(PublishedKey(item["kid"], public, item["public_key"], start, end, status,
                                     item.get("note", "")))
    active = [i for i, item in enumerate(data["keys"]) if item["status"] == "active"]
    for index in active[1:]:
        problems.append(located.problem(("keys", index, "status"), f"a second active key (keys[{active[0]}] "
                                                                   "is active; expected one key that signs)"))
    if problems:
        return None, problems
    return Keyring(data["issuer"], tuple(keys)), []


def keys_document(keyring: Keyring | None) -> dict[str, object]:
    """What `/verify/keys.json` holds: the issuer, and per key its id, JWK, period and status."""
    from generator.ecert.transport import PREFIX

    keys = []
    for key in keyring.keys if keyring else ():
        numbers = key.public_key.public_numbers()
        keys.append({
            "kid": key.kid, "alg": "ES256", "status": key.status,
            "valid_from": key.valid_from.isoformat(),
            "valid_until": key.valid_until.isoformat() if key.valid_until else None,
            "development": key.development,
            "jwk": {"kty": "EC", "crv": "P-256", "x": _b64url(numbers.x), "y": _b64url(numbers.y)},
        })
    return {"format": KEYS_FORMAT, "version": KEYS_VERSION, "issuer": keyring.issuer if keyring else "",
            "prefix": PREFIX, "keys": keys}


def write_keys_json(keyring: Keyring | None, verify_dir: Path) -> Path:
    import os

    verify_dir.mkdir(parents=True, exist_ok=True)
    target = verify_dir / KEYS_JSON
    text = json.dumps(keys_document(keyring), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    target.write_text(text, encoding="utf-8")
    os.utime(target, (0, 0))
    return target


def _b64url(value: int) -> str:
    import base64

    return base64.urlsafe_b64encode(value.to_bytes(32, "big")).decode("ascii").rstrip("=")
