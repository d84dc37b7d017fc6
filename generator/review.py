"""The reviewer's summary of a change to the catalogue, as Markdown for a pull-request page.

Pull-request pages are widely readable, so the summary speaks of certificates only in counts (per
kind of change, enterprise, issuing batch, occupation, level and revocation reason): no line is
about one holder, and no name, ID number, certificate number or verification code appears, even
masked. Problem messages have such values replaced by what they are. Every value taken from the
catalogue is escaped, so that no text in a data file can change how the summary reads.
"""

from __future__ import annotations

import re
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from generator.errors import field_path
from generator.load.yamlio import YamlFileError, load_fast
from generator.lookup.code import is_code
from generator.render.labels import STATUS_LABELS

_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_CERT_NUMBER = re.compile(r"(?<![A-Za-z0-9])[YSys][0-9]{21}(?![0-9])")
_CODE = re.compile(r"(?<![A-Za-z0-9])[0-9A-Z]{12}(?![A-Za-z0-9])")


@dataclass
class Snapshot:
    """The catalogue at one revision, read leniently: unreadable files are noted, not fatal."""

    enterprises: dict[str, dict[str, Any]] = field(default_factory=dict)
    certificates: dict[str, dict[str, Any]] = field(default_factory=dict)  # number -> record + enterprise
    unreadable: list[str] = field(default_factory=list)
    levels: dict[int, str] = field(default_factory=dict)  # level code -> 四级/中级工, from the reference data
    reasons: dict[int, str] = field(default_factory=dict)  # revocation reason code -> text


def extract_catalogue(repo: Path, rev: str, dest: Path) -> Path:
    """Write the `catalogue/` folder of git revision `rev` into `dest`."""
    result = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, "catalogue"],
                            capture_output=True, check=False)
    if result.returncode != 0:
        raise ValueError(f"cannot read revision {rev!r}: {result.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=BytesIO(result.stdout)) as archive:
        archive.extractall(dest, filter="data")
    return dest / "catalogue"


def read_snapshot(catalogue: Path) -> Snapshot:
    snap = Snapshot()
    try:
        levels = load_fast(catalogue / "reference" / "levels.yaml", "levels.yaml").get("levels") or []
        snap.levels = {int(item["code"]): f"{item['name']}/{item['title']}" for item in levels}
    except (OSError, YamlFileError, AttributeError, KeyError, TypeError, ValueError):
        pass  # codes are shown as they are
    try:
        reasons = load_fast(catalogue / "reference" / "revocation-reasons.yaml", "revocation-reasons.yaml")
        items = reasons.get("revocation_reasons") or []
        snap.reasons = {int(item["code"]): str(item["text"]) for item in items}
    except (OSError, YamlFileError, AttributeError, KeyError, TypeError, ValueError):
        pass
    for path in sorted((catalogue / "enterprises").glob("*.yaml")):
        try:
            data = load_fast(path, path.name)
        except YamlFileError:
            snap.unreadable.append(f"enterprises/{path.name}")
            continue
        if isinstance(data, dict):
            snap.enterprises[str(data.get("id", path.stem))] = data
    for path in sorted((catalogue / "certificates").glob("*/*.yaml")):
        relative = f"certificates/{path.parent.name}/{path.name}"
        try:
            data = load_fast(path, path.name)
        except YamlFileError:
            snap.unreadable.append(relative)
            continue
        records = data.get("certificates") if isinstance(data, dict) else None
        for record in records or []:
            if isinstance(record, dict) and "number" in record:
                snap.certificates[str(record["number"])] = {**record, "_enterprise": data.get("enterprise"),
                                                            "_file": relative}
    return snap


def _flatten(value: Any, parts: tuple = ()) -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, (*parts, key)))
        return out
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(_flatten(item, (*parts, i)))
        return out
    return {field_path(parts): value}


def _name_of(ent: dict[str, Any]) -> str:
    return str(ent.get("name", ""))


def _status_of(ent: dict[str, Any]) -> str | None:
    history = ent.get("status_history") or []
    last = history[-1] if history and isinstance(history[-1], dict) else {}
    return last.get("status")


def md(value: Any) -> str:
    """Text safe to place inside a line of Markdown (a table cell too; never at a line's start): HTML's
    special characters become entities, the characters of emphasis, code, links and tables are
    backslash-escaped, line breaks become spaces."""
    out = []
    for char in str(value):
        if char in _HTML:
            out.append(_HTML[char])
        elif char in "\r\n\u2028\u2029":
            out.append(" ")
        elif char in _MARKDOWN:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN = frozenset("\\`*_{}[]()!|~$")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * (len(header) - 1) + "---:|"]
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in rows]
    return lines


def _enterprise_lines(base: Snapshot, head: Snapshot) -> list[str]:
    lines = ["### 试点企业", ""]
    added = sorted(set(head.enterprises) - set(base.enterprises))
    removed = sorted(set(base.enterprises) - set(head.enterprises))
    changed = sorted(k for k in set(head.enterprises) & set(base.enterprises)
                     if head.enterprises[k] != base.enterprises[k])
    if not (added or removed or changed):
        lines.append("无变化。")
    for key in added:
        ent = head.enterprises[key]
        lines.append(f"- 新增：**{md(_name_of(ent))}**（{md(key)}，第 {md(ent.get('batch', '?'))} 批）")
    for key in removed:
        name = md(_name_of(base.enterprises[key]))
        lines.append(f"- 删除：**{name}**（{md(key)}）⚠️ 企业应以“退出”状态保留，不宜删除")
    for key in changed:
        old, new = base.enterprises[key], head.enterprises[key]
        before, after = _status_of(old), _status_of(new)
        if before != after:
            lines.append(f"- 状态变更：**{md(_name_of(new))}** {md(STATUS_LABELS.get(before, before))} → "
                         f"{md(STATUS_LABELS.get(after, after))}")
        else:
            lines.append(f"- 修改：**{md(_name_of(new))}**（{md(key)}）")
        flat_old, flat_new = _flatten(old), _flatten(new)
        for path in sorted(set(flat_old) | set(flat_new)):
            if flat_old.get(path) != flat_new.get(path):
                lines.append(f"  - {md(path)}：{_show(flat_old.get(path))} → {_show(flat_new.get(path))}")
    return [*lines, ""]


