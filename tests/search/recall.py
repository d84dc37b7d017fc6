"""Measure search recall@5 in the browser, through Pagefind's own JavaScript API.

Kept apart from the tests so that the same measurement runs with and without the query rewriting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES = Path(__file__).with_name("queries.yaml")
TOP = 5


@dataclass(frozen=True)
class LabelledQuery:
    q: str
    kind: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: LabelledQuery
    top: tuple[str, ...]

    @property
    def found(self) -> int:
        return sum(1 for url in self.query.expect if url in self.top)

    @property
    def recall(self) -> float:
        return self.found / len(self.query.expect)


def load_queries(path: Path = QUERIES) -> list[LabelledQuery]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [LabelledQuery(item["q"], item["kind"], tuple(item["expect"])) for item in data["queries"]]


# Runs in the page: imports the site's Pagefind bundle and the site's own query module, then
# returns the first TOP result URLs of each query. `rewrite` false sends the query as typed, with
# Pagefind's default options; true rewrites it and uses the options the search page uses.
_SEARCH = """async ([queries, top, rewrite, ranking]) => {
  const pagefind = await import(new URL('/pagefind/pagefind.js', location.href).href);
  const site = await import(new URL('/assets/search/query.js', location.href).href);
  const { rewriteQuery } = site;
  if (rewrite) await pagefind.options({ ranking: ranking || site.RANKING });
  await pagefind.init();
  const out = [];
  for (const q of queries) {
    const found = await pagefind.search(rewrite ? rewriteQuery(q) : q);
    const pages = await Promise.all(found.results.slice(0, top).map((r) => r.data()));
    out.push(pages.map((p) => p.url));
  }
  return out;
}"""


def measure(page: object, base_url: str, queries: list[LabelledQuery], *, rewrite: bool,
            ranking: dict[str, float] | None = None) -> list[Outcome]:
    """Open the home page of the site at `base_url` and run every query through pagefind.search().

    `ranking` overrides the search page's ranking weights (for trying other weights)."""
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    args = [[q.q for q in queries], TOP, rewrite, ranking]
    tops = page.evaluate(_SEARCH, args)  # type: ignore[attr-defined]
    return [Outcome(q, tuple(top)) for q, top in zip(queries, tops, strict=True)]


def recall_at_5(outcomes: list[Outcome]) -> float:
    return sum(o.recall for o in outcomes) / len(outcomes)


def report(label: str, outcomes: list[Outcome]) -> str:
    lines = [f"{label}: recall@5 = {recall_at_5(outcomes):.3f} over {len(outcomes)} queries"]
    for o in outcomes:
        if o.recall < 1:
            missing = [u for u in o.query.expect if u not in o.top]
            lines.append(f"  {o.query.q} [{o.query.kind}] missed {missing}; top {list(o.top)}")
    return "\n".join(lines)
