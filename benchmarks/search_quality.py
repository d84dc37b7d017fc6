"""How well the site search finds what a visitor asks for: recall@5 and MRR of labelled queries.

    python -m benchmarks.search_quality                  # build the sample site, measure both sets
    python -m benchmarks.search_quality --site site/     # measure an already built site
    python -m benchmarks.search_quality --misses         # also list each query that missed a page

Two query sets: `tests/search/queries.yaml`, the tuning set (weights, lists and rules of the search
were chosen while looking at it), and `tests/search/heldout.yaml`, written before any tuning and
only ever measured. Each query runs in headless Chromium through the site's own search code, the same
that the search page calls; a site built before that code existed is searched the way its search
page did then (the query rewritten into pair tokens, one Pagefind search).

recall@5: per query, the share of its expected pages among the first five results, averaged.
MRR: per query, 1/rank of the first expected page within the first ten results (0 if none), averaged.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "search" / "queries.yaml"
HELDOUT = ROOT / "tests" / "search" / "heldout.yaml"
TOP = 5
DEPTH = 10  # results read per query for MRR
FORGIVING_KINDS = ("misspelt", "traditional", "abbreviated")


@dataclass(frozen=True)
class LabelledQuery:
    q: str
    kind: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: LabelledQuery
    ranked: tuple[str, ...]  # result URLs, best first, up to DEPTH

    @property
    def recall(self) -> float:
        top = self.ranked[:TOP]
        return sum(1 for url in self.query.expect if url in top) / len(self.query.expect)

    @property
    def reciprocal_rank(self) -> float:
        for rank, url in enumerate(self.ranked, start=1):
            if url in self.query.expect:
                return 1 / rank
        return 0.0


def load_queries(path: Path) -> list[LabelledQuery]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [LabelledQuery(item["q"], item["kind"], tuple(item["expect"])) for item in data["queries"]]


# Runs in a page of the site: imports its Pagefind bundle and search module and returns the result
# URLs of each query, best first.
_SEARCH = """async ([queries, depth]) => {
  const pagefind = await import(new URL('/pagefind/pagefind.js', location.href).href);
  let engine = null;
  try {
    engine = await import(new URL('/assets/search/engine.js', location.href).href);
  } catch (error) {
    engine = null;  // a site built before engine.js: search as its search page did
  }
  const out = [];
  if (engine) {
    const prepared = await engine.prepareSearch(pagefind, new URL('/', location.href));
    for (const q of queries) {
      const found = await engine.searchSite(prepared, q);
      const pages = await Promise.all(found.results.slice(0, depth).map((r) => r.data()));
      out.push(pages.map((p) => p.url));
    }
    return out;
  }
  const site = await import(new URL('/assets/search/query.js', location.href).href);
  await pagefind.options({ ranking: site.RANKING });
  await pagefind.init();
  for (const q of queries) {
    const found = await pagefind.search(site.rewriteQuery(q));
    const pages = await Promise.all(found.results.slice(0, depth).map((r) => r.data()));
    out.push(pages.map((p) => p.url));
  }
  return out;
}"""


def measure(page: object, base_url: str, queries: list[LabelledQuery]) -> list[Outcome]:
    """Open the home page at `base_url` (no trailing slash) and run every query in that page."""
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    ranked = page.evaluate(_SEARCH, [[q.q for q in queries], DEPTH])  # type: ignore[attr-defined]
    return [Outcome(q, tuple(urls)) for q, urls in zip(queries, ranked, strict=True)]


def recall_at_5(outcomes: list[Outcome]) -> float:
    return sum(o.recall for o in outcomes) / len(outcomes) if outcomes else 0.0


def mrr(outcomes: list[Outcome]) -> float:
    return sum(o.reciprocal_rank for o in outcomes) / len(outcomes) if outcomes else 0.0


def table(results: dict[str, list[Outcome]]) -> str:
    """One row per set, then one per kind of query within each set."""
    lines = ["| set | queries | recall@5 | MRR |", "|---|---:|---:|---:|"]
    for name, outcomes in results.items():
        lines.append(f"| **{name}** | {len(outcomes)} | {recall_at_5(outcomes):.3f} | {mrr(outcomes):.3f} |")
        forgiving = [o for o in outcomes if o.query.kind in FORGIVING_KINDS]
        if forgiving and len(forgiving) != len(outcomes):
            lines.append(f"| {name}: misspelt + traditional + abbreviated | {len(forgiving)} | "
                         f"{recall_at_5(forgiving):.3f} | {mrr(forgiving):.3f} |")
        by_kind: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            by_kind[o.query.kind].append(o)
        for kind, group in by_kind.items():
            lines.append(f"| {name}: {kind} | {len(group)} | {recall_at_5(group):.3f} | {mrr(group):.3f} |")
    return "\n".join(lines)


def misses(name: str, outcomes: list[Outcome]) -> str:
    lines = [f"{name}: queries that missed an expected page in the first {TOP}"]
    for o in outcomes:
        if o.recall < 1:
            missing = [u for u in o.query.expect if u not in o.ranked[:TOP]]
            lines.append(f"  {o.query.q} [{o.query.kind}] missed {missing}; top {list(o.ranked[:TOP])}")
    return "\n".join(lines)


def run(site: Path, *, show_misses: bool) -> str:
    from playwright.sync_api import sync_playwright

    from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, serve

    sets = {"tuning (queries.yaml)": load_queries(TUNING), "held-out (heldout.yaml)": load_queries(HELDOUT)}
    with serve(site, plain=True) as (url, _server), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            results = {name: measure(page, url, queries) for name, queries in sets.items()}
        finally:
            browser.close()
    out = [table(results)]
    if show_misses:
        out += [misses(name, outcomes) for name, outcomes in results.items()]
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_quality", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample catalogue)")
    parser.add_argument("--misses", action="store_true", help="list the queries that missed a page")
    args = parser.parse_args(argv)
    if args.site:
        print(run(args.site.resolve(), show_misses=args.misses))
        return 0
    from generator.build import Project, build

    with tempfile.TemporaryDirectory(prefix="search-quality-") as work:
        project = Project(ROOT, out=Path(work) / "site", work=Path(work) / "build")
        build(project)
        print(run(project.out, show_misses=args.misses))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
