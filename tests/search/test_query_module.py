"""The browser's query module (assets/search/query.js): its Node tests, and agreement with the
Python side that writes the index, so that a query is cut exactly as the pages were."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.search.tokens import HAN_CLASS, TOKEN_PREFIX, TOKEN_VERSION, query_tokens

ROOT = Path(__file__).resolve().parents[2]
QUERY_JS = ROOT / "site_templates" / "assets" / "search" / "query.js"
NODE = shutil.which("node")

needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


@needs_node
def test_the_node_tests_of_the_query_module_pass() -> None:
    result = subprocess.run([NODE, "--test", str(Path(__file__).with_name("query.test.mjs"))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_node
def test_python_and_the_browser_cut_chinese_into_the_same_tokens() -> None:
    samples = ["长春宏达重型机械股份有限公司", "化工总控工", "工", "梅河口", "𠀀𠀁", "〇"]
    script = (f"const q = await import({json.dumps(QUERY_JS.as_uri())});"
              f"console.log(JSON.stringify({json.dumps(samples)}.map((s) => q.rewriteQuery(s))));")
    result = subprocess.run([NODE, "--input-type=module", "-e", script],
                            capture_output=True, text=True, check=True)
    browser = json.loads(result.stdout)
    python = [" ".join(query_tokens(s)) if re.fullmatch(f"[{HAN_CLASS}]+", s) else s for s in samples]
    assert browser == python


def test_both_sides_use_the_same_han_ranges_prefix_and_version() -> None:
    source = QUERY_JS.read_text(encoding="utf-8")
    han = re.search(r'export const HAN_CLASS = "([^"]+)";', source)
    assert han is not None
    js_ranges = re.sub(r"\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})",
                       lambda m: chr(int(m.group(1) or m.group(2), 16)), han.group(1))
    assert js_ranges == HAN_CLASS
    assert f'export const TOKEN_PREFIX = "{TOKEN_PREFIX}";' in source
    assert f"export const TOKEN_VERSION = {TOKEN_VERSION};" in source
