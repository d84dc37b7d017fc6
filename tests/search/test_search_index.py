"""Index-side tokens (generator/search/tokens.py, augment.py) and the Pagefind run on a small site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.search.augment import augment_html
from generator.search.index import build_search_index, render_search_page
from generator.search.pinyin import pinyin_block
from generator.search.tokens import encode_char, index_tokens, query_tokens


def tokens(text: str) -> str:
    return " ".join(query_tokens(text))


def test_a_character_is_spelled_with_five_letters_of_its_code_point() -> None:
    assert encode_char("松") == "aghho"  # U+677E
    assert encode_char("𠀀") == "caaaa"  # U+20000


def test_a_run_is_indexed_as_its_pairs_and_its_last_character() -> None:
    assert index_tokens("焊工") == ["qzahbakafnof", "qzafnof"]
    assert index_tokens("工") == ["qzafnof"]


def test_every_query_pair_of_a_phrase_is_indexed_for_a_page_holding_the_phrase() -> None:
    indexed = set(index_tokens("吉林省松澜药业集团股份有限公司"))
    for part in ("松澜药业", "药业集团", "有限公司", "吉林"):
        assert set(query_tokens(part)) <= indexed
    # a one-character query is a prefix of a pair, or the run's last character itself
    assert any(t.startswith(query_tokens("司")[0]) for t in indexed)


def test_body_text_gets_tokens_and_the_head_does_not() -> None:
    page = "<html><head><title>焊工</title></head><body><p>焊工</p></body></html>"
    assert augment_html(page) == (
        "<html><head><title>焊工</title></head><body><p>焊工 qzahbakafnof qzafnof </p></body></html>")


def test_scripts_styles_comments_and_attributes_are_kept_as_they_are() -> None:
    page = ('<body><script type="module">const a = "长春";</script><style>p::after{content:"长"}</style>'
            '<!-- 长春 --><img alt="长春"></body>')
    assert augment_html(page) == page


def test_text_that_is_a_meta_value_is_kept_and_its_tokens_and_pinyin_follow_the_element() -> None:
    page = '<body><h1 data-pagefind-meta="title">长春<b>宏达</b></h1></body>'
    assert augment_html(page) == (
        '<body><h1 data-pagefind-weight="10" data-pagefind-meta="title">长春<b>宏达</b></h1>'
        '<span data-pagefind-weight="10"> ' + tokens("长春宏达") + " qzaiplo </span>"
        '<span data-pagefind-weight="10"> qzzz changchunhongda cchd chunhongda chd hongda hd da qzzz </span>'
        "</body>")


def test_traditional_characters_are_indexed_as_simplified_ones() -> None:
    expected = "<body><p>長春 " + tokens("长春") + " qzaggcf </p></body>"
    assert augment_html("<body><p>長春</p></body>") == expected


def test_a_synonym_of_a_word_in_the_text_is_indexed_too() -> None:
    out = augment_html("<body><p>考评人员培训</p></body>")
    assert set(query_tokens("考评员培训")) <= set(out.split())
    out = augment_html("<body><p>分（子）公司情况</p></body>")
    assert set(query_tokens("子公司")) <= set(out.split())


def test_places_marked_for_pinyin_get_it_and_other_text_does_not() -> None:
    out = augment_html('<body><p><span data-search-pinyin>梅河口市</span>推报</p><p>焊工</p></body>')
    assert pinyin_block("梅河口市") in out
    assert out.count("qzzz") == 2
    assert "meihekou" in pinyin_block("梅河口市") and " mhk" in pinyin_block("梅河口市")


def test_table_cells_end_with_a_separator_so_excerpts_keep_them_apart() -> None:
    out = augment_html("<body><table><tr><th>企业名称</th><td>宏达</td><td></td></tr></table></body>")
    assert out.count(" · ") == 2
    assert "<td> · </td>" not in out


def test_filters_with_an_explicit_value_are_left_alone() -> None:
    page = '<body><span data-pagefind-filter="推报单位:长春市"></span></body>'
    assert augment_html(page) == page


def test_a_word_split_by_inline_markup_still_gets_the_pair_across_the_tag() -> None:
    out = augment_html("<body><p>长春<a href='x'>宏达</a></p></body>")
    assert query_tokens("春宏")[0] in out
    out = augment_html("<body><td>长春</td><td>宏达</td></body>")
    assert query_tokens("春宏")[0] not in out


def test_heading_permalinks_are_left_out_of_the_index() -> None:
    page = '<body><h2 id="a">目录<a class="headerlink" href="#a">¶</a></h2></body>'
    assert '<a data-pagefind-ignore class="headerlink" href="#a">¶</a>' in augment_html(page)


def small_site(root: Path) -> Path:
    pages = {
        "index.html": "首页 长春宏达重型机械股份有限公司",
        "enterprises/a/index.html": "吉林省松澜药业集团股份有限公司 化工总控工",
        "search/index.html": "全站搜索",
    }
    for path, text in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title>'
                          f"</head><body><main data-pagefind-body><h1>{text}</h1></main></body></html>",
                          encoding="utf-8")
    return root


def bundle_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def test_the_index_is_written_into_the_site_and_the_pages_are_not_changed(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    build_search_index(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.5.2"
    assert entry["languages"]["zh"]["page_count"] == 2  # the search page itself is not indexed
    assert {p: p.read_bytes() for p in site.rglob("*.html") if "pagefind" not in p.parts} == before
    assert not (site / "pagefind" / "pagefind-ui.js").exists()


def test_two_runs_write_identical_bundles(tmp_path: Path) -> None:
    first, second = small_site(tmp_path / "one"), small_site(tmp_path / "two")
    build_search_index(first)
    build_search_index(second)
    assert bundle_bytes(first) == bundle_bytes(second)


def test_a_site_without_pages_is_a_build_error(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(BuildError) as raised:
        build_search_index(tmp_path / "site")
    assert str(raised.value) == f"{tmp_path / 'site'}: no HTML pages to index for search"


def test_the_search_page_is_written_into_the_docs_folder(tmp_path: Path) -> None:
    written = render_search_page(tmp_path)
    assert written == tmp_path / "search" / "index.md"
    text = written.read_text(encoding="utf-8")
    assert "data-site-search" in text and "<script" not in text
