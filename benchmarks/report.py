"""Tables of a benchmark run, printed and written into BENCHMARKS.md between two markers (the
text around the markers is kept, so the notes on the figures survive a new run)."""

from __future__ import annotations

import itertools
import math
import os
from pathlib import Path
from typing import Any

START = "<!-- benchmark results: start (written by python -m benchmarks) -->"
END = "<!-- benchmark results: end -->"
MB = 1024 * 1024

# Targets: at 1,000,000 certificates (1,000 enterprises) and at 10,000,000
COLD_SECONDS = {1_000_000: 300, 10_000_000: 900}
PEAK_BYTES = 3 * 1024 ** 3
REBUILD_SECONDS = 5
CHANGED_FILES = 1_100
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


def engine_table(runs: list[dict[str, Any]]) -> list[str]:
    rows = [[run["engine"], f"{run['seconds']:.1f}", f"{run['slowest']:.1f}", f"{run['cpu_seconds']:.1f}",
             _mb(run["peak_rss"]), _mb(run["peak_pss"]), f"{run['pages']:,}", f"{run['output']['files']:,}",
             _mb(run["output"]["bytes"])] for run in runs]
    return _table(["engine", "fastest wall s", "slowest wall s", "CPU s", "peak RSS MB", "peak PSS MB",
                   "pages", "files out", "MB out"], rows)


def engines_section(results: list[dict[str, Any]]) -> list[str]:
    """The engine step with each engine at each size (measured apart from the build)."""
    measured = [r for r in results if r.get("engines")]
    if not measured:
        return []
    engines = [run["engine"] for run in measured[0]["engines"]]
    rows = []
    for r in measured:
        runs = {run["engine"]: run for run in r["engines"]}
        rows.append([f"{r['enterprises']:,}", f"{r['certificates']:,}", f"{r['engines'][0]['pages']:,}",
                     *(f"{runs[e]['seconds']:.1f} ({runs[e]['cpu_seconds']:.1f})" for e in engines)])
    return ["", "## Site engines", "",
            "The engine step alone, with each engine on the docs folder of the cold build (the same "
            "input), the engines taking turns; fastest wall time of the runs, in brackets its CPU time:", "",
            *_table(["enterprises", "certificates", "pages", *(f"{e} s (CPU s)" for e in engines)], rows)]


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
    floor = result["floor"] or {}
    lines = [f"### {e:,} enterprises, {c:,} certificates", "",
             f"Synthetic catalogue: {result['catalogue_files']:,} files, "
             f"{_mb(result['catalogue_bytes'])} MB, "
             f"written in {result['synth_seconds']:.0f} s. Load average (1 min) before and after the cold "
             f"build: {result['load_average'][0]:.1f}, {result['load_average'][1]:.1f} "
             f"on {os.cpu_count()} cores.", "",
             (f"**Floor** (C YAML loader + one SHA-256 per record, one process): {floor['seconds']:.1f} s "
              f"(read {floor['read_seconds']:.1f} s, parse {floor['parse_seconds']:.1f} s, "
              f"hash {floor['hash_seconds']:.1f} s) for {floor['records']:,} records "
              f"in {floor['files']:,} files." if floor else
              "**Floor**: not measured at this size (`--floor-max`); it grows linearly with the records."),
             "", "Cold build (empty cache):", ""]
    lines += phase_table(result["cold"])
    lines += _leaks(result["cold"])
    if result.get("engines"):
        lines += ["", "The engine step alone with each site engine, on the cold build's docs folder "
                  f"({len(result['engines'])} engines, taking turns):", ""]
        lines += engine_table(result["engines"])
    cert = [(name, _row(result["cold"], name)) for name in CERTIFICATE_PHASES]
    together = sum(s for _, s in cert)
    if floor:
        lines += ["", "Certificate phases against the floor: " + "; ".join(
            f"{name} {sec:.1f} s = {sec / floor['seconds']:.2f}×" for name, sec in cert)
            + f"; together {together:.1f} s = {together / floor['seconds']:.2f}×.", ""]
    else:
        lines += [""]
    if result.get("rebuild"):
        lines += [f"Rebuild after adding one batch of {result['batch']:,} certificates (cache kept):", ""]
        lines += phase_table(result["rebuild"])
        lines += _leaks(result["rebuild"])
        if result["rebuild"].get("cache"):
            lines += ["", f"Cache: {result['rebuild']['cache']}."]
        if result.get("rebuild_changes"):
            moved = result["rebuild_changes"]
            lines += ["", f"Published site after the rebuild: {moved['files']:,} files, of which "
                      f"{moved['new']:,} new and {moved['changed']:,} changed in place; "
                      f"{moved['removed']:,} removed; {_mb(moved['upload_bytes'])} MB for an upload "
                      "that syncs by content."]
        lines.append("")
    if result.get("browser"):
        server = result.get("server", "Python's http.server (no compression, no Range)")  # runs before nginx
        lines += [f"Headless Chromium, site served on loopback by {server}, a fresh context (empty cache) "
                  "per query:", ""]
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
                     f"{r['floor']['seconds']:.0f}" if r["floor"] else "–", _mb(r["cold"]["peak_pss"]),
                     f"{site['files']:,}",
                     _mb(site["bytes"]), f"{r['rebuild']['seconds']:.1f}" if r.get("rebuild") else ""])
    lines = _table(["enterprises", "certificates", "cold build s", "floor s", "peak PSS MB", "site files",
                    "site MB", "rebuild s"], rows)
    most = max(r["enterprises"] for r in results)
    series = sorted((r for r in results if r["enterprises"] == most), key=lambda r: r["certificates"])
    if len(series) >= 2:
        lines += ["", f"Growth exponent k of each phase of the cold build (time ∝ certificates^k) between "
                  f"consecutive sizes at {most:,} enterprises; 1 is linear, 0 does not grow:", ""]
        names = [row["name"] for row in series[-1]["cold"]["rows"] if not row["part_of"]] + ["total"]
        pairs = list(itertools.pairwise(series))
        header = ["phase", *(f"{a['certificates']:,} → {b['certificates']:,}" for a, b in pairs)]
        table = []
        for name in names:
            cells = []
            for a, b in pairs:
                ta = a["cold"]["seconds"] if name == "total" else _row(a["cold"], name)
                tb = b["cold"]["seconds"] if name == "total" else _row(b["cold"], name)
                if ta < 0.05 or tb < 0.05:
                    cells.append("–")
                else:
                    cells.append(f"{math.log(tb / ta) / math.log(b['certificates'] / a['certificates']):.2f}")
            table.append([name, *cells])
        lines += _table(header, table)
    return lines


