"""Benchmark of the certificate lookup: build throughput, bytes per query and browser time-to-result
at 10,000 and 1,000,000 synthetic certificates, plus the cost figures of the threat-model page.

    python -m benchmarks.lookup                       # 10,000 and 1,000,000 certificates
    python -m benchmarks.lookup --sizes 10000         # one size
    python -m benchmarks.lookup --measure             # also rewrite the threat-model figures

The synthetic certificates live in memory and the index in a temporary folder; nothing is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import http.server
import json
import platform
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from generator.lookup import synthetic
from generator.lookup.code import BITS as CODE_BITS
from generator.lookup.format import RECORD_SIZE
from generator.lookup.index import write_lookup_index
from generator.settings import LookupSettings

ROOT = Path(__file__).resolve().parent.parent
MEASUREMENTS = ROOT / "site_templates" / "pages" / "verify" / "measurements.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SECRET = b"benchmark secret (synthetic data only)"
# Not measured here: a published figure, shown on the threat-model page as an estimate with its source.
GPU_ESTIMATE = {
    "compressions_per_second": 21.9e9,
    "source": "hashcat 6.2.6 在 NVIDIA GeForce RTX 4090 上的公开基准测试（Chick3nman，2022 年 10 月），"
              "模式 1400 SHA2-256 约每秒 219 亿次；一次短消息的 SHA-256 约为一次压缩",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def python_hash_rates(salt_bits: int) -> dict[str, float]:
    """What an attacker's CPU pays per guess with Python's hashlib (one core)."""
    block = b"\x00" * 64
    start = time.perf_counter()
    mid = hashlib.sha256(block)
    for salt in range(2 ** salt_bits):
        h = mid.copy()
        h.update(salt.to_bytes(4, "big"))
        h.digest()
    per_guess = time.perf_counter() - start
    start = time.perf_counter()
    hashlib.pbkdf2_hmac("sha256", b"query", b"salt", 2 ** (salt_bits - 1))
    pbkdf2 = time.perf_counter() - start
    figures = {"python_seconds_per_guess": per_guess, "python_hashes_per_second": 2 ** salt_bits / per_guess,
               "pbkdf2_seconds_per_record": pbkdf2, "pbkdf2_iterations": 2 ** (salt_bits - 1)}
    if shutil.which("openssl"):
        # Long messages: throughput / 64 bytes is the rate of the compression function itself, which is
        # what an attacker's tuned loop runs (short messages would add padding blocks and call overhead).
        speed = subprocess.run(["openssl", "speed", "-bytes", "16384", "-seconds", "3", "sha256"],
                               capture_output=True, text=True, check=False).stdout
        match = re.search(r"^sha256\s+([0-9.]+)k", speed, re.MULTILINE)
        if match:
            figures["openssl_compressions_per_second"] = float(match.group(1)) * 1000 / 64
    return figures


BROWSER_SCRIPT = """async ([saltBits, queries]) => {
  const core = await import('/lookup/core.js');
  const sha = await import('/lookup/sha256.js');
  const out = {};
  const block = new Uint8Array(64);
  let t = performance.now();
  const state = sha.midstate(block);
  const last = new Uint32Array(16); last[1] = 0x80000000; last[15] = 68 * 8;
  const o = new Uint32Array(8);
  for (let s = 0; s < 2 ** saltBits; s += 1) { last[0] = s; sha.compress(state, last, o); }
  out.compress_ms = performance.now() - t;
  const message = new Uint8Array(68);
  t = performance.now();
  for (let s = 0; s < 2 ** saltBits; s += 1) {
    new DataView(message.buffer).setUint32(64, s); await crypto.subtle.digest('SHA-256', message);
  }
  out.digest_sequential_ms = performance.now() - t;
  t = performance.now();
  const all = [];
  for (let s = 0; s < 2 ** saltBits; s += 1) {
    const m = message.slice(); new DataView(m.buffer).setUint32(64, s);
    all.push(crypto.subtle.digest('SHA-256', m));
  }
  await Promise.all(all);
  out.digest_parallel_ms = performance.now() - t;
  const index = new core.LookupIndex(new URL('/verify/data/manifest.json', location.href).href);
  t = performance.now();
  await index.open();
  out.open_ms = performance.now() - t;
  out.queries = [];
  for (const [number, code] of queries) {
    t = performance.now();
    const r = await index.query(number, code);
    out.queries.push({ ms: performance.now() - t, found: r.records.length, bytes: index.lastFetch.bytes });
  }
  return out;
}"""


def browser_figures(site: Path, salt_bits: int, queries: list[list[str]]) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    shutil.copytree(ROOT / "lookup", site / "lookup", dirs_exist_ok=True)
    (site / "blank.html").write_text("<!doctype html><title>bench</title>", encoding="utf-8")
    server, url = _serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + "/blank.html")
            figures = page.evaluate(BROWSER_SCRIPT, [salt_bits, queries])
            figures["chromium"] = browser.version
            browser.close()
    finally:
        server.shutdown()
    return figures


def run_size(count: int, salt_bits: int) -> dict[str, object]:
    cat = synthetic.catalogue(enterprises=20)
    start = time.perf_counter()
    certs = list(synthetic.certificates(count, cat))
    made = time.perf_counter() - start
    settings = LookupSettings(salt_bits=salt_bits)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        start = time.perf_counter()
        report = write_lookup_index(certs, cat, site, Path(tmp) / "work", settings, SECRET)
        build = time.perf_counter() - start
        hits = [c for c in certs[:: max(1, count // 6)]][:6]
        queries = [[c.number, c.query_code] for c in hits]
        queries += [[hits[0].number, hits[1].query_code]]  # a real number with another's code: no match
        browser = browser_figures(site, salt_bits, queries)
        files = sum(1 for p in (site / "verify" / "data").rglob("*") if p.is_file())
    return {"certificates": count, "generate_seconds": made, "build_seconds": build,
            "sealing_seconds": report.seconds_sealing, "records_per_second": count / build,
            "shard_bits": report.shard_bits, "files": files, "shard_bytes": report.shard_bytes,
            "entries_per_shard": report.entries_per_shard, "browser": browser}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--salt-bits", type=int, default=16)
    parser.add_argument("--measure", action="store_true", help=f"rewrite {MEASUREMENTS.relative_to(ROOT)}")
    args = parser.parse_args()

    rates = python_hash_rates(args.salt_bits)
    results = [run_size(n, args.salt_bits) for n in args.sizes]
    print(f"salt bits {args.salt_bits}; Python hashlib: {rates['python_hashes_per_second']:,.0f} SHA-256/s, "
          f"{rates['python_seconds_per_guess'] * 1000:.1f} ms per guess; PBKDF2 with the same work: "
          f"{rates['pbkdf2_seconds_per_record'] * 1000:.1f} ms per record")
    header = (f"{'certificates':>12} {'build s':>8} {'records/s':>10} {'shards':>7} {'bytes/query':>11} "
              f"{'open ms':>8} {'query ms (hits / miss)':>28} {'compress ms':>11} {'digest() ms':>11}")
    print(header)
    for r in results:
        b = r["browser"]
        hits = [q["ms"] for q in b["queries"][:-1]]
        timing = f"{min(hits):.0f}–{max(hits):.0f} / {b['queries'][-1]['ms']:.0f}"
        print(f"{r['certificates']:>12,} {r['build_seconds']:>8.1f} {r['records_per_second']:>10,.0f} "
              f"{2 ** r['shard_bits']:>7} {r['shard_bytes']:>11,} {b['open_ms']:>8.1f} "
              f"{timing:>28} "
              f"{b['compress_ms']:>11.1f} {b['digest_sequential_ms']:>11.0f}")
    if args.measure:
        largest = max(results, key=lambda r: r["certificates"])
        figures = {
            "date": dt.date.today().isoformat(), "machine": f"{platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, Chromium {largest['browser']['chromium']}",
            "salt_bits": args.salt_bits, "record_size": RECORD_SIZE, "code_bits": CODE_BITS, **rates,
            "gpu_estimate": GPU_ESTIMATE,
            "sizes": [{k: v for k, v in r.items() if k != "browser"} | {
                "open_ms": r["browser"]["open_ms"], "query_ms": [q["ms"] for q in r["browser"]["queries"]],
                "compress_ms": r["browser"]["compress_ms"],
                "digest_sequential_ms": r["browser"]["digest_sequential_ms"],
                "digest_parallel_ms": r["browser"]["digest_parallel_ms"]} for r in results],
            "command": "python -m benchmarks.lookup --measure",
        }
        MEASUREMENTS.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MEASUREMENTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