def _certificate_lines(base: Snapshot, head: Snapshot) -> list[str]:
    """Counts only: no line of this section is about one holder."""
    lines = ["### 证书", ""]
    new_numbers = sorted(set(head.certificates) - set(base.certificates))
    gone = [n for n in set(base.certificates) - set(head.certificates)
            if base.certificates[n]["_file"] not in head.unreadable]  # unreadable is not deleted
    revoked = [n for n in head.certificates if head.certificates[n].get("status") == "revoked"
               and n in base.certificates and base.certificates[n].get("status") != "revoked"]
    changed = [n for n in set(head.certificates) & set(base.certificates)
               if n not in revoked and _strip(head.certificates[n]) != _strip(base.certificates[n])]
    lines += _table(("变更", "本数"), [("新增", len(new_numbers)), ("撤销", len(revoked)),
                                      ("已发布证书内容修改", len(changed)), ("已发布证书删除", len(gone))])
    if new_numbers:
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for number in new_numbers:
            rec = head.certificates[number]
            enterprise = str(rec.get("_enterprise"))
            name = _name_of(head.enterprises.get(enterprise, {})) or enterprise
            level = rec.get("level")
            counts[(name, str(rec.get("_file", "")).rsplit("/", 1)[-1].removesuffix(".yaml"),
                    str(rec.get("occupation")), str(head.levels.get(level, level)))] += 1
        lines += ["", "新增证书（按发证企业、发证批次、职业、等级）：", ""]
        lines += _table(("发证企业", "发证批次", "职业", "等级", "本数"),
                        [(*key, n) for key, n in sorted(counts.items())])
    if revoked:
        reasons: Counter[tuple[str, str]] = Counter()
        for number in revoked:
            rec = head.certificates[number]
            enterprise = str(rec.get("_enterprise"))
            name = _name_of(head.enterprises.get(enterprise, {})) or enterprise
            code = rec.get("revocation_reason")
            reasons[(name, str(head.reasons.get(code, code)))] += 1
        lines += ["", "撤销（按发证企业、撤销原因）：", ""]
        lines += _table(("发证企业", "撤销原因", "本数"), [(*key, n) for key, n in sorted(reasons.items())])
    if gone:
        lines.append(f"\n⚠️ 有 {len(gone)} 本已发布证书从数据中删除（应以“撤销”处理，而非删除）。")
    if changed:
        lines.append(f"\n⚠️ 有 {len(changed)} 本已发布证书的内容被修改。")
    return [*lines, ""]


def summarize(base: Snapshot, head: Snapshot, problems: list[str]) -> str:
    """Markdown summary of what `head` publishes compared with `base`."""
    lines = ["## 目录变更摘要", "", *_enterprise_lines(base, head), *_certificate_lines(base, head)]
    lines += ["### 数据检查", ""]
    if head.unreadable:
        lines += [f"- 无法读取：{md(p)}（其中的证书未计入以上统计）" for p in head.unreadable]
    if problems:
        lines.append(f"❌ 发现 {len(problems)} 个问题（个人信息已隐去）：")
        lines += [""] + [f"- {md(redact(p, head))}" for p in problems]
    else:
        lines.append("✅ skills-site check 通过。")
    return "\n".join(lines) + "\n"


_NOT_CONTENT = ("status", "revoked_on", "revocation_reason", "_file")


def _strip(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in _NOT_CONTENT}


def _show(value: Any) -> str:
    return "（无）" if value is None else f"“{md(value)}”"


def redact(text: str, head: Snapshot) -> str:
    """A message with every ID number, certificate number, verification code and holder name in it
    replaced by what it is: nothing of a value is left to guess from."""
    text = _ID_NUMBER.sub("[身份证号码]", text)
    text = _CERT_NUMBER.sub("[证书编号]", text)
    codes = {str(r.get("query_code")) for r in head.certificates.values() if r.get("query_code")}
    text = _CODE.sub(lambda m: "[查询码]" if m.group(0) in codes or is_code(m.group(0)) else m.group(0), text)
    names = {str(r.get("name", "")) for r in head.certificates.values()}
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, "[姓名]")
    return text


def review(repo: Path, base: str, head: str | None) -> str:
    """Summary for `skills-site diff <base> [<head>]`; without `head`, the working tree."""
    from generator.load.catalogue import check_catalogue

    with tempfile.TemporaryDirectory() as tmp:
        base_dir = extract_catalogue(repo, base, Path(tmp) / "base")
        head_dir = extract_catalogue(repo, head, Path(tmp) / "head") if head else repo / "catalogue"
        problems = [str(p) for p in check_catalogue(head_dir, display_root=head_dir.parent)]
        return summarize(read_snapshot(base_dir), read_snapshot(head_dir), problems)
