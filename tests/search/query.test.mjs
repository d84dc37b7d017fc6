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
