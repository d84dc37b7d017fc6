"""The personal-data scan: quiet on a clean site with a lookup index, loud on every planted encoding."""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import urllib.parse
from pathlib import Path

import pytest

from generator.checks.pii_scan import HolderValues, Leak, scan_site, site_tokens
from generator.lookup import synthetic
from generator.lookup.index import write_lookup_index
from generator.settings import LookupSettings

NAME = "阿依古丽·买买提"
ID = "11010519491231002X"
NUMBER = "Y000022000101194000001"
RARE = "𠮷田明"
CODE = "7KQMR2XZ4HNP"
VALUES = {NAME, ID, NUMBER, RARE, CODE, "张伟"}
PAGE = "<html><body>" \
       "<h1>证书查询</h1><p>吉林省职业技能等级认定试点企业名录，张家口不是姓名。</p></body></html>"


CERTS = list(synthetic.certificates(300, synthetic.catalogue()))


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("pii") / "site"
    work = tmp_path_factory.mktemp("pii-work")
    write_lookup_index(CERTS, synthetic.catalogue(), site, work, LookupSettings(salt_bits=8), b"s")
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "logo.png").write_bytes(bytes(range(256)) * 40)
    return site


@pytest.fixture
def clean_site(indexed_site: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(indexed_site, tmp_path / "site"))


def _values(site: Path) -> set[str]:
    return VALUES | {v for c in CERTS for v in (c.holder_name, c.id_number, c.number, c.query_code)}


def test_a_site_with_a_lookup_index_and_no_personal_data_passes(clean_site: Path) -> None:
    assert scan_site(clean_site, _values(clean_site)) == []


def _b64_at(value: str, align: int, *, urlsafe: bool = False) -> str:
    data = b"x" * align + value.encode("utf-8") + b"yz"
    encoded = base64.urlsafe_b64encode(data) if urlsafe else base64.b64encode(data)
    return encoded.decode("ascii")


def _escape(value: str, upper: bool) -> str:
    units = value.encode("utf-16-be")
    text = "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))
    return text.upper().replace("\\U", "\\u") if upper else text


PLANTS = [
    ("page.html", f"<p>{NAME}</p>", "utf-8", "name"),
    ("page.html", "<p>阿依古丽•买买提</p>", "utf-8", "name"),
    ("data.json", json.dumps({"id": ID}), "utf-8", "id_number"),
    ("data.json", json.dumps({"n": NUMBER.lower().upper()}), "utf-8", "certificate_number"),
    ("qr.html", f"<p>查询码 {CODE}</p>", "utf-8", "verification_code"),
    ("qr.html", "<p>查询码 7KQM-R2XZ-4HNP</p>", "utf-8", "verification_code"),
    ("qr.html", "<a href='/verify/#n=x&c=7kqm r2xz 4hnp'>x</a>", "utf-8", "verification_code"),
    ("qr.html", "<a href='/verify/#n=x&c=7KQM%2DR2XZ%2D4HNP'>x</a>", "percent", "verification_code"),
    *[("b64.txt", f"c={_b64_at(CODE, a)}", "base64", "verification_code") for a in range(3)],
    ("data.json", json.dumps({"n": NAME}), "json-escape", "name"),
    ("data.json", '{"n": "' + _escape(NAME, upper=True) + '"}', "json-escape", "name"),
    ("data.json", '{"n": "' + _escape(RARE, upper=False) + '"}', "json-escape", "name"),
    ("data.js", 'const n = "\\u{20bb7}田明";', "json-escape", "name"),
    ("link.html", "<a href='/q?n=" + urllib.parse.quote(NAME) + "'>x</a>", "percent", "name"),
    ("link.html", "<a href='/q?n=" + urllib.parse.quote(RARE).lower() + "'>x</a>", "percent", "name"),
    ("link.html", "<a href='/q?n=" + urllib.parse.quote(NAME).lower() + "'>x</a>", "percent", "name"),
    ("ent.html", "<p>" + "".join(f"&#{ord(c)};" for c in NAME) + "</p>", "html-entity", "name"),
    ("ent.html", "<p>" + "".join(f"&#X{ord(c):X};" for c in RARE) + "</p>", "html-entity", "name"),
    *[("b64.txt", f"data:text/plain;base64,{_b64_at(NAME, a)}", "base64", "name") for a in range(3)],
    *[("b64.txt", f"token={_b64_at(ID, a, urlsafe=True)}", "base64", "id_number") for a in range(3)],
    *[("b64.txt", f"k:{_b64_at(RARE, a, urlsafe=True)};", "base64", "name") for a in range(3)],
]


@pytest.mark.parametrize(("file", "content", "encoding", "kind"), PLANTS)
def test_a_planted_value_is_caught_in_its_encoding(clean_site: Path, file: str, content: str, encoding: str,
                                                   kind: str) -> None:
    (clean_site / "assets").mkdir()
    (clean_site / "assets" / file).write_text(content, encoding="utf-8")
    assert Leak(f"assets/{file}", encoding, kind) in scan_site(clean_site, _values(clean_site))


