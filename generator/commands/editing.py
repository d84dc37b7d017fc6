"""`skills-site enterprise …` and `skills-site certificate revoke`: staff editing commands.

Each command parses its arguments and calls the editing library; the library checks the whole
catalogue as it would be and raises EditError (a CatalogueError) with nothing written on any
problem, which `skills-site` prints one per line with exit code 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.ecert import add_electronic_command
from generator.commands.failures import catalogue_folder, existing_file
from generator.inputs.identifiers import check_id

ENTERPRISE_FIELDS = (  # option, keyword of add_enterprise_scaffold, what staff type
    ("--name", "name", "企业名称"),
    ("--credit-code", "credit_code", "统一社会信用代码（18 位）"),
    ("--evaluation-code", "evaluation_code", "评价机构编码（13 位，如 Y000022000101）"),
    ("--industry", "industry", "行业标识，见 reference/industries.yaml，如 equipment"),
    ("--reporting-unit", "reporting_unit", "推报单位标识，见 reference/reporting-units.yaml，如 changchun"),
    ("--batch", "batch", "批次序号，如 1"),
    ("--address", "address", "地址"),
    ("--assessment-body", "assessment_body", "实施鉴定机构"),
    ("--supervisory-body", "supervisory_body", "监管服务机构"),
)


def _split(value: str, option: str, least: int, most: int, what: str) -> list[str]:
    parts = [p.strip() for p in value.replace("，", ",").split(",")]
    if not least <= len(parts) <= most or not all(parts[:least]):
        raise argparse.ArgumentTypeError(f"{option} {value!r}: expected {what}")
    return parts + [""] * (most - len(parts))


def contact(value: str) -> dict[str, str]:
    name, phone, role, email = _split(value, "--contact", 2, 4, "姓名,电话[,职务[,电子邮箱]]")
    return {"name": name, "phone": phone, "role": role, "email": email}


def subsidiary(value: str) -> dict[str, str]:
    name, address, note = _split(value, "--subsidiary", 2, 3, "名称,地址[,备注]")
    return {"name": name, "address": address, "note": note}


def occupation(value: str) -> dict[str, object]:
    """`6-18-02-04:5-3:assessment,process[:工种]` -> a Scope's keywords."""
    expected = ("职业编码:起始等级-最高等级:评价方式[,评价方式…][:工种], "
                "e.g. 6-18-02-04:5-3:assessment,process")
    parts = value.split(":")
    levels = parts[1].split("-") if len(parts) in (3, 4) else []
    if len(levels) != 2 or not all(x.strip().isdigit() for x in levels):
        raise argparse.ArgumentTypeError(f"--occupation {value!r}: expected {expected}")
    methods = tuple(m.strip() for m in parts[2].split(",") if m.strip())
    return {"code": parts[0].strip(), "level_from": int(levels[0]), "level_to": int(levels[1]),
            "methods": methods, "work_type": parts[3].strip() if len(parts) == 4 else ""}


def cmd_template_enterprise(args: argparse.Namespace) -> int:
    from generator.edit import write_enterprise_form_template

    out = args.out or Path("附件1-基本情况.xlsx")
    write_enterprise_form_template(out, catalogue_dir=catalogue_folder(args.catalogue))
    print(f"已生成附件1表格 / wrote {out}")
    return 0


def cmd_enterprise_add(args: argparse.Namespace) -> int:
    from generator.edit import add_enterprise_from_form, add_enterprise_scaffold

    if (args.id is None) == (args.form is None):
        args.parser.error("give an enterprise id or --from <附件1.xlsx> (exactly one of them)")
    catalogue_folder(args.catalogue)
    if args.form is not None:
        existing_file(args.form, "--from")
        path = add_enterprise_from_form(args.catalogue, args.form, sample=args.sample,
                                        display_root=Path.cwd())
    else:
        missing = [opt for opt, key, _ in ENTERPRISE_FIELDS if getattr(args, key) is None]
        missing += [o for o, v in (("--contact", args.contact), ("--occupation", args.occupation)) if not v]
        if missing:
            args.parser.error(f"enterprise add {args.id}: missing {', '.join(missing)}")
        values = {key: getattr(args, key) for _, key, _ in ENTERPRISE_FIELDS}
        path = add_enterprise_scaffold(
            args.catalogue, args.id, contacts=args.contact, occupations=args.occupation,
            subsidiaries=args.subsidiary or (), summary=args.summary or "", listed_on=args.listed_on,
            reason=args.reason, document=args.document, sample=args.sample, display_root=Path.cwd(),
            **values)
    print(f"已添加企业 / added {path}")
    return 0


