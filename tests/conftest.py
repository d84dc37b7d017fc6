"""Shared fixtures: one build of the sample catalogue per site engine and test session, served over
HTTP, and a real headless Chromium. Browser tests use `page`, which fails the test on any console
error. The browser tests and the nginx tests run once for each engine (`site_engine`)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


ENGINES = ("mkdocs", "zensical")
# Tests in these places run against the sample site as each engine builds it; the rest use MkDocs.
ON_EVERY_ENGINE = ("browser/", "infra/test_nginx")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    path = metafunc.definition.path
    if "site_engine" not in metafunc.fixturenames or not path.is_relative_to(ROOT / "tests"):
        return
    if path.relative_to(ROOT / "tests").as_posix().startswith(ON_EVERY_ENGINE):
        metafunc.parametrize("site_engine", ENGINES, indirect=True, scope="session")


@pytest.fixture(scope="session")
def site_engine(request: pytest.FixtureRequest) -> str:
    """The engine that built `built_site`: MkDocs, or each engine in turn (ON_EVERY_ENGINE)."""
    return getattr(request, "param", "mkdocs")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`sample_site(engine)`: the sample catalogue built by that engine into a temporary folder,
    once per engine and session (the repository's site/ is not touched)."""
    from generator.build import Project, build

    sites: dict[str, Path] = {}

    def built(engine: str) -> Path:
        if engine not in sites:
            base = tmp_path_factory.mktemp(f"sample-build-{engine}")
            project = Project(ROOT, out=base / "site", work=base / "work", engine=engine)
            build(project)
            sites[engine] = project.out  # type: ignore[assignment]
        return sites[engine]

    return built


@pytest.fixture(scope="session")
def built_site(sample_site: Callable[[str], Path], site_engine: str) -> Path:
    """The sample catalogue built by `site_engine`."""
    return sample_site(site_engine)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def serve_directory() -> Iterator[object]:
    """Serve any folder on loopback for the rest of the session: `url = serve_directory(path)`."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        server, url = serve(directory)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the built sample site served on loopback."""
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page; the test fails if the browser console reports an error or a page error."""
    context = browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}")
            if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    yield page
    context.close()
    assert errors == [], "browser console was not empty:\n" + "\n".join(errors)
