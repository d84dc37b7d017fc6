// Node tests of the search page's query module (run by test_query_module.py with `node --test`).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const q = await import(path.join(here, "../../site_templates/assets/search/query.js"));

test("a Han character is spelled as five letters a-p of its code point", () => {
  assert.equal(q.encodeChar("松"), "aghho"); // U+677E
  assert.equal(q.encodeChar("𠀀"), "caaaa"); // U+20000, outside the BMP
});

test("a Chinese query becomes its overlapping character pairs", () => {
  assert.deepEqual(q.queryTokens("松澜药业"), ["qzaghhoagpjm", "qzagpjmaidgp", "qzaidgpaeobk"]);
});

test("a one-character query is sent as a prefix of every pair that starts with it", () => {
  assert.deepEqual(q.queryTokens("工"), ["qzafnof"]);
});

test("punctuation is dropped, latin words and numbers are kept, repeated pairs are sent once", () => {
  assert.equal(q.rewriteQuery("“焊工”，Y000022"), "qzahbakafnof y000022");
  assert.equal(q.rewriteQuery("工工工"), "qzafnofafnof");
  assert.equal(q.rewriteQuery("、。！"), "");
});

test("full-width letters are folded before searching", () => {
  assert.equal(q.rewriteQuery("ＹＡ"), "ya");
});

test("pair tokens are removed from indexed text, leaving the page's own words", () => {
  const indexed = "长春 qzajfhpaggcf qzaggcf 宏达 qzaggcfaflip qzaflip 重工 qzaiploajbmn qzajbmn , Y00";
  assert.equal(q.stripTokens(indexed), "长春宏达重工, Y00");
});

test("an excerpt marks the query where it occurs", () => {
  const parts = q.excerptParts("吉林省松澜药业 qzaghhoagpjm 集团股份有限公司", "松澜药业");
  assert.deepEqual(parts, [
    { text: "吉林省", mark: false },
    { text: "松澜药业", mark: true },
    { text: "集团股份有限公司", mark: false },
  ]);
});

test("a long text is cut around the first match", () => {
  const text = "甲".repeat(200) + "焊工" + "乙".repeat(200);
  const parts = q.excerptParts(text, "焊工", 60);
  assert.equal(parts[0].text, "…");
  assert.equal(parts.at(-1).text, "…");
  assert.ok(parts.some((p) => p.mark && p.text === "焊工"));
  assert.ok(parts.map((p) => p.text).join("").length <= 62);
});

test("a query is folded before it is cut, with the fold the page passes in", () => {
  const fold = (text) => text.replace("長", "长");
  assert.equal(q.rewriteQuery("長春", fold), q.rewriteQuery("长春"));
  assert.deepEqual(q.queryTerms("长春 长春 Y0"), ["qzajfhpaggcf", "y0"]);
});

test("partial matches rank by terms matched, then by score, and leave out full matches", () => {
  const perTerm = [
    [{ id: "a", score: 1 }, { id: "b", score: 5 }, { id: "full", score: 9 }],
    [{ id: "a", score: 1 }, { id: "full", score: 9 }],
    [{ id: "c", score: 2 }],
  ];
  const ranked = q.rankPartial(perTerm, new Set(["full"]));
  assert.deepEqual(ranked.map((p) => [p.id, p.matched]), [["a", 2], ["b", 1], ["c", 1]]);
});

test("a page must match a third of many terms to count as a partial match", () => {
  assert.equal(q.partialThreshold(2), 1);
  assert.equal(q.partialThreshold(9), 3);
  const perTerm = Array.from({ length: 9 }, (_, i) => (i < 2 ? [{ id: "weak", score: 1 }] : []));
  assert.deepEqual(q.rankPartial(perTerm), []);
});

test("pinyin blocks and zero-width spaces are removed from indexed text", () => {
  const indexed = "长春\u200b宏达 qzajfhpaggcf  qzzz changchun cc qzzz 重工";
  assert.equal(q.stripTokens(indexed), "长春宏达 重工");
});

test("an excerpt marks the page's own characters where the folded query occurs", () => {
  const fold = (text) => text.replace(/長/g, "长").replace(/達/g, "达");
  const parts = q.excerptParts("位于長春市的宏達公司", "长春", 90, fold);
  assert.deepEqual(parts, [
    { text: "位于", mark: false },
    { text: "長春", mark: true },
    { text: "市的宏達公司", mark: false },
  ]);
});
