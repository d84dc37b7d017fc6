"""`skills-site keys new|rotate` and `skills-site certificate electronic`: signing keys and
electronic certificates. Each command parses its arguments and calls `generator.ecert`; problems
become one message per line and exit code 1."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

# Folders that are committed or published: no private key, no electronic certificate goes there.
PROJECT_FOLDERS = ("catalogue", "site", ".build", ".cache")


def _project_folders(root: Path, catalogue: Path | None = None) -> list[Path]:
    folders = [root / name for name in PROJECT_FOLDERS]
    if catalogue is not None:
        folders.append(catalogue)
    if (root / "mkdocs.yml").exists():
        folders.append(root)  # the repository itself
    return folders


def _fail(command: str, message: str) -> int:
    print(f"{command}: {message}", file=sys.stderr)
    return 1


def cmd_keys_new(args: argparse.Namespace) -> int:
    from generator.ecert.keys import SigningKeyError, kid_of, new_private_key, public_text, write_private_key
    from generator.ecert.rotate import refuse_inside

    try:
        refuse_inside(args.out, _project_folders(args.root))
        key = new_private_key()
        write_private_key(key, args.out)
    except SigningKeyError as exc:
        return _fail("keys new", str(exc))
    public = key.public_key()
    print(f"已生成签名私钥 / wrote the private key to {args.out} (readable by you only; keep it outside the "
          "repository)\n"
          f"kid: {kid_of(public).hex()}\npublic_key: {public_text(public)}\n"
          "To publish it, run `skills-site keys rotate` instead, or add these two lines to a new entry of "
          "catalogue/signing-keys.yaml.")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    from generator.ecert.keys import ENV, SigningKeyError
    from generator.ecert.rotate import rotate

    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        return _fail("keys rotate", f"--date {args.date!r} is not a date (expected YYYY-MM-DD)")
    try:
        result = rotate(args.catalogue, args.out, display_root=Path.cwd(), day=day,
                        compromised=args.compromised, note=args.note or "",
                        forbidden=_project_folders(args.root, args.catalogue))
    except SigningKeyError as exc:
        return _fail("keys rotate", str(exc))
    ended = (f"; key {result.ended} is now {result.ended_as}" if result.ended else "")
    print(f"新签名密钥 / new signing key {result.kid} written to {result.key_file}{ended}.\n"
          f"Next: review and merge the change to {result.catalogue_file}; when it is merged, set {ENV} in "
          f"the publishing environment to the contents of {result.key_file} (the production build "
          "refuses to publish until the two match); sign new electronic certificates with --key "
          f"{result.key_file}.")
    return 0


def _signing_time(text: str | None) -> int:
    """Seconds since 1970 of --signed-at (ISO 8601; without an offset, China time), or now."""
    from generator.ecert.issue import now
    from generator.ecert.keyring import CHINA

    if not text:
        return now()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--signed-at {text!r} is not a time (expected ISO 8601, e.g. "
                         "2026-01-05T10:00:00+08:00)") from None
    return int((moment if moment.tzinfo else moment.replace(tzinfo=CHINA)).timestamp())


def _chosen_certificates(args: argparse.Namespace, catalogue):  # type: ignore[no-untyped-def]
    """The certificates named on the command line, or the valid ones of --file; and whether all are
    sample data."""
    from generator.qr import batch_certificates, find_certificate

    if args.file:
        batch, sample = batch_certificates(catalogue, args.catalogue, args.file.parent.name, args.file.stem)
        certificates = [c for c in batch if c.status == "valid"]
        if len(certificates) < len(batch):
            skipped = len(batch) - len(certificates)
            print(f"跳过 {skipped} 本已撤销的证书 / skipped {skipped} revoked certificate(s)",
                  file=sys.stderr)
        return certificates, sample
    found = [find_certificate(catalogue, args.catalogue, n) for n in args.numbers]
    return [c for c, _s in found], all(s for _c, s in found)


def cmd_certificate_electronic(args: argparse.Namespace) -> int:
    from generator.ecert.issue import IssueError, check_folder, sign_certificates, write_electronic
    from generator.ecert.keyring import load_keyring
    from generator.ecert.keys import SigningKeyError, development_key, key_from_environment, load_private_pem
    from generator.load.catalogue import read_catalogue
    from generator.settings import load_settings

    if bool(args.numbers) == bool(args.file):
        args.parser.error("give certificate numbers or --file <certificate file> (exactly one of them)")
    forbidden = _project_folders(args.root, args.catalogue)
    try:
        check_folder(args.out, forbidden)
        when = _signing_time(args.signed_at)
        catalogue = read_catalogue(args.catalogue, display_root=Path.cwd())
        certificates, sample = _chosen_certificates(args, catalogue)
        if not certificates:
            return _fail("certificate electronic", f"{args.file}: no valid certificate to sign")
        key = load_private_pem(args.key.read_bytes(), str(args.key)) if args.key else key_from_environment()
        if key is None and not sample:
            return _fail("certificate electronic", "no signing key: give --key FILE or set "
                         "SKILLS_SITE_SIGNING_KEY (real certificates are never signed with the "
                         "development key)")
        issued = sign_certificates(certificates, catalogue, load_keyring(args.catalogue, Path.cwd()),
                                   key or development_key(), when)
        config = args.root / "mkdocs.yml"
        paths = write_electronic(issued, args.out, catalogue=catalogue, sample=sample, forbidden=forbidden,
                                 site_url=load_settings(config).site_url if config.is_file() else "")
    except OSError as exc:
        return _fail("certificate electronic", f"{exc.filename or args.out}: {exc.strerror or exc}")
    except (IssueError, SigningKeyError, ValueError, KeyError) as exc:
        return _fail("certificate electronic", str(exc.args[0]) if exc.args else str(exc))
    if key is None:
        print("注意 / warning: signed with the published development key (sample data only)", file=sys.stderr)
    print(f"已签发 {len(issued)} 本电子证书 / signed {len(issued)} electronic certificate(s) with key "
          f"{issued[0].key.kid} into {args.out} ({len(paths)} files: <证书编号>.txt, .svg, .html)")
    return 0


def add_keys_commands(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("keys", help="make or rotate the key that signs electronic certificates")
    verbs = keys.add_subparsers(dest="verb", required=True)
    p = verbs.add_parser("new", help="write a new private signing key (PEM) outside the repository")
    p.set_defaults(func=cmd_keys_new)
    p.add_argument("--out", type=Path, required=True, help="the private key file to write "
                   "(never overwritten)")
    p.add_argument("--root", type=Path, default=Path("."), help="the project, where the key may not go")

    p = verbs.add_parser("rotate", help="new key file + one change to catalogue/signing-keys.yaml: the new "
                                        "key becomes active, the old one retired (or --compromised)")
    p.set_defaults(func=cmd_keys_rotate)
    p.add_argument("--out", type=Path, required=True, help="the new private key file "
                   "(outside the repository)")
    p.add_argument("--date", default=None, help="the day of the change, YYYY-MM-DD (default: today, UTC+8)")
    p.add_argument("--compromised", action="store_true",
                   help="the old key leaked: nothing it signed verifies any more")
    p.add_argument("--note", default=None, help="a note on the new key, e.g. why it was rotated")
    p.add_argument("--catalogue", type=Path, default=Path("catalogue"))
    p.add_argument("--root", type=Path, default=Path("."))


def add_electronic_command(verbs: argparse._SubParsersAction) -> None:
    """`certificate electronic`, registered beside `certificate revoke` and `certificate codes`."""
    p = verbs.add_parser("electronic", help="sign electronic certificates: <number>.txt, .svg and .html each")
    p.set_defaults(func=cmd_certificate_electronic, parser=p)
    p.add_argument("numbers", nargs="*", metavar="NUMBER", help="certificate numbers")
    p.add_argument("--file", type=Path, default=None, help="every certificate of one certificate file")
    p.add_argument("--out", type=Path, required=True, help="folder to write into (outside the repository)")
    p.add_argument("--key", type=Path, default=None, help="private key file "
                   "(default: SKILLS_SITE_SIGNING_KEY)")
    p.add_argument("--signed-at", default=None, help="signing time, ISO 8601 with offset (default: now)")
    p.add_argument("--catalogue", type=Path, default=Path("catalogue"))
    p.add_argument("--root", type=Path, default=Path("."))
