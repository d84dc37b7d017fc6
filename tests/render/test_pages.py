"""The generated Markdown pages: every enterprise with every field, the directory table and its
filter data, the batch catalogues in the notice's columns, and escaping of catalogue text."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from generator.render.labels import level_range

from .conftest import TEMPLATES, render_into

CATALOGUE_COLUMNS = ["序号", "试点企业名称", "分（子）公司情况", "地址", "实施鉴定机构", "监管服务机构",
                     "联系人（方式）", "职业（工种）名称", "等级范围", "评价机构编码"]


def read(docs: Path, page: str) -> str:
    return (docs / page).read_text(encoding="utf-8")


def test_every_enterprise_page_holds_every_field(rendered, small_catalogue):
    pages = sorted(p.name for p in (rendered / "enterprises").glob("*.md"))
    assert pages == sorted(f"{e.id}.md" for e in small_catalogue.enterprises)
    for e in small_catalogue.enterprises:
        text = read(rendered, f"enterprises/{e.id}.md")
        for value in (e.name, e.credit_code, e.evaluation_code, e.industry.name, e.reporting_unit.name,
                      e.batch.name, e.address, e.assessment_body, e.supervisory_body):
            assert value in text, (e.id, value)
        for sub in e.subsidiaries:
            assert sub.name in text and sub.address in text
        for contact in e.contacts:
            assert contact.name in text and contact.role in text and contact.phone in text
            assert contact.email in text
        for scope in e.occupations:
            assert f"<code>{scope.occupation.code}</code>" in text
            assert level_range(scope) in text
            assert "、".join(m.name for m in scope.methods) in text
        for event in e.status_history:
            assert event.reason in text and event.document in text
        for result in e.supervision:
            assert result.summary in text


def test_enterprise_page_marks_unconfirmed_codes_and_formats_levels(rendered):
    text = read(rendered, "enterprises/changchun-test-machinery.md")
    rows = re.findall(r'<tr><td data-label="职业代码"><code>([^<]+)</code>'
                      r"( <span class=\"unconfirmed\"[^>]*>待核实</span>)?", text)
    assert rows == [("6-18-02-04", ""), ("6-18-01-01", ' <span class="unconfirmed" '
                                                       'title="职业代码尚待与国家职业技能标准核对">待核实</span>')]
    assert '<td data-label="等级范围">五级/初级工–二级/技师</td>' in text
    assert '<td data-label="职业（工种）名称" data-key>车工（数控车削）</td>' in text
    assert '<td data-label="大典版本">2015年版</td>' in text


def test_enterprise_page_carries_search_filters_and_title(rendered):
    text = read(rendered, "enterprises/changchun-test-machinery.md")
    filters = re.findall(r'data-pagefind-filter="([^"]+)"', text)
    assert filters == ["推报单位:长春市", "行业:装备制造", "状态:试点中", "职业:焊工", "职业:车工",
                       "等级:五级/初级工", "等级:四级/中级工", "等级:三级/高级工", "等级:二级/技师"]
    assert '<h1 data-pagefind-meta="title">长春测试机械有限公司</h1>' in text
    assert text.startswith('---\ntitle: "长春测试机械有限公司"\n')


def test_suspended_and_withdrawn_enterprises_are_marked(rendered):
    suspended = read(rendered, "enterprises/jilin-test-rice.md")
    assert '<p class="admonition-title">暂停试点</p>' in suspended
    assert "随机抽查发现考核记录不全，限期整改" in suspended
    withdrawn = read(rendered, "enterprises/yanbian-test-pharma.md")
    assert '<p class="admonition-title">已退出试点</p>' in withdrawn
    assert "该企业自<time datetime=\"2022-05-20\">2022年5月20日</time>起退出职业技能等级认定试点" in withdrawn
    active = read(rendered, "enterprises/changchun-test-machinery.md")
    assert "admonition-title" not in active
    directory = read(rendered, "directory/index.md")
    assert 'status-badge--withdrawn">已退出试点</span>' in directory
    assert 'status-badge--suspended">暂停试点</span>' in directory


def test_directory_lists_every_enterprise_with_filter_data(rendered, small_catalogue):
    text = read(rendered, "directory/index.md")
    rows = re.findall(r'<tr class="directory-row[^"]*"([^>]*)>', text)
    assert len(rows) == len(small_catalogue.enterprises) == 3
    assert 'data-unit="changchun" data-industry="equipment" ' \
           'data-scopes="6-18-02-04:2,3,4,5 6-18-01-01:3,4,5" data-batch="1" data-status="active"' in rows[0]
    links = re.findall(r'<th scope="row"><a href="([^"]+)">', text)
    ids = sorted(e.id for e in small_catalogue.enterprises)
    assert links == [f"../enterprises/{i}/" for i in ids]
    assert ('<p class="directory-count" id="directory-count" role="status" aria-live="polite">'
            '共 3 家</p>') in text
    assert ('<form class="directory-filters" id="directory-filters" role="search" '
            'aria-label="筛选试点企业" hidden>') in text
    labels = re.findall(r'<label for="filter-(\w+)">([^<]+)</label>', text)
    assert labels == [("unit", "推报单位"), ("industry", "行业"), ("occupation", "职业"), ("level", "等级"),
                      ("batch", "批次"), ("status", "状态"), ("q", "名称或代码")]
    units = re.search(r'<select id="filter-unit" name="unit">(.*?)</select>', text, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)">([^<]+)</option>', units) == [
        ("", "全部"), ("changchun", "长春市（1）"), ("jilin", "吉林市（1）"),
        ("yanbian", "延边朝鲜族自治州（1）")]
    levels = re.search(r'<select id="filter-level" name="level">(.*?)</select>', text, re.S).group(1)
    assert re.findall(r'<option value="(\d)">', levels) == ["5", "4", "3", "2"]


def test_batch_page_is_the_catalogue_in_the_notices_columns(rendered, small_catalogue):
    text = read(rendered, "batches/1.md")
    header = re.search(r"<thead>\n<tr>(.*?)</tr>", text).group(1)
    assert re.findall(r'<th scope="col">([^<]+)</th>', header) == CATALOGUE_COLUMNS
    members = [e for e in small_catalogue.enterprises if e.batch.number == 1]
    for e in members:
        assert f'<code>{e.evaluation_code}</code>' in text
        assert e.address in text and e.assessment_body in text and e.supervisory_body in text
    assert "延边测试药业" not in text  # batch 2
    assert '<td rowspan="2" data-label="序号">1</td>' in text  # two occupations span two rows
    assert ('<td data-label="职业（工种）名称" data-key>车工（数控车削）</td>\n'
            '<td data-label="等级范围">五级/初级工–三级/高级工</td>') in text
    assert '王示例 <a href="tel:+86-431-80000101">0431-80000101</a>' in text
    assert 'status-badge--suspended">暂停试点</span>（<time datetime="2021-03-10">' in text
    index = read(rendered, "batches/index.md")
    assert '<a href="1/">第一批试点企业目录</a>' in index and '<a href="2/">第二批试点企业目录</a>' in index


def test_home_page_lists_latest_changes_newest_first(rendered):
    text = read(rendered, "index.md")
    dates = re.findall(r'<li><time datetime="([\d-]+)">', text)
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2022-05-20"
    assert "延边测试药业股份有限公司：已退出试点" in text
    assert "吉林测试米业有限公司：随机抽查结果为“限期整改”" in text
    assert "公布第二批试点企业目录" in text
    assert "目前名录共有 3 家企业" in text
    for status in ("试点中", "暂停试点", "已退出试点"):
        assert f'<tr><th scope="row">{status}</th><td><a href="directory/?status=' in text
    order = [text.index(part) for part in ("开始查询证书", "查找试点企业", "名录概况", "最近更新")]
    assert order == sorted(order)


def test_catalogue_text_is_escaped(small_catalogue, settings, tmp_path):
    first = small_catalogue.enterprises[0]
    hostile = dataclasses.replace(first, name='<script>alert(1)</script>"测试', address="a & b <b>")
    catalogue = dataclasses.replace(small_catalogue, enterprises=[hostile, *small_catalogue.enterprises[1:]])
    docs = render_into(catalogue, settings, tmp_path / "docs")
    for page in (f"enterprises/{first.id}.md", "directory/index.md", "batches/1.md"):
        text = read(docs, page)
        assert "<script>" not in text, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "a &amp; b &lt;b&gt;" in read(docs, f"enterprises/{first.id}.md")
    assert read(docs, f"enterprises/{first.id}.md").startswith(
        '---\ntitle: "&lt;script&gt;alert(1)&lt;/script&gt;&#34;测试"\n')


def test_two_renders_are_byte_identical(small_catalogue, settings, tmp_path):
    first = render_into(small_catalogue, settings, tmp_path / "one")
    shuffled = dataclasses.replace(small_catalogue, enterprises=list(reversed(small_catalogue.enterprises)))
    second = render_into(shuffled, settings, tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_assets_are_copied_minified_and_vendored_files_as_they_are(rendered):
    for name in ("site.css", "directory.js", "theme/storage.js", "theme/palette.js", "theme/content.js"):
        source = (TEMPLATES / "assets" / name).read_text(encoding="utf-8")
        copied = (rendered / "assets" / name).read_text(encoding="utf-8")
        assert len(copied) < len(source) and "\n  " not in copied  # comments and indentation gone
        assert ("// " if name.endswith(".js") else "/* ") not in copied
    for path in (TEMPLATES / "assets" / "search" / "opencc").iterdir():  # vendored: byte for byte
        assert (rendered / "assets" / "search" / "opencc" / path.name).read_bytes() == path.read_bytes()
