"""Tables of a benchmark run, printed and written into BENCHMARKS.md between two markers (the
text around the markers is kept, so the notes on the figures survive a new run)."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

START = "<!-- benchmark results: start (written by python -m benchmarks) -->"
END = "<!-- benchmark results: end -->"
MB = 1024 * 1024

# Targets of the 1,000-enterprise, 1,000,000-certificate catalogue
COLD_SECONDS = 300
PEAK_BYTES = 3 * 1024 ** 3
REBUILD_SECONDS = 60
FLOOR_FACTOR = 3
SHARD_BYTES = 16 * 1024
VERIFY_MS = 300
SEARCH_BYTES = 300 * 1024
MAX_FILES = 20_000
MAX_SITE_BYTES = 1024 ** 3
CERTIFICATE_PHASES = ("validate certificates", "lookup index", "holder values")
OPEN_DATA_SHARE = 0.10  # downloads, statistics, charts and feeds: at most this part of the cold build
OPEN_DATA_PHASES = ("open data", "certificate statistics")


def _mb(n: int | float) -> str:
    return f"{n / MB:,.1f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    rule = "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def phase_table(build: dict[str, Any]) -> list[str]:
    rows = []
    for row in build["rows"]:
        name = f"↳ {row['name']}" if row["part_of"] else row["name"]
        out = row["output"]
        rows.append([name, f"{row['seconds']:.1f}",
                     "" if row["part_of"] else _mb(row["peak_rss"]),
                     "" if row["part_of"] else _mb(row["peak_pss"]),
                     f"{out['files']:,}" if out else "", _mb(out["bytes"]) if out else ""])
    rows.append(["**total**", f"**{build['seconds']:.1f}**", f"**{_mb(build['peak_rss'])}**",
                 f"**{_mb(build['peak_pss'])}**", "", ""])
    return _table(["phase", "wall s", "peak RSS MB", "peak PSS MB", "files out", "MB out"], rows)


def browser_table(figures: list[dict[str, Any]]) -> list[str]:
    rows = [[f["kind"], f["label"], f["outcome"], f"{f['ms']:.0f}", f"{f['bytes']:,}", str(f["requests"]),
             f"{f['shard_bytes']:,}" if f["kind"] == "verify" else "", f"{f['start_bytes']:,}"]
            for f in figures]
    return _table(["kind", "query", "result", "time-to-result ms", "bytes fetched", "requests",
                   "shard bytes", "page start bytes"], rows)


def _leaks(build: dict[str, Any]) -> list[str]:
    leaks = build.get("leaks") or []
    if not leaks:
        return []
    files = len({leak.split(":", 1)[0] for leak in leaks})
    return ["", f"The PII scan reported {len(leaks):,} finding(s) in {files:,} file(s) (a real build stops "
            "here; the benchmark went on to measure the rest), e.g. " + "; ".join(leaks[:3]) + "."]


def _row(build: dict[str, Any], name: str) -> float:
    return next((r["seconds"] for r in build["rows"] if r["name"] == name), 0.0)


def size_section(result: dict[str, Any]) -> list[str]:
    e, c = result["enterprises"], result["certificates"]
    floor = result["floor"]
    lines = [f"### {e:,} enterprises, {c:,} certificates", "",
             f"Synthetic catalogue: {result['catalogue_files']:,} files, "
             f"{_mb(result['catalogue_bytes'])} MB, "
             f"written in {result['synth_seconds']:.0f} s. Load average (1 min) before and after the cold "
             f"build: {result['load_average'][0]:.1f}, {result['load_average'][1]:.1f} "
             f"on {os.cpu_count()} cores.", "",
             f"**Floor** (C YAML loader + one SHA-256 per record, one process): {floor['seconds']:.1f} s "
             f"(read {floor['read_seconds']:.1f} s, parse {floor['parse_seconds']:.1f} s, "
             f"hash {floor['hash_seconds']:.1f} s) for {floor['records']:,} records "
             f"in {floor['files']:,} files.",
             "", "Cold build (empty cache):", ""]
    lines += phase_table(result["cold"])
    lines += _leaks(result["cold"])
    cert = [(name, _row(result["cold"], name)) for name in CERTIFICATE_PHASES]
    together = sum(s for _, s in cert)
    lines += ["", "Certificate phases against the floor: " + "; ".join(
        f"{name} {sec:.1f} s = {sec / floor['seconds']:.2f}×" for name, sec in cert)
        + f"; together {together:.1f} s = {together / floor['seconds']:.2f}×.", ""]
    if result.get("rebuild"):
        lines += [f"Rebuild after adding one batch of {result['batch']:,} certificates (cache kept):", ""]
        lines += phase_table(result["rebuild"])
        lines += _leaks(result["rebuild"])
        if result["rebuild"].get("cache"):
            lines += ["", f"Cache: {result['rebuild']['cache']}."]
        lines.append("")
    if result.get("browser"):
        lines += ["Headless Chromium, site served on loopback, a fresh context (empty cache) per query:", ""]
        lines += browser_table(result["browser"])
        if result.get("console_errors"):
            lines += ["", f"Console errors: {len(result['console_errors'])}: "
                      + "; ".join(result["console_errors"][:3])]
        lines.append("")
    return lines


def growth_section(results: list[dict[str, Any]]) -> list[str]:
    rows = []
    for r in results:
        site = next(x["output"] for x in r["cold"]["rows"] if x["name"] == "publish")
        rows.append([f"{r['enterprises']:,}", f"{r['certificates']:,}", f"{r['cold']['seconds']:.0f}",
                     f"{r['floor']['seconds']:.0f}", _mb(r["cold"]["peak_pss"]), f"{site['files']:,}",
                     _mb(site["bytes"]), f"{r['rebuild']['seconds']:.0f}" if r.get("rebuild") else ""])
    big = [r for r in results if r["enterprises"] == max(x["enterprises"] for x in results)]
    lines = _table(["enterprises", "certificates", "cold build s", "floor s", "peak PSS MB", "site files",
                    "site MB", "rebuild s"], rows)
    if len(big) >= 2:
        a, b = sorted(big, key=lambda r: r["certificates"])[-2:]
        growth = math.log(b["cold"]["seconds"] / a["cold"]["seconds"]) / math.log(
            b["certificates"] / a["certificates"])
        lines += ["", f"Cold build time grows as certificates^{growth:.2f} between "
                  f"{a['certificates']:,} and {b['certificates']:,} certificates (1,000 enterprises)."]
    return lines


def targets_section(results: list[dict[str, Any]]) -> list[str]:
    big = max(results, key=lambda r: (r["certificates"], r["enterprises"]))
    cold, floor = big["cold"], big["floor"]["seconds"]
    site = next(x["output"] for x in cold["rows"] if x["name"] == "publish")
    checks: list[tuple[str, str, bool]] = [
        ("cold build ≤ 300 s", f"{cold['seconds']:.0f} s", cold["seconds"] <= COLD_SECONDS),
        ("peak memory ≤ 3 GB", f"{_mb(cold['peak_pss'])} MB PSS, {_mb(cold['peak_rss'])} MB RSS sum",
         cold["peak_pss"] <= PEAK_BYTES),
    ]
    if big.get("rebuild"):
        seconds = big["rebuild"]["seconds"]
        checks.append(("rebuild after one batch ≤ 60 s", f"{seconds:.0f} s", seconds <= REBUILD_SECONDS))
    for name in CERTIFICATE_PHASES:
        seconds = _row(cold, name)
        checks.append((f"{name} ≤ 3× floor", f"{seconds / floor:.2f}× ({seconds:.1f} s / {floor:.1f} s)",
                       seconds <= FLOOR_FACTOR * floor))
    if any(x["name"] in OPEN_DATA_PHASES for x in cold["rows"]):
        seconds = sum(_row(cold, name) for name in OPEN_DATA_PHASES)
        checks.append((f"open data ≤ {OPEN_DATA_SHARE:.0%} of the cold build",
                       f"{seconds / cold['seconds']:.1%} ({seconds:.1f} s / {cold['seconds']:.0f} s)",
                       seconds <= OPEN_DATA_SHARE * cold["seconds"]))
    verify = [f for f in big.get("browser", []) if f["kind"] == "verify"]
    if verify:
        shard = max(f["shard_bytes"] for f in verify)
        ms = max(f["ms"] for f in verify)
        checks.append(("one shard fetch ≤ 16 KB", f"{shard:,} B", shard <= SHARD_BYTES))
        checks.append(("verify time-to-result ≤ 300 ms", f"{ms:.0f} ms (slowest)", ms <= VERIFY_MS))
    search = [f for r in results if r["enterprises"] >= 1000
              for f in r.get("browser", []) if f["kind"] == "search"]
    if search:
        worst = max(f["bytes"] for f in search)
        first = max(f["bytes"] + f["start_bytes"] for f in search)
        checks.append(("site search ≤ 300 KB per query", f"{worst / 1024:,.0f} KB (largest query; "
                       f"{first / 1024:,.0f} KB with the search page and Pagefind start-up)",
                       worst <= SEARCH_BYTES))
    checks.append(("output ≤ 20,000 files", f"{site['files']:,}", site["files"] <= MAX_FILES))
    checks.append(("output ≤ 1 GB", f"{_mb(site['bytes'])} MB", site["bytes"] <= MAX_SITE_BYTES))
    rows = [[name, value, "met" if ok else "**missed**"] for name, value, ok in checks]
    head = f"Judged on {big['enterprises']:,} enterprises and {big['certificates']:,} certificates:"
    return [head, "", *_table(["target", "measured", ""], rows)]


def render(run: dict[str, Any]) -> str:
    m = run["machine"]
    lines = [START, "", f"Command: `{run['command']}`", "",
             f"Machine: {m['cpu']}, {m['nproc']} cores (nproc), {m['memory_gb']:.0f} GB memory, "
             f"Python {m['python']}, {m['chromium']}; run on {m['date']} (UTC), "
             f"{run['wall_seconds'] / 60:.0f} min in all.", "", "## Targets", ""]
    lines += targets_section(run["results"])
    lines += ["", "## Growth", "", *growth_section(run["results"])]
    lines += ["", "## Per size", ""]
    for result in run["results"]:
        lines += size_section(result)
    return "\n".join([*lines, END]) + "\n"


def write_markdown(path: Path, run: dict[str, Any], preamble: str) -> None:
    """Replace the results between the markers; keep (or start) the text around them."""
    block = render(run)
    if path.exists() and START in path.read_text(encoding="utf-8"):
        text = path.read_text(encoding="utf-8")
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        path.write_text(before + block.rstrip("\n") + after, encoding="utf-8")
    else:
        path.write_text(preamble + "\n" + block, encoding="utf-8")