def _checks(result: dict[str, Any]) -> list[tuple[str, str, bool]]:
    cold, count = result["cold"], result["certificates"]
    site = next(x["output"] for x in cold["rows"] if x["name"] == "publish")
    limit = COLD_SECONDS.get(count)
    checks: list[tuple[str, str, bool]] = []
    if limit:
        checks.append((f"cold build ≤ {limit} s", f"{cold['seconds']:.0f} s", cold["seconds"] <= limit))
    checks.append(("peak memory ≤ 3 GB", f"{_mb(cold['peak_pss'])} MB PSS, "
                   f"{_mb(cold['peak_rss'])} MB RSS sum", cold["peak_pss"] <= PEAK_BYTES))
    if result.get("rebuild") and count == 1_000_000:
        seconds = result["rebuild"]["seconds"]
        checks.append((f"rebuild after one batch ≤ {REBUILD_SECONDS} s", f"{seconds:.1f} s",
                       seconds <= REBUILD_SECONDS))
        moved = result.get("rebuild_changes")
        if moved:
            files = moved["new"] + moved["changed"]
            checks.append((f"files changed by that rebuild ≤ {CHANGED_FILES:,}",
                           f"{files:,} ({moved['new']:,} new, {moved['changed']:,} changed, "
                           f"{moved['removed']:,} removed; {_mb(moved['upload_bytes'])} MB to upload)",
                           files <= CHANGED_FILES))
    if count == 1_000_000 and any(x["name"] in OPEN_DATA_PHASES for x in cold["rows"]):
        seconds = sum(_row(cold, name) for name in OPEN_DATA_PHASES)
        checks.append((f"open data ≤ {OPEN_DATA_SHARE:.0%} of the cold build",
                       f"{seconds / cold['seconds']:.1%} ({seconds:.1f} s / {cold['seconds']:.0f} s)",
                       seconds <= OPEN_DATA_SHARE * cold["seconds"]))
    verify = [f for f in result.get("browser", []) if f["kind"] == "verify"]
    if verify:
        shard = max(f["shard_bytes"] for f in verify)
        ms = max(f["ms"] for f in verify)
        checks.append(("one shard fetch ≤ 16 KB", f"{shard:,} B", shard <= SHARD_BYTES))
        checks.append(("verify time-to-result ≤ 300 ms", f"{ms:.0f} ms (slowest)", ms <= VERIFY_MS))
    checks.append(("output ≤ 20,000 files", f"{site['files']:,}", site["files"] <= MAX_FILES))
    checks.append(("output ≤ 1 GB", f"{_mb(site['bytes'])} MB", site["bytes"] <= MAX_SITE_BYTES))
    return checks


def targets_section(results: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    judged = [r for r in results if r["certificates"] in COLD_SECONDS] or [
        max(results, key=lambda r: (r["certificates"], r["enterprises"]))]
    for result in judged:
        checks = _checks(result)
        if result is judged[0] and result["floor"]:
            floor = result["floor"]["seconds"]
            for name in CERTIFICATE_PHASES:
                seconds = _row(result["cold"], name)
                checks.append((f"{name} ≤ 3× floor",
                               f"{seconds / floor:.2f}× ({seconds:.1f} s / {floor:.1f} s)",
                               seconds <= FLOOR_FACTOR * floor))
            search = [f for r in results if r["enterprises"] >= 1000
                      for f in r.get("browser", []) if f["kind"] == "search"]
            if search:
                worst = max(f["bytes"] for f in search)
                first = max(f["bytes"] + f["start_bytes"] for f in search)
                checks.append(("site search ≤ 300 KB per query", f"{worst / 1024:,.0f} KB (largest query; "
                               f"{first / 1024:,.0f} KB with the search page and Pagefind start-up)",
                               worst <= SEARCH_BYTES))
        rows = [[name, value, "met" if ok else "**missed**"] for name, value, ok in checks]
        lines += [f"{result['enterprises']:,} enterprises, {result['certificates']:,} certificates:", "",
                  *_table(["target", "measured", ""], rows), ""]
    return lines[:-1]


def render(run: dict[str, Any]) -> str:
    m = run["machine"]
    lines = [START, "", f"Command: `{run['command']}`", "",
             f"Machine: {m['cpu']}, {m['nproc']} cores (nproc), {m['memory_gb']:.0f} GB memory, "
             f"Python {m['python']}, {m['chromium']}; run on {m['date']} (UTC), "
             f"{run['wall_seconds'] / 60:.0f} min in all.", "", "## Targets", ""]
    lines += targets_section(run["results"])
    lines += ["", "## Growth", "", *growth_section(run["results"])]
    lines += engines_section(run["results"])
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