def test_values_inside_gzip_and_binary_files_are_caught(clean_site: Path) -> None:
    (clean_site / "fragment.pf_fragment").write_bytes(gzip.compress(f'{{"content":"{NAME}"}}'.encode()))
    (clean_site / "blob.bin").write_bytes(b"\xff\xfe\x00" + ID.encode() + b"\x80\x81" + NUMBER.encode())
    leaks = scan_site(clean_site, _values(clean_site))
    assert Leak("fragment.pf_fragment", "gzip/utf-8", "name") in leaks
    assert Leak("blob.bin", "utf-8", "id_number") in leaks
    assert Leak("blob.bin", "utf-8", "certificate_number") in leaks


def test_a_leak_message_never_repeats_the_value(clean_site: Path) -> None:
    (clean_site / "x.html").write_text(NAME + ID, encoding="utf-8")
    messages = [str(leak) for leak in scan_site(clean_site, _values(clean_site))]
    assert messages == ["x.html: a holder's id number (utf-8)", "x.html: a holder's name (utf-8)"]
    assert not any(NAME in m or ID in m for m in messages)


@pytest.mark.slow
def test_the_built_sample_site_holds_no_holder_data_and_a_planted_leak_is_found(
        built_site: Path, project_root: Path, tmp_path: Path) -> None:
    from generator.certificates import iter_certificates
    from generator.checks.pii_scan import HolderValues, holder_values
    from generator.checks.public_names import without_public_names
    from generator.load.catalogue import read_catalogue

    catalogue_dir = project_root / "catalogue"
    catalogue = read_catalogue(catalogue_dir, display_root=project_root)
    values = HolderValues.of(holder_values(catalogue, catalogue_dir))
    assert len(values.numbers) == len(values.codes) == sum(f.count for f in catalogue.certificate_files) > 0
    # As the build does: a name that public sources also hold (a contact person, a phrase of the
    # search's OpenCC dictionary such as 李泽 in 李泽楷) is not holder data when it appears.
    values, _public = without_public_names(values, [
        project_root / "site_templates", catalogue_dir / "enterprises", catalogue_dir / "reference"])
    assert scan_site(built_site, values) == []
    cert = next(iter_certificates(catalogue_dir, catalogue.certificate_files[0]))
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    page = site / "verify" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", f"<span data-x='{urllib.parse.quote(cert.holder_name)}'></span></body>"), encoding="utf-8")
    assert scan_site(site, values) == [Leak("verify/index.html", "percent", "name")]


def test_a_rescan_reads_only_new_or_changed_files_and_still_matches_new_holders(tmp_path: Path) -> None:
    from generator.cache import BuildCache

    site = tmp_path / "site"
    site.mkdir()
    for i in range(5):
        (site / f"page{i}.html").write_text(f"<p>第 {i} 页 吉林省</p>", encoding="utf-8")
    (site / "old.html").write_text(f"<p>{NUMBER}</p>", encoding="utf-8")  # not a holder's number yet
    cache = BuildCache(tmp_path / "cache")
    assert scan_site(site, {ID}, cache=cache) == []
    assert cache.misses["site-tokens"] == 6 + 1  # each file, and the list of files without tokens

    cache.hits.clear()
    cache.misses.clear()
    (site / "page0.html").write_text("<p>改过的页面</p>", encoding="utf-8")
    (site / "new.html").write_text(f"<p>{_b64_at(ID, 1)}</p>", encoding="utf-8")
    leaks = scan_site(site, {ID, NUMBER}, cache=cache)  # NUMBER now belongs to a holder
    assert (cache.misses["site-tokens"], cache.hits["site-tokens"]) == (2, 5 + 1)
    assert leaks == [Leak("new.html", "base64", "id_number"),
                     Leak("old.html", "utf-8", "certificate_number")]
    assert leaks == scan_site(site, {ID, NUMBER})  # the same as a scan without the cache


def test_planted_values_in_many_files_are_each_found_in_one_scan(clean_site: Path) -> None:
    """The scan matches the tokens of every file at once; each planted value is still reported at its
    own file, and nothing else is, exactly as matching each reading on its own would."""
    wanted = HolderValues.of(_values(clean_site))
    assert not wanted.long_names and not wanted.others  # every value is matched by its hash here
    (clean_site / "assets").mkdir()
    planted = {}
    for number, (file, content, encoding, kind) in enumerate(PLANTS):
        path = f"assets/{number:02d}-{file}"
        (clean_site / path).write_text(content, encoding="utf-8")
        planted[path] = (encoding, kind)
    leaks = scan_site(clean_site, wanted)
    assert {leak.path for leak in leaks} == set(planted)
    assert all(Leak(path, *found) in leaks for path, found in planted.items())
    one_by_one = {Leak(path, encoding, kind) for path, readings in site_tokens(clean_site)
                  for encoding, tokens in readings for kind in wanted.kinds(tokens)}
    assert set(leaks) == one_by_one
