"""Faulty catalogue files, each checked with `skills-site check`: one fault kind per case."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.hostile import alias_bomb
from tests.certificates.conftest import HEADER, certificate_text
from tests.hostile.project import (
    CASTING,
    CASTING_CERTS,
    DAY,
    WELDING,
    WELDING_CERTS,
    Fault,
    casting_record,
    edit,
    welding_record,
    write,
)

MODELINE = "# yaml-language-server: $schema=../schemas/enterprise.schema.json\n"
CHECK = ["check"]
LINK = ("the file is a symbolic link (expected a regular file: links are not followed, so that nothing "
        "outside the catalogue is read or published)")
ANCHOR = "anchors and aliases are not used in the catalogue (expected every value written out)"
ALIAS = "aliases and anchors are not used in the catalogue (expected every value written out)"
NO_TAGS = "is not used in the catalogue (expected plain values, lists and mappings without tags)"
CONTROL = ("cannot appear in a YAML file (expected text without control characters; delete it, it is "
           "often left by copying from another program)")
STRAY = "has no place in the catalogue (expected {}; other files are never read, so nothing in them " \
        "would be published or checked)"
FUTURE = f"is in the future (expected a date no later than {DAY})"


def check(*changes: tuple[str, str, str]):  # type: ignore[no-untyped-def]
    """A setup that makes text edits (path, old, new) and runs `check`."""
    def setup(root: Path) -> list[str]:
        for relative, old, new in changes:
            edit(root, relative, old, new)
        return CHECK
    return setup


def writing(relative: str, text: str | bytes):  # type: ignore[no-untyped-def]
    def setup(root: Path) -> list[str]:
        write(root, relative, text)
        return CHECK
    return setup


def appending(relative: str, text: str):  # type: ignore[no-untyped-def]
    def setup(root: Path) -> list[str]:
        path = root / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        return CHECK
    return setup


def linking(relative: str, target: str, *, folder: bool = False):  # type: ignore[no-untyped-def]
    """Replace `relative` (or add it) by a link to `target`, outside the catalogue."""
    def setup(root: Path) -> list[str]:
        path = root / relative
        if path.is_dir():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        elif path.exists():
            path.unlink()
        os.symlink(target, path, target_is_directory=folder)
        return CHECK
    return setup


def welding_certificates(*records: str, label: str = "2020-06") -> str:
    return certificate_text(*records, label=label)


def sized(relative: str, size: int):  # type: ignore[no-untyped-def]
    """The file made `size` bytes long (a sparse file: nothing is written but the length)."""
    def setup(root: Path) -> list[str]:
        with open(root / relative, "r+b") as handle:
            handle.truncate(size)
        return CHECK
    return setup


def fifo(relative: str):  # type: ignore[no-untyped-def]
    def setup(root: Path) -> list[str]:
        os.mkfifo(root / relative)
        return CHECK
    return setup


def eleven_faults(root: Path) -> list[str]:
    """Faults in batches.yaml, in both enterprise files and in both certificate files at once."""
    edit(root, "catalogue/batches.yaml", "name: 第一批", "name: [第一批")
    edit(root, WELDING, "phone: 0431-80000901", "phone: 电话")
    edit(root, WELDING, "date: 2021-09-01", "date: 2099-09-01")
    edit(root, CASTING, "industry: equipment", "industry: equipmint")
    edit(root, CASTING, "address: 吉林省长春市测试路 1 号", "address: 吉林省长春市测试路 1 号\nfax: 1")
    edit(root, WELDING_CERTS, "name: 张伟", "name: 张 伟")
    edit(root, WELDING_CERTS, 'id_number: "220102199202022241"', 'id_number: "220102199202022240"')
    edit(root, WELDING_CERTS, "level: 4, issued: 2020-06-18,", "level: 7, issued: 2020-06-18,")
    edit(root, CASTING_CERTS, "issued: 2020-06-18,", "issued: 2020-06-31,")
    edit(root, CASTING_CERTS, "sample: true", "sample: yes")
    repeated = casting_record(1).replace("}", ', query_code: "ZZZZ2222ZZZZ"}')  # same number, own code
    write(root, "catalogue/certificates/test-casting/2020-07.yaml",
          certificate_text(repeated, enterprise="test-casting", label="2020-07"))
    return CHECK


def broken_levels_and_a_broken_certificate(root: Path) -> list[str]:
    edit(root, "catalogue/reference/levels.yaml", "levels:", "levels: &all")
    edit(root, "catalogue/reference/revocation-reasons.yaml", "revocation_reasons:", "revocation_reasons: [")
    edit(root, WELDING_CERTS, "name: 张伟", "name: 张3")
    return CHECK


def broken_enterprise_with_a_broken_certificate_file(root: Path) -> list[str]:
    edit(root, WELDING, "credit_code: 91220102MA0TEPT01T", "credit_code: [91220102MA0TEPT01T")
    write(root, "catalogue/certificates/test-welding/2020-07.yaml",
          HEADER + "enterprise: test-welding\nlabel: 2020-07\nsample: true\ncertificates: *all\n")
    return CHECK


CERT = WELDING_CERTS
CASES = [
    # YAML constructs the catalogue never uses, refused before anything is built from them
    Fault("alias bomb", writing(WELDING, MODELINE + alias_bomb()),
          (f"{WELDING}:2:4: '&a' is an {ANCHOR.replace('anchors', 'anchor: anchors', 1)}",)),
    Fault("alias as the certificate list", writing(CERT, HEADER + "enterprise: test-welding\nlabel: 2020-06\n"
                                                   "sample: true\ncertificates: *i\n"),
          (f"{CERT}:6:15: '*i' is an alias: {ALIAS}",)),
    Fault("self-referencing alias", appending(WELDING, "loop: &l [*l]\n"),
          (f"{WELDING}:38:7: '&l' is an anchor: {ANCHOR}",)),
    Fault("20,000 nested brackets", appending(WELDING, "deep: " + "[" * 20000 + "]" * 20000 + "\n"),
          (f"{WELDING}:38:26: lists and mappings are nested more than 20 levels deep here "
           "(expected at most 20 levels)",)),
    Fault("a list as a key", appending(WELDING, "? [a, b]\n: 1\n"),
          (f"{WELDING}:38:3: a key here is a list (expected a field name: keys are plain text, never lists "
           "or mappings)",)),
    Fault("a flow list as a key", check((CERT, "{number: Y000022000901204000002", "{[x]: 1, number: "
                                                                               "Y000022000901204000002")),
          (f"{CERT}:8:6: a key here is a list (expected a field name: keys are plain text, never lists or "
           "mappings)",)),
    Fault("an integer key", appending(WELDING, "1: x\n"),
          (f"{WELDING}:38:1: the key 1 is read as an integer (expected a field name in text; put it in "
           "quotes if it is meant as text)",)),
    Fault("a null key", appending(WELDING, "~: x\n"),
          (f"{WELDING}:38:1: the key null is read as null (expected a field name in text; put it in quotes "
           "if it is meant as text)",)),
    Fault("a binary tag", check((WELDING, "name: 测试焊接装备有限公司", "name: !!binary 5rWL6K+V")),
          (f"{WELDING}:4:7: the tag !!binary {NO_TAGS}",)),
    Fault("a Python tag", check((WELDING, "name: 测试焊接装备有限公司", "name: !!python/object:os.system 1")),
          (f"{WELDING}:4:7: the tag !!python/object:os.system {NO_TAGS}",)),
    Fault("a local tag", check((WELDING, "occupations:", "occupations: !custom")),
          (f"{WELDING}:18:14: the tag !custom {NO_TAGS}",)),
    Fault("a merge key", appending(WELDING, "<<: {summary: 合并}\n"),
          (f"{WELDING}:38:1: '<<' has a special meaning in YAML that the catalogue does not use (expected a "
           "field name or a value; quote it)",)),
    Fault("a second document", appending(WELDING, "---\nid: other\n"),
          (f"{WELDING}:38:1: a second YAML document starts here (expected one document per file)",)),
    Fault("an integer too long to read", check((WELDING, "batch: 1", "batch: " + "9" * 5000)),
          (f"{WELDING}:9:8: '{'9' * 40}' cannot be read as an integer (expected a value YAML can read; put "
           "it in quotes to keep it as text)",)),
    # size, bytes and syntax
    Fault("an enterprise file over its size limit", sized(WELDING, 1_000_001),
          (f"{WELDING}:0:0: the file has 1,000,001 bytes, more than the limit of 1,000,000 bytes (expected a "
           "smaller file; a long certificate list can be split into several files)",)),
    Fault("a certificate file over its size limit", sized(CERT, 64_000_001),
          (f"{CERT}:0:0: the file has 64,000,001 bytes, more than the limit of 64,000,000 bytes (expected a "
           "smaller file; a long certificate list can be split into several files)",)),
    Fault("a NUL byte on line 5", check((WELDING, "credit_code: 91220102MA0TEPT01T",
                                         "credit_code: 91220102\x00MA0TEPT01T")),
          (f"{WELDING}:5:22: the character U+0000 (NUL) {CONTROL}",)),
    Fault("a DEL character", check((CERT, "name: 张伟", "name: 张\x7f伟")),
          (f"{CERT}:7:45: the character U+007F (DEL) {CONTROL}",)),
    Fault("a non-character", check((WELDING, "address: 吉林省", "address: 吉林\ufffe省")),
          (f"{WELDING}:11:12: the character U+FFFE {CONTROL}",)),
    Fault("an unclosed brace", check((WELDING, "levels: {from: 5, to: 2}", "levels: {from: 5, to: 2")),
          (f"{WELDING}:20:13: malformed YAML: the '{{' here is never closed (expected '}}' before line 21, "
           "column 12)",)),
    Fault("an unclosed bracket", check((WELDING, "methods: [assessment]\n  - code: 6-18-01-01",
                                        "methods: [assessment\n  - code: 6-18-01-01")),
          (f"{WELDING}:21:14: malformed YAML: the '[' here is never closed (expected ']' before line 22, "
           "column 9)",)),
    Fault("an unclosed quote", check((WELDING, "name: 测试焊接装备有限公司", 'name: "测试焊接装备有限公司')),
          (f"{WELDING}:4:7: malformed YAML: the quoted text starting here is never closed (expected a "
           "closing quote before line 38, column 1)",)),
    Fault("a byte that is not UTF-8", check((WELDING, "name: 测试", "name: \udcff测试")),
          (f"{WELDING}:4:7: byte 0xFF is not valid UTF-8 (expected a UTF-8 text file; save it again as "
           "UTF-8)",)),
    Fault("a tab as indentation", check((WELDING, "    role: 人力资源部", "\trole: 人力资源部")),
          (f"{WELDING}:16:1: malformed YAML: while scanning a plain scalar, found a tab character that "
           "violates indentation (expected valid YAML syntax)",)),
    Fault("a duplicate key", appending(WELDING, "name: 重复\n"),
          (f"{WELDING}:38:1: duplicate key 'name' (expected each key once per mapping)",)),
    Fault("an empty file", writing(WELDING, ""),
          (f"{WELDING}:1:1: the file is empty (expected a YAML mapping)",)),
    # links and files outside the layout
    Fault("an enterprise file linking to a system file",
          linking("catalogue/enterprises/evil.yaml", "/etc/passwd"),
          (f"catalogue/enterprises/evil.yaml:0:0: {LINK}",)),
    Fault("a certificate folder linking outside", linking("catalogue/certificates/test-casting", "/etc",
                                                          folder=True),
          (f"catalogue/certificates/test-casting:0:0: {LINK}",)),
    Fault("a certificate file linking outside", linking(CERT, "/etc/hostname"),
          (f"{CERT}:0:0: {LINK}",)),
    Fault("a reference file linking outside", linking("catalogue/reference/methods.yaml", "/etc/passwd"),
          ("catalogue/reference/methods.yaml:0:0: " + LINK,)),
    Fault("a stray file at the top", writing("catalogue/evil.yaml", "x: 1\n"),
          ("catalogue/evil.yaml:0:0: this file " + STRAY.format(
              "batches.yaml, signing-keys.yaml and the folders reference, schemas, enterprises, "
              "certificates"),)),
    Fault("a stray folder among the reference files",
          writing("catalogue/reference/levels/2020-06.yaml", "x\n"),
          ("catalogue/reference/levels:0:0: this folder " + STRAY.format(
              "the reference files industries.yaml, levels.yaml, methods.yaml, occupations.yaml, "
              "reporting-units.yaml, revocation-reasons.yaml"),)),
    Fault("a stray folder among the enterprises", writing("catalogue/enterprises/old/a.yaml", "x\n"),
          ("catalogue/enterprises/old:0:0: this folder " + STRAY.format(
              "one <id>.yaml file per enterprise, no folders"),)),
    Fault("a named pipe as an enterprise file", fifo("catalogue/enterprises/pipe.yaml"),
          ("catalogue/enterprises/pipe.yaml:0:0: the path is not a regular file (expected a file of text or "
           "a workbook)",)),
    # values matched as whole strings: a final line end is not a match
    Fault("a credit code with a line end", check((WELDING, "credit_code: 91220102MA0TEPT01T",
                                                  'credit_code: "91220102MA0TEPT01X\\n"')),
          (f"{WELDING}:5:14: credit_code: '91220102MA0TEPT01X\\n' does not have the expected form (expected "
           "18 characters from 0-9 and A-Z without I, O, S, V, Z)",)),
    Fault("an evaluation code with a line end", check((WELDING, "evaluation_code: Y000022000901",
                                                       'evaluation_code: "Y000022000901\\n"')),
          (f"{WELDING}:6:18: evaluation_code: 'Y000022000901\\n' does not have the expected form (expected "
           "Y000022 followed by 6 digits, e.g. Y000022000101)",)),
    Fault("an enterprise id with a line end", check((WELDING, "id: test-welding", 'id: "test-welding\\n"')),
          (f"{WELDING}:3:5: id: 'test-welding\\n' does not have the expected form (expected lower-case "
           "letters, digits and hyphens, e.g. changchun-hongda-machinery)",)),
    Fault("a phone number with a line end",
          check((WELDING, "phone: 0431-80000901", 'phone: "0431-80000901\\n"')),
          (f"{WELDING}:17:12: contacts[0].phone: '0431-80000901\\n' does not have the expected form "
           "(expected digits and hyphens, e.g. 0431-88690000)",)),
    Fault("a certificate number with a line end", check((CERT, "number: Y000022000901204000002",
                                                         'number: "Y000022000901204000002\\n"')),
          (f"{CERT}:8:14: certificates[1].number: a certificate number is 22 characters (expected a "
           "capital Y or S followed by 21 digits)",)),
    Fault("an ID number with a line end", check((CERT, 'id_number: "220102199001011239"',
                                                 'id_number: "220102199001011239\\n"')),
          (f"{CERT}:7:59: certificates[0].id_number: an ID number is 17 digits and a check character "
           "(expected 18 characters, the last 0–9 or a capital X)",)),
    Fault("a label with a line end", check((CERT, "label: 2020-06", 'label: "2020-06\\n"')),
          (f"{CERT}:4:8: label: '2020-06\\n' is not an issuing batch label (expected YYYY-MM, optionally "
           "followed by -2, -3 … for a further file that month)",)),
    # nothing dated after the reference day
    Fault("a supervision result in 2099",
          appending(WELDING, "supervision:\n  - date: 2099-01-01\n    kind: process\n    outcome: pass\n"
                             "    summary: 检查通过\n"),
          (f"{WELDING}:39:11: supervision[0].date: 2099-01-01 {FUTURE}",)),
    Fault("a suspension in 2099", appending(WELDING, "  - status: suspended\n    date: 2099-01-01\n"
                                            "    reason: 暂停认定\n    document: 测试〔2099〕1号\n"),
          (f"{WELDING}:39:11: status_history[3].date: 2099-01-01 {FUTURE}",)),
    Fault("a listing in 2099", check((WELDING, "listed_on: 2019-11-15", "listed_on: 2099-11-15"),
                                     (WELDING, "date: 2019-11-15", "date: 2099-11-15")),
          (f"{WELDING}:10:12: listed_on: 2099-11-15 {FUTURE}",
           f"{WELDING}:27:11: status_history[0].date: 2099-11-15 {FUTURE}",
           f"{WELDING}:31:11: status_history[1].date: 2021-03-01 is not after the previous entry's "
           "2099-11-15 (expected entries in date order, each later than the one before)")),
    Fault("a batch published in 2099", check(("catalogue/batches.yaml", "published_on: 2019-11-15",
                                              "published_on: 2099-11-15")),
          (f"catalogue/batches.yaml:6:19: batches[0].published_on: 2099-11-15 {FUTURE}",)),
    Fault("a certificate issued in 2099", check((CERT, "level: 4, issued: 2020-06-18,",
                                                 "level: 4, issued: 2099-06-18,")),
          (f"{CERT}:7:123: certificates[0].issued: 2099-06-18 {FUTURE}",)),
    Fault("a revocation in 2099", check((CERT, '"}\n  - {number: Y000022000901204000002',
                                         '", status: revoked, revoked_on: 2099-01-01, '
                                         'revocation_reason: 1}\n  - {number: Y000022000901204000002')),
          (f"{CERT}:7:192: certificates[0].revoked_on: 2099-01-01 {FUTURE}",)),
    Fault("a certificate file for a month to come", writing(
        "catalogue/certificates/test-welding/2099-01.yaml",
        welding_certificates(welding_record(3), label="2099-01")),
        ("catalogue/certificates/test-welding/2099-01.yaml:4:8: label: the month of 2099-01 has not begun "
         f"(expected a month no later than {DAY})",)),
    # every problem in one run, without follow-on messages
    Fault("eleven faults in five files", eleven_faults, (
        "catalogue/batches.yaml:5:11: malformed YAML: the '[' here is never closed (expected ']' before line "
        "6, column 17)",
        "catalogue/certificates/test-casting/2020-06.yaml:5:9: sample: sample must be true or false "
        "(expected true for synthetic sample data)",
        "catalogue/certificates/test-casting/2020-06.yaml:7:14: certificates[0].number: the same number is "
        "also at catalogue/certificates/test-casting/2020-07.yaml:7:14 (expected each certificate number "
        "once in the whole catalogue)",
        "catalogue/certificates/test-casting/2020-06.yaml:7:123: certificates[0].issued: '2020-06-31' is not "
        "a real date (expected YYYY-MM-DD)",
        "catalogue/certificates/test-casting/2020-07.yaml:7:14: certificates[0].number: the same number is "
        "also at catalogue/certificates/test-casting/2020-06.yaml:7:14 (expected each certificate number "
        "once in the whole catalogue)",
        f"{CERT}:7:44: certificates[0].name: character 2 is a space (expected the canonical form: no spaces, "
        "middle dots written as U+00B7 ·)",
        f"{CERT}:7:113: certificates[0].level: 7 is not a level code (expected an integer 1–5)",
        f"{CERT}:8:59: certificates[1].id_number: the check character is 0 (expected 1 by GB 11643-1999)",
        f"{CASTING}:7:11: industry: 'equipmint' is not an industry (expected an id from "
        "catalogue/reference/industries.yaml; did you mean 'equipment'?)",
        f"{CASTING}:12:1: fax: unknown key (expected one of: id, name, summary, credit_code, "
        "evaluation_code, industry, reporting_unit, batch, listed_on, address, assessment_body, "
        "supervisory_body, subsidiaries, contacts, occupations, status_history, supervision)",
        f"{WELDING}:17:12: contacts[0].phone: '电话' does not have the expected form (expected digits and "
        "hyphens, e.g. 0431-88690000)",
        f"{WELDING}:35:11: status_history[2].date: 2099-09-01 {FUTURE}",
    )),
    Fault("broken levels and revocation reasons hide nothing of the certificate files",
          broken_levels_and_a_broken_certificate, (
              f"{CERT}:7:44: certificates[0].name: character 2 (U+0033 DIGIT THREE) is not a Chinese "
              "character (expected Chinese characters, with U+00B7 · between the parts of a name)",
              "catalogue/reference/levels.yaml:3:9: '&all' is an anchor: " + ANCHOR,
              "catalogue/reference/revocation-reasons.yaml:4:3: malformed YAML: while parsing a flow node, "
              "did not find expected node content (expected valid YAML syntax)",
          )),
    Fault("a broken enterprise file hides nothing of its certificate files",
          broken_enterprise_with_a_broken_certificate_file, (
              "catalogue/certificates/test-welding/2020-07.yaml:6:15: '*all' is an alias: " + ALIAS,
              f"{WELDING}:5:14: malformed YAML: the '[' here is never closed (expected ']' before line 6, "
              "column 16)",
          )),
]
