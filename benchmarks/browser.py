"""Browser figures of a built site in headless Chromium, served on loopback by nginx with the site's
own configuration (`deploy/nginx/`: compression on, HTTP Range answered, as the packed lookup units
need), or by Python's http.server where nginx is not installed (no Range: packed units are read whole).

For each verification query and each site search a fresh browser context (empty cache) opens the
page, waits until it is ready, then submits the query; the figures are the time from submitting to
the result shown (measured in the page) and the bytes the page fetched for the query (response
headers and bodies as Chromium reports them), with the index shard counted on its own.
"""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
NGINX = Path("/usr/sbin/nginx")
PLAIN_SERVER = "Python's http.server (no compression, no Range)"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Submit a form and wait until the result area shows a final state; returns ms and the state.
_SUBMIT_VERIFY = """async ([number, code]) => {
  const form = document.querySelector('form[data-verify-form]');
  form.elements.number.value = number;
  form.elements.code.value = code;
  const result = document.querySelector('[data-verify-result]');
  const done = new Promise((resolve) => {
    const check = () => {
      const state = result.dataset.state || '';
      if (result.dataset.done === 'true' && state !== 'searching') { observer.disconnect(); resolve(state); }
    };
    const observer = new MutationObserver(check);
    observer.observe(result, { attributes: true, childList: true, subtree: true });
  });
  const start = performance.now();
  form.requestSubmit();
  const state = await done;
  return { ms: performance.now() - start, state };
}"""

_SUBMIT_SEARCH = """async (query) => {
  const root = document.querySelector('[data-site-search]');
  const form = root.querySelector('form');
  const input = root.querySelector('input[type=search]');
  const status = root.querySelector('[data-search-status]');
  const list = root.querySelector('[data-search-results]');
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const text = status.textContent;
      if (text && text !== '正在搜索…') { observer.disconnect(); resolve(text); }
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });
  input.value = query;
  const start = performance.now();
  form.requestSubmit();
  const text = await done;
  return { ms: performance.now() - start, status: text, results: list.children.length };
}"""


@dataclass(frozen=True)
class QueryFigure:
    kind: str  # verify or search
    label: str  # what the query is (never the holder's data)
    outcome: str
    ms: float
    bytes: int  # fetched while the query ran
    requests: int
    shard_bytes: int = 0  # verify: the index shard alone (body)
    start_bytes: int = 0  # bytes fetched by the page before the query (page, scripts, index start-up)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, *, plain: bool = False) -> Iterator[tuple[str, str]]:
    """(base URL, what serves it) of the site on loopback; `plain`: always Python's http.server, for
    figures that count uncompressed bytes."""
    if NGINX.exists() and not plain:
        from tests.infra.nginx_runner import start_nginx, stop_nginx

        with tempfile.TemporaryDirectory(prefix="benchmark-nginx-") as workdir:
            process, server = start_nginx(site, Path(workdir))
            try:
                yield server.url, "nginx with the site's configuration (gzip, HTTP Range)"
            finally:
                stop_nginx(process)
        return
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", PLAIN_SERVER
    finally:
        server.shutdown()
        server.server_close()


def _size(request: Any) -> tuple[int, int]:
    """(bytes on the wire as far as Chromium reports them, body bytes) of a finished request."""
    sizes = request.sizes()
    body = max(sizes.get("responseBodySize", 0), 0)
    return body + max(sizes.get("responseHeadersSize", 0), 0), body


class _Session:
    def __init__(self, browser: Any, url: str, errors: list[str]) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.finished: list[Any] = []
        self.page.on("requestfinished", lambda request: self.finished.append(request))
        self.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: errors.append(str(e)))
        self.url = url

    def bytes_since(self, mark: int) -> tuple[int, int, int]:
        """(bytes, requests, shard body bytes) of the requests finished after `mark`."""
        total = shard = 0
        requests = self.finished[mark:]
        for request in requests:
            wire, body = _size(request)
            total += wire
            if urllib.parse.urlparse(request.url).path.endswith(".bin"):
                shard += body
        return total, len(requests), shard

    def close(self) -> None:
        self.context.close()


