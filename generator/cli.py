"""`skills-site`: thin commands over the generator library. Each parses its arguments, calls the
library, and turns problems into messages and an exit code (0 ok, 1 problems found, 2 usage)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from generator.commands.ecert import add_keys_commands
from generator.commands.editing import add_editing_commands, cmd_template_enterprise
from generator.commands.failures import catalogue_folder, existing_file, run_guarded
from generator.engine import ENGINES
from generator.errors import BuildError, CatalogueError, Problem, format_json, format_text

Command = Callable[[argparse.Namespace], int]


def _report(problems: list[Problem], as_json: bool) -> int:
    if as_json:
        print(format_json(problems))
    elif problems:
        print(format_text(problems), file=sys.stderr)
        print(f"发现 {len(problems)} 个问题 / {len(problems)} problem(s) found.", file=sys.stderr)
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    from generator.load.catalogue import check_catalogue

    problems = check_catalogue(catalogue_folder(args.catalogue), display_root=Path.cwd())
    if not problems and not args.json:
        print("目录数据检查通过 / catalogue OK")
    return _report(problems, args.json)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import Project, build

    paths = {"catalogue": args.catalogue, "out": args.out}
    project = (Project(args.root, **paths) if args.no_cache
               else Project.with_cache(args.root, **{k: v for k, v in paths.items() if v is not None}))
    project.engine = args.engine
    try:
        report = build(project, production=args.production,
                       on_phase=lambda name: print(f"… {name}", file=sys.stderr))
    except CatalogueError as exc:
        return _report(exc.problems, False)
    for phase in report.phases:
        print(f"{phase.name:<16} {phase.seconds:8.2f} s")
    for warning in report.warnings:
        print(f"注意 / warning: {warning}", file=sys.stderr)
    print(f"已生成网站 / built {project.out} ({report.engine}): {report.enterprises} enterprises, "
          f"{report.certificates} certificates")
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    from generator.cache import BuildCache

    cache = BuildCache(args.root / ".cache")
    if args.prune:
        removed, size = cache.prune(args.keep)
        print(f"已清理 {removed} 项、{size / 1e6:.1f} MB / pruned {removed} entries ({size / 1e6:.1f} MB) "
              f"that none of the last {args.keep} builds used")
    stats = cache.stats()
    builds = len(list((cache.root / "builds").glob("*.used"))) if (cache.root / "builds").is_dir() else 0
    print(f"{'kind':<16} {'entries':>9} {'MB':>10}")
    for kind, (count, size) in sorted(stats.items()):
        print(f"{kind:<16} {count:>9,} {size / 1e6:>10.1f}")
    total = sum(size for _count, size in stats.values())
    print(f"{'total':<16} {sum(c for c, _s in stats.values()):>9,} {total / 1e6:>10.1f}  "
          f"({builds} build record(s) in {cache.root})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import functools
    import http.server

    site = args.out.resolve()
    if not (site / "index.html").exists():
        print(f"{site}: no built site here; run `skills-site build` first", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except (OSError, OverflowError) as exc:
        print(f"serve: cannot listen on {args.host}:{args.port}: {getattr(exc, 'strerror', None) or exc}",
              file=sys.stderr)
        return 1
    with server:
        print(f"网站已启动 / serving {site} at http://{args.host}:{args.port}/ (Ctrl+C 停止)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from generator.synth import synthesize

    try:
        synthesize(args.out, enterprises=args.enterprises, certificates=args.certificates, seed=args.seed)
    except (FileExistsError, ValueError) as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 1
    print(f"wrote a synthetic catalogue to {args.out}")
    return 0


def cmd_qr(args: argparse.Namespace) -> int:
    from generator.load.catalogue import read_catalogue
    from generator.qr import batch_certificates, find_certificate, write_print_kit

    forbidden = (Path("site"), Path(".build"))  # the kit carries codes: never publish it
    try:
        if args.file is not None:
            existing_file(args.file, "--file")
        catalogue = read_catalogue(catalogue_folder(args.catalogue), display_root=Path.cwd())
        if args.number:
            cert, sample = find_certificate(catalogue, args.catalogue, args.number)
            certificates = [cert]
        else:
            certificates, sample = batch_certificates(catalogue, args.catalogue, args.file.parent.name,
                                                      args.file.stem)
        paths = write_print_kit(certificates, args.base_url, args.out, catalogue=catalogue,
                                forbidden=forbidden, sample=sample)
    except (ValueError, KeyError) as exc:
        print(f"qr: {exc.args[0]}", file=sys.stderr)
        return 1
    print(f"已生成 {len(certificates)} 本证书的查询码和二维码 / wrote the print kit for {len(certificates)} "
          f"certificate(s) to {args.out} ({len(paths)} files: <证书编号>.svg, codes.csv, sheet.html)")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from generator.importer import write_certificate_template

    if args.kind == "enterprise":
        return cmd_template_enterprise(args)
    out = args.out or Path("证书导入模板.xlsx")
    write_certificate_template(out)
    print(f"已生成模板 / wrote {out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importer import SheetError, import_sheet

    try:
        catalogue = catalogue_folder(args.catalogue)
        result = import_sheet(catalogue, existing_file(args.file, "file"), args.enterprise, label=args.label,
                              update=args.update, sample=args.sample)
    except SheetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"未写入任何数据 / nothing written: {len(exc.problems)} problem(s).", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"注意 / note: {note}", file=sys.stderr)
    print(f"新增 {result.added}，更新 {result.updated}，已存在 {result.unchanged} / added {result.added}, "
          f"updated {result.updated}, unchanged {result.unchanged}")
    for path in result.files:
        print(f"  {os.path.relpath(path)}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.review import review

    try:
        print(review(args.repo, args.base, args.head), end="")
    except ValueError as exc:
        print(f"diff: {exc}", file=sys.stderr)
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skills-site", description="吉林省职业技能等级认定试点网站生成工具")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("check", cmd_check, "validate the catalogue and list every problem")
    p.add_argument("--catalogue", type=Path, default=Path("catalogue"))
    p.add_argument("--json", action="store_true", help="print the problems as JSON")

    p = add("build", cmd_build, "validate, render and publish the site into site/")
    p.add_argument("--root", type=Path, default=Path("."))
    p.add_argument("--catalogue", type=Path, default=None)
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--no-cache", action="store_true", help="do not reuse results kept in .cache/")
    p.add_argument("--production", action="store_true",
                   help="refuse to build unless SKILLS_SITE_LOOKUP_SECRET holds 32 random bytes and "
                        "SKILLS_SITE_SIGNING_KEY the active signing key (always so when mkdocs.yml sets "
                        "extra.sample_data: false)")
    p.add_argument("--engine", choices=ENGINES, default=None,
                   help="site engine (default: extra.engine in mkdocs.yml, else mkdocs)")

    p = add("cache", cmd_cache, "show what the build cache holds (--stats), remove unused entries (--prune)")
    p.add_argument("--root", type=Path, default=Path("."))
    p.add_argument("--stats", action="store_true", help="entries and size per kind (the default)")
    p.add_argument("--prune", action="store_true", help="remove entries none of the last --keep builds used")
    p.add_argument("--keep", type=int, default=3, help="builds whose entries are kept (default 3)")

    p = add("serve", cmd_serve, "serve the built site on http://127.0.0.1:8000")
    p.add_argument("--out", type=Path, default=Path("site"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)

    p = add("synth", cmd_synth, "write a deterministic synthetic catalogue (never commit it)")
    p.add_argument("--enterprises", type=int, required=True)
    p.add_argument("--certificates", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)

    p = add("template", cmd_template, "write an Excel template (certificates, or the 附件1 enterprise form)")
    p.add_argument("kind", choices=["certificates", "enterprise"])
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--catalogue", type=Path, default=Path("catalogue"), help="reference lists for the form")

    p = add("import", cmd_import, "import a certificate sheet (.xlsx or .csv) for one enterprise")
    p.add_argument("file", type=Path)
    p.add_argument("--enterprise", required=True, help="the enterprise id, e.g. changchun-hongda-machinery")
    p.add_argument("--label", default=None, help="issuing batch label (file name); default YYYY-MM of issue")
    p.add_argument("--update", action="store_true", help="allow rows that change published certificates")
    p.add_argument("--sample", action="store_true", help="mark a new file as synthetic sample data")
    p.add_argument("--catalogue", type=Path, default=Path("catalogue"))

    p = add("diff", cmd_diff, "Markdown summary of catalogue changes between two git revisions")
    p.add_argument("base")
    p.add_argument("head", nargs="?", default=None, help="default: the working tree")
    p.add_argument("--repo", type=Path, default=Path("."))

    add_editing_commands(sub)
    add_keys_commands(sub)

    p = add("qr", cmd_qr, "write what an enterprise prints: verification codes, QR codes, a printable sheet")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--number", help="one certificate number")
    group.add_argument("--file", type=Path, help="a certificate file: one code per certificate")
    p.add_argument("--base-url", required=True, help="the site's public address, e.g. https://…")
    p.add_argument("--catalogue", type=Path, default=Path("catalogue"))
    p.add_argument("--out", type=Path, default=Path("qr"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run_guarded(args.func, args, debug=args.debug)
    except CatalogueError as exc:
        return _report(exc.problems, getattr(args, "json", False))
    except BuildError as exc:
        print(f"构建失败 / build failed: {exc}", file=sys.stderr)
        return 1
