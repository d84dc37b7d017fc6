"""The reviewer's summary of a change to the catalogue, as Markdown for a pull-request page.

Pull-request pages are public: holders appear only with masked names, certificate numbers
with their serial masked, and no ID number at all; problem messages are redacted the same way.
"""

from __future__ import annotations

import re
import subprocess
import tarfile
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from generator.errors import field_path
from generator.load.yamlio import YamlFileError, load_fast
from generator.masking import mask_name
from generator.render.labels import STATUS_LABELS

LIST_AT_MOST = 20  # new certificates listed one by one up to this many; above it, counts only
_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_CERT_NUMBER = re.compile(r"(?<![A-Z0-9])([YS][0-9]{15})([0-9]{4})([0-9]{2})(?![0-9])")


def mask_number(number: str) -> str:
    """Certificate number with four serial digits hidden: Y000022000101204****01."""
    return _CERT_NUMBER.sub(lambda m: f"{m.group(1)}****{m.group(3)}", number)


@dataclass
class Snapshot:
    """The catalogue at one revision, read leniently: unreadable files are noted, not fatal."""

    enterprises: dict[str, dict[str, Any]] = field(default_factory=dict)
    certificates: dict[str, dict[str, Any]] = field(default_factory=dict)  # number -> record + enterprise
    unreadable: list[str] = field(default_factory=list)
    levels: dict[int, str] = field(default_factory=dict)  # level code -> 四级/中级工, from the reference data


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


def summarize(base: Snapshot, head: Snapshot, problems: list[str]) -> str:
    """Markdown summary of what `head` publishes compared with `base`."""
    lines = ["## 目录变更摘要", ""]
    added = sorted(set(head.enterprises) - set(base.enterprises))
    removed = sorted(set(base.enterprises) - set(head.enterprises))
    changed = sorted(k for k in set(head.enterprises) & set(base.enterprises)
                     if head.enterprises[k] != base.enterprises[k])

    lines += ["### 试点企业", ""]
    if not (added or removed or changed):
        lines.append("无变化。")
    for key in added:
        ent = head.enterprises[key]
        lines.append(f"- 新增：**{_name_of(ent)}**（`{key}`，第 {ent.get('batch', '?')} 批）")
    for key in removed:
        name = _name_of(base.enterprises[key])
        lines.append(f"- 删除：**{name}**（`{key}`）⚠️ 企业应以“退出”状态保留，不宜删除")
    for key in changed:
        old, new = base.enterprises[key], head.enterprises[key]
        before, after = _status_of(old), _status_of(new)
        if before != after:
            lines.append(f"- 状态变更：**{_name_of(new)}** {STATUS_LABELS.get(before, before)} → "
                         f"{STATUS_LABELS.get(after, after)}")
        else:
            lines.append(f"- 修改：**{_name_of(new)}**（`{key}`）")
        flat_old, flat_new = _flatten(old), _flatten(new)
        for path in sorted(set(flat_old) | set(flat_new)):
            if flat_old.get(path) != flat_new.get(path):
                lines.append(f"  - `{path}`: {_show(flat_old.get(path))} → {_show(flat_new.get(path))}")
    lines.append("")

    lines += ["### 证书", ""]
    new_numbers = sorted(set(head.certificates) - set(base.certificates))
    gone = sorted(n for n in set(base.certificates) - set(head.certificates)
                  if base.certificates[n]["_file"] not in head.unreadable)  # unreadable is not deleted
    per_level: dict[str, Counter[int]] = defaultdict(Counter)
    for number in new_numbers:
        rec = head.certificates[number]
        per_level[str(rec.get("_enterprise"))][int(rec.get("level", 0) or 0)] += 1
    if per_level:
        lines += ["| 发证企业 | 等级 | 新增证书 |", "|---|---|---:|"]
        for ent_id in sorted(per_level):
            name = _name_of(head.enterprises.get(ent_id, {})) or ent_id
            for level in sorted(per_level[ent_id], reverse=True):
                lines.append(f"| {name} | {head.levels.get(level, level)} | {per_level[ent_id][level]} |")
        lines.append(f"\n新增证书合计 {len(new_numbers)} 本。")
        if len(new_numbers) <= LIST_AT_MOST:
            lines += ["", "新增证书明细（已隐去部分信息）：", ""]
            for number in new_numbers:
                rec = head.certificates[number]
                lines.append(f"- {mask_number(number)} {mask_name(str(rec.get('name', '')))} "
                             f"{head.levels.get(rec.get('level'), rec.get('level'))} {rec.get('occupation')} "
                             f"发证日期 {rec.get('issued')}")
    else:
        lines.append("没有新增证书。")
    revoked = [n for n in sorted(head.certificates)
               if head.certificates[n].get("status") == "revoked"
               and base.certificates.get(n, {}).get("status") != "revoked"]
    if revoked:
        lines += ["", "撤销：", ""]
        for number in revoked:
            rec = head.certificates[number]
            lines.append(f"- {mask_number(number)} {mask_name(str(rec.get('name', '')))} "
                         f"撤销日期 {rec.get('revoked_on')}，原因代码 {rec.get('revocation_reason')}")
    if gone:
        lines.append(f"\n⚠️ 有 {len(gone)} 本已发布证书从数据中删除（应以“撤销”处理，而非删除）。")
    changed_certs = [n for n in set(head.certificates) & set(base.certificates)
                     if n not in revoked and _strip(head.certificates[n]) != _strip(base.certificates[n])]
    if changed_certs:
        lines.append(f"\n⚠️ 有 {len(changed_certs)} 本已发布证书的内容被修改。")
    lines.append("")

    lines += ["### 数据检查", ""]
    if head.unreadable:
        lines += [f"- 无法读取：`{p}`（其中的证书未计入以上统计）" for p in head.unreadable]
    if problems:
        names = {str(r.get("name", "")) for r in head.certificates.values()}
        lines.append(f"❌ 发现 {len(problems)} 个问题：")
        lines += ["", "```"] + [redact(p, names) for p in problems] + ["```"]
    else:
        lines.append("✅ `skills-site check` 通过。")
    return "\n".join(lines) + "\n"


_NOT_CONTENT = ("status", "revoked_on", "revocation_reason", "_file")


def _strip(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in _NOT_CONTENT}


def _show(value: Any) -> str:
    return "（无）" if value is None else f"`{value}`"


def redact(text: str, names: set[str]) -> str:
    """Mask ID numbers, certificate serials and holder names inside a message."""
    text = _ID_NUMBER.sub(lambda m: m.group(0)[:6] + "********" + m.group(0)[-4:-1] + "*", text)
    text = mask_number(text)
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def review(repo: Path, base: str, head: str | None) -> str:
    """Summary for `skills-site diff <base> [<head>]`; without `head`, the working tree."""
    from generator.load.catalogue import check_catalogue

    with tempfile.TemporaryDirectory() as tmp:
        base_dir = extract_catalogue(repo, base, Path(tmp) / "base")
        head_dir = extract_catalogue(repo, head, Path(tmp) / "head") if head else repo / "catalogue"
        problems = [str(p) for p in check_catalogue(head_dir, display_root=head_dir.parent)]
        return summarize(read_snapshot(base_dir), read_snapshot(head_dir), problems)
