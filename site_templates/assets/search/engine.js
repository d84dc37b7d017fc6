// The site search over Pagefind, without DOM access: folds and rewrites the query, searches all its
// terms, and when that finds few pages adds the pages that match some of them ("部分匹配").
// Used by the search page and by benchmarks/search_quality.py.
import { fold } from "./fold.js";
import { FEW, queryTerms, RANKING, rankPartial } from "./query.js";

export async function prepareSearch(pagefind, siteRoot) {
  await pagefind.options({ baseUrl: siteRoot.pathname, ranking: RANKING });
  await pagefind.init();
  return { pagefind, fold };
}

// {results: [{id, data, partial}], full: number of full matches, terms}
export async function searchSite(engine, query, filters = {}) {
  const { pagefind } = engine;
  const terms = queryTerms(query, engine.fold);
  const filtered = Object.keys(filters).length > 0;
  if (terms.length === 0 && !filtered) return { results: [], full: 0, terms };
  const all = await pagefind.search(terms.length ? terms.join(" ") : null, { filters });
  const results = all.results.map((r) => ({ id: r.id, data: r.data, partial: false }));
  if (results.length < FEW && terms.length > 1) {
    const each = await Promise.all(terms.map((term) => pagefind.search(term, { filters })));
    const byId = new Map();
    for (const found of each) for (const r of found.results) byId.set(r.id, r);
    const ranked = rankPartial(each.map((found) => found.results), new Set(results.map((r) => r.id)));
    for (const page of ranked) results.push({ id: page.id, data: byId.get(page.id).data, partial: true });
  }
  return { results, full: all.results.length, terms };
}
