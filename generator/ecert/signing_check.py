"""What the build does with the signing key: nothing but check it.

The build signs nothing; electronic certificates are signed by `skills-site certificate
electronic` wherever the key is kept. A production build still requires the private key in
`SKILLS_SITE_SIGNING_KEY` and checks that its public half is the active key of
`catalogue/signing-keys.yaml`, so that a site whose published keys cannot verify what the key in
use signs (a rotation merged without its key, or a key changed without publishing it) is refused
before it goes live. It also refuses to publish the development key as anything but compromised:
its private half follows from a published seed. A sample build needs no key; when one is given
and does not fit, it says so.
"""

from __future__ import annotations

from generator.ecert.keyring import KEYS_FILE, Keyring
from generator.ecert.keys import ENV, SigningKeyError, is_development, key_from_environment, kid_of
from generator.errors import BuildError


def signing_problem(keyring: Keyring | None, env: dict[str, str] | None = None) -> str | None:
    """Why the key in the environment cannot sign for this catalogue, or None when it can."""
    try:
        key = key_from_environment(env)
    except SigningKeyError as exc:
        return str(exc)
    if key is None:
        return f"{ENV} is not set or empty (expected the PEM private key of the active signing key)"
    public = key.public_key()
    kid = kid_of(public).hex()
    if is_development(public):
        return f"{ENV} holds the published development key {kid}, which anyone can sign with"
    entry = keyring.by_kid(kid) if keyring else None
    if entry is None:
        return (f"the key in {ENV} ({kid}) is not published in catalogue/{KEYS_FILE}, so nothing it signs "
                "would verify (publish it with skills-site keys rotate, or set the active key)")
    if entry.status != "active":
        return (f"the key in {ENV} ({kid}) is {entry.status} in catalogue/{KEYS_FILE} "
                "(expected the active key)")
    return None


def published_development_key(keyring: Keyring | None) -> str | None:
    for key in keyring.keys if keyring else ():
        if key.development and key.status != "compromised":
            return (f"catalogue/{KEYS_FILE} publishes the development key {key.kid} as {key.status}: anyone "
                    "can sign with it (skills-site keys rotate marks it compromised)")
    return None


def check_signing_key(keyring: Keyring | None, *, production: bool,
                      env: dict[str, str] | None = None) -> str | None:
    """Raise BuildError when a production build may not publish; otherwise a warning or None."""
    if production:
        problem = signing_problem(keyring, env) or published_development_key(keyring)
        if problem:
            raise BuildError(f"production build refused: {problem}. A production site publishes the public "
                             f"key of the key that signs its electronic certificates; provide that private "
                             f"key as the environment variable {ENV}.")
        return None
    if key_from_environment_is_set(env):
        problem = signing_problem(keyring, env)
        if problem:
            return f"signing key: {problem}; a production build would refuse it"
    return None


def key_from_environment_is_set(env: dict[str, str] | None) -> bool:
    import os

    return bool((os.environ if env is None else env).get(ENV, "").strip())
