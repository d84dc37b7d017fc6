"""Traditional → simplified folding: the vendored OpenCC tables, and Python and the browser folding
alike (the build folds page text in Python, the search page folds the query with opencc-js)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.search.fold import TABLES, fold, read_table

ROOT = Path(__file__).resolve().parents[2]
FOLD_JS = ROOT / "site_templates" / "assets" / "search" / "fold.js"
NODE = shutil.which("node")

# opencc-js 1.4.2: dist/esm-lib/core.js and dist/esm-lib/dict/*.js, unchanged.
VENDORED = {
    "core.js": "5675706adcebf6a524dc016548b8e61a9b086b4ae4caf8ec4e84d6753024b168",
    "TSPhrases.js": "d3cb6c2d1d08f8b1ccd808f4b913877b41ec1905f4c8f04299d0ddfcde623f4e",
    "TSCharacters.js": "85aee197470c6fa5fce207b4d1fe17b178eb8075b622133cd0eaa3c7d75fe16c",
}
SAMPLES = ["長春宏達重型機械股份有限公司", "松瀾藥業", "乾乾淨淨", "乾安縣", "過程化考核", "證書查詢",
           "聯繫方式", "吉林省職業技能等級認定試點工作方案（試行）", "延邊朝鮮族自治州", "穗澤米業",
           "长春宏达", "ＡＢＣ１２３", "著作", "後來", "𠀀"]


def test_the_vendored_opencc_files_are_the_published_ones() -> None:
    for name, digest in VENDORED.items():
        assert hashlib.sha256((TABLES / name).read_bytes()).hexdigest() == digest, name


def test_traditional_text_folds_to_simplified_and_simplified_text_stays() -> None:
    assert fold("長春宏達") == "长春宏达"
    assert fold("乾乾淨淨") == "干干净净"  # a phrase of the table before its characters
    assert fold("乾安縣") == "乾安县"  # a place name the phrase table keeps
    assert fold("吉林省职业技能等级认定试点") == "吉林省职业技能等级认定试点"
    assert fold("ＡＢＣ") == "ABC"


def test_every_entry_keeps_the_length_of_the_text() -> None:
    for name in ("TSPhrases.js", "TSCharacters.js"):
        assert all(len(k) == len(v) for k, v in read_table(TABLES / name).items())


def test_a_file_that_is_not_a_dictionary_module_is_a_build_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.js"
    bad.write_text("export default 1;\n", encoding="utf-8")
    with pytest.raises(BuildError, match="not an opencc-js dictionary module"):
        read_table(bad)


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_python_and_the_browser_fold_alike(built_site: Path) -> None:
    texts = list(SAMPLES)
    for page in sorted(built_site.glob("enterprises/*/index.html"))[:3]:
        texts.append(page.read_text(encoding="utf-8")[:4000])
    script = (f"const m = await import({json.dumps(FOLD_JS.as_uri())});"
              "let input = ''; for await (const chunk of process.stdin) input += chunk;"
              "console.log(JSON.stringify(JSON.parse(input).map(m.fold)));")
    result = subprocess.run([NODE, "--input-type=module", "-e", script], input=json.dumps(texts),
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [fold(t) for t in texts]