def verify_query(browser: Any, url: str, label: str, number: str, code: str,
                 errors: list[str]) -> QueryFigure:
    session = _Session(browser, url, errors)
    try:
        page = session.page
        page.goto(url + "/verify/")
        page.wait_for_selector("[data-verify][data-ready=true]")
        page.wait_for_load_state("networkidle")
        start_bytes = session.bytes_since(0)[0]
        mark = len(session.finished)
        result = page.evaluate(_SUBMIT_VERIFY, [number, code])
        page.wait_for_load_state("networkidle")
        fetched, requests, shard = session.bytes_since(mark)
        return QueryFigure("verify", label, result["state"], result["ms"], fetched, requests, shard,
                           start_bytes)
    finally:
        session.close()


# Without the search page: the same Pagefind calls and query rewriting, on the home page.
_START_API = """async () => {
  const query = await import('/assets/search/query.js');
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ baseUrl: '/', ranking: query.RANKING });
  await pagefind.init();
  await pagefind.filters();
  window.benchmarkSearch = { pagefind, query };
}"""
_SEARCH_API = """async (text) => {
  const { pagefind, query } = window.benchmarkSearch;
  const start = performance.now();
  const found = await pagefind.search(query.rewriteQuery(text) || null);
  const pages = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return { ms: performance.now() - start, status: String(found.results.length), results: pages.length };
}"""


def search_query(browser: Any, url: str, query: str, errors: list[str], *, page_exists: bool) -> QueryFigure:
    session = _Session(browser, url, errors)
    try:
        page = session.page
        if page_exists:
            page.goto(url + "/search/")
            page.locator("select[data-filter]").first.wait_for(state="attached", timeout=60_000)
        else:
            page.goto(url + "/")
            page.evaluate(_START_API)
        page.wait_for_load_state("networkidle")
        start_bytes = session.bytes_since(0)[0]
        mark = len(session.finished)
        result = page.evaluate(_SUBMIT_SEARCH if page_exists else _SEARCH_API, query)
        page.wait_for_load_state("networkidle")
        fetched, requests, _shard = session.bytes_since(mark)
        outcome = f"{result['results']} shown"
        return QueryFigure("search", query, outcome, result["ms"], fetched, requests, 0, start_bytes)
    finally:
        session.close()


def browser_figures(site: Path, verify: list[tuple[str, str, str]],
                    searches: list[str]) -> tuple[list[QueryFigure], list[str], str]:
    """Run every query; return the figures, the console errors seen (expected: none) and the server."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    figures: list[QueryFigure] = []
    search_page = (site / "search" / "index.html").exists()
    with serve(site) as (url, server), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, number, code in verify:
                figures.append(verify_query(browser, url, label, number, code, errors))
            for query in searches:
                figures.append(search_query(browser, url, query, errors, page_exists=search_page))
        finally:
            browser.close()
    return figures, errors, server


def main(argv: list[str] | None = None) -> int:
    """Measure a site already built (for instance one kept from a benchmark size) and, with --results,
    put the figures into that size's entry of a results file written by `python -m benchmarks`."""
    import argparse
    import dataclasses
    import json

    from benchmarks import data
    from benchmarks.report import browser_table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=main.__doc__)
    parser.add_argument("--site", type=Path, required=True, help="the built site")
    parser.add_argument("--catalogue", type=Path, required=True, help="the catalogue it was built from")
    parser.add_argument("--results", type=Path, help="results.json to update")
    parser.add_argument("--certificates", type=int, help="the size (certificates) to update in --results")
    args = parser.parse_args(argv)
    figures, errors, server = browser_figures(args.site, data.verify_queries(args.catalogue),
                                              data.search_queries(args.catalogue))
    found = [dataclasses.asdict(f) for f in figures]
    print(f"served by {server}")
    print("\n".join(browser_table(found)))
    if errors:
        print(f"console errors: {errors[:3]}")
    if args.results:
        run = json.loads(args.results.read_text(encoding="utf-8"))
        entry = next(r for r in run["results"] if r["certificates"] == args.certificates)
        entry.update(browser=found, console_errors=errors, server=server)
        args.results.write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"updated {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