def cmd_enterprise_status(args: argparse.Namespace) -> int:
    from generator.edit import change_status

    catalogue_folder(args.catalogue)
    check_id(args.id, "id")
    path = change_status(args.catalogue, args.id, args.action, args.date, args.reason, args.document,
                         display_root=Path.cwd())
    print(f"已记录状态变更 / {args.action} recorded in {path}")
    return 0


def cmd_enterprise_supervise(args: argparse.Namespace) -> int:
    from generator.edit import record_supervision

    catalogue_folder(args.catalogue)
    check_id(args.id, "id")
    path = record_supervision(args.catalogue, args.id, args.date, args.kind, args.outcome, args.summary,
                              args.document, display_root=Path.cwd())
    print(f"已记录督导结果 / supervision recorded in {path}")
    return 0


def cmd_certificate_revoke(args: argparse.Namespace) -> int:
    from generator.certificates import revoke_certificate

    catalogue_folder(args.catalogue)
    path = revoke_certificate(args.catalogue, args.number.strip().upper(), args.date, args.reason,
                              display_root=Path.cwd())
    print(f"已撤销证书 / revoked in {path}")
    return 0


def cmd_certificate_codes(args: argparse.Namespace) -> int:
    from generator.certificates import assign_codes

    result = assign_codes(args.catalogue, enterprise_id=args.enterprise, display_root=Path.cwd())
    if not result.assigned:
        print("每本证书都已有查询码，未做修改 / every certificate already has a code; nothing changed")
        return 0
    print(f"已为 {result.assigned} 本证书生成查询码 / assigned {result.assigned} code(s) in:")
    for path in result.files:
        print(f"  {path}")
    return 0


def add_editing_commands(sub: argparse._SubParsersAction) -> None:
    """Register `enterprise` (add, status, supervise) and `certificate` (revoke)."""
    def catalogue_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--catalogue", type=Path, default=Path("catalogue"))

    enterprise = sub.add_parser("enterprise", help="add an enterprise, change its status, record supervision")
    verbs = enterprise.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("add", help="add an enterprise from a filled 附件1 form or from options")
    p.set_defaults(func=cmd_enterprise_add, parser=p)
    p.add_argument("id", nargs="?", help="the new enterprise's id, e.g. changchun-hongda-machinery")
    p.add_argument("--from", dest="form", type=Path, help="a filled 附件1 form (.xlsx)")
    for option, key, text in ENTERPRISE_FIELDS:
        p.add_argument(option, dest=key, type=int if key == "batch" else str, help=text)
    p.add_argument("--contact", action="append", type=contact,
                   help="姓名,电话[,职务[,电子邮箱]] (repeatable)")
    p.add_argument("--occupation", action="append", type=occupation,
                   help="职业编码:起始等级-最高等级:评价方式[,…][:工种] (repeatable)")
    p.add_argument("--subsidiary", action="append", type=subsidiary, help="名称,地址[,备注] (repeatable)")
    p.add_argument("--summary", help="一句话简介")
    p.add_argument("--listed-on", help="列入目录日期 YYYY-MM-DD (default: the batch's publication date)")
    p.add_argument("--reason", help="first status entry's reason (default: the batch's listing)")
    p.add_argument("--document", help="first status entry's document (default: the batch's document)")
    p.add_argument("--sample", action="store_true", help="mark the file as sample data")
    catalogue_option(p)

    p = verbs.add_parser("status", help="suspend, reinstate or withdraw an enterprise (dated, with reason)")
    p.set_defaults(func=cmd_enterprise_status)
    p.add_argument("id")
    p.add_argument("action", choices=["suspend", "reinstate", "withdraw"])
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--reason", required=True)
    p.add_argument("--document", required=True, help="依据文件文号")
    catalogue_option(p)

    p = verbs.add_parser("supervise", help="record a supervision result")
    p.set_defaults(func=cmd_enterprise_supervise)
    p.add_argument("id")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--kind", required=True, choices=["process", "random", "complaint"])
    p.add_argument("--outcome", required=True, choices=["pass", "rectify", "fail"])
    p.add_argument("--summary", required=True)
    p.add_argument("--document", default=None)
    catalogue_option(p)

    certificate = sub.add_parser("certificate", help="revoke a certificate, assign verification codes, "
                                                     "sign electronic certificates")
    verbs = certificate.add_subparsers(dest="verb", required=True)
    p = verbs.add_parser("revoke", help="mark a certificate revoked (dated, with a reason code)")
    p.set_defaults(func=cmd_certificate_revoke)
    p.add_argument("number")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--reason", required=True, type=int, help="code from reference/revocation-reasons.yaml")
    catalogue_option(p)

    p = verbs.add_parser("codes", help="give every certificate without a verification code (查询码) one")
    p.set_defaults(func=cmd_certificate_codes)
    p.add_argument("--enterprise", default=None, help="only this enterprise's certificates")
    catalogue_option(p)

    add_electronic_command(verbs)
