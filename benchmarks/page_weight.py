"""What each kind of page costs a first-time visitor: bytes fetched, uncompressed, on first load.

    python -m benchmarks.page_weight                   # build the sample site, measure it
    python -m benchmarks.page_weight --site site/      # measure an already built site

Each page opens in a fresh browser context (empty cache) served without compression, and the
figure is the sum of the response bodies fetched until the network is idle: the page, its styles,
scripts, images and whatever its scripts load at once. Budget: 350 KB for every kind of page but
the search page, which loads the search engine and its index.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

BUDGET = 350 * 1024
EXEMPT = ("search",)


def page_kinds(site: Path) -> dict[str, str]:
    enterprises = sorted((site / "enterprises").glob("*/index.html"))
    batches = sorted(p for p in (site / "batches").glob("*/index.html"))
    kinds = {"home": "/", "directory": "/directory/", "batches": "/batches/", "policy": "/policy/work-plan/",
             "form": "/policy/annex-1/", "verify": "/verify/", "threat model": "/verify/threat-model/",
             "not found": "/404.html", "search": "/search/?q=焊工"}
    if enterprises:
        largest = max(enterprises, key=lambda p: p.stat().st_size)
        kinds["enterprise (largest)"] = f"/enterprises/{largest.parent.name}/"
    if batches:
        largest = max(batches, key=lambda p: p.stat().st_size)
        kinds["batch (largest)"] = f"/batches/{largest.parent.name}/"
    return kinds


def measure(site: Path) -> list[tuple[str, str, int, int]]:
    """(kind, path, bytes, requests) per kind of page."""
    from playwright.sync_api import sync_playwright

    from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, serve

    rows = []
    with serve(site, plain=True) as (url, _server), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind, path in page_kinds(site).items():
                context = browser.new_context()
                page = context.new_page()
                finished: list[object] = []
                page.on("requestfinished", lambda request, seen=finished: seen.append(request))
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                total = sum(max(r.sizes().get("responseBodySize", 0), 0)  # type: ignore[attr-defined]
                            for r in finished)
                rows.append((kind, path, total, len(finished)))
                context.close()
        finally:
            browser.close()
    return rows


def table(rows: list[tuple[str, str, int, int]]) -> str:
    lines = ["| page | path | KB on first load | requests | within 350 KB |", "|---|---|---:|---:|---|"]
    for kind, path, size, requests in rows:
        verdict = "exempt" if kind in EXEMPT else ("yes" if size <= BUDGET else "**no**")
        lines.append(f"| {kind} | `{path}` | {size / 1024:,.1f} | {requests} | {verdict} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_weight", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample catalogue)")
    args = parser.parse_args(argv)
    if args.site:
        rows = measure(args.site.resolve())
    else:
        from generator.build import Project, build

        root = Path(__file__).resolve().parent.parent
        with tempfile.TemporaryDirectory(prefix="page-weight-") as work:
            project = Project(root, out=Path(work) / "site", work=Path(work) / "build")
            build(project)
            rows = measure(project.out)  # type: ignore[arg-type]
    print(table(rows))
    over = [kind for kind, _path, size, _n in rows if kind not in EXEMPT and size > BUDGET]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
