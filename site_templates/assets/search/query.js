// Query rewriting for the site search, without DOM access (tested in Node).
//
// The index holds every run of Han characters also as "pair tokens": each pair of adjacent
// characters spelled as letters (see generator/search/index.py). Pagefind cuts Chinese queries
// with Intl.Segmenter, which often disagrees with how the page text was cut at build time, so a
// query is sent as pair tokens instead: both sides then cut Chinese the same way.

export const TOKEN_PREFIX = "qz";
export const TOKEN_VERSION = 1;
// Same ranges as HAN_CLASS in generator/search/index.py.
export const HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}";
const PIECES = new RegExp(`[${HAN_CLASS}]+|[\\p{L}\\p{N}_]+`, "gu");
// Written after each Han run as " token token … token " (see add_pair_tokens in Python).
const ONE_TOKEN = `${TOKEN_PREFIX}(?:[a-p]{5}){1,2}`;
const TOKENS = new RegExp(`\\s?(?:${ONE_TOKEN}\\s)*${ONE_TOKEN}(?![a-z])\\s?`, "g");
const NIBBLES = 5;

// Pagefind ranking weights used by the search page. The policy pages are long transcriptions and
// the enterprise pages short; with Pagefind's default page-length penalty (0.75) a policy term
// such as 考评结合 ranks the short enterprise pages that merely name the method above the work
// plan that defines it. tests/search/test_recall.py measures the effect.
export const RANKING = { pageLength: 0.2 };

export function encodeChar(char) {
  const hex = char.codePointAt(0).toString(16).padStart(NIBBLES, "0");
  let out = "";
  for (const digit of hex) out += String.fromCharCode(97 + parseInt(digit, 16));
  return out;
}

export function queryTokens(run) {
  const chars = Array.from(run);
  if (chars.length === 1) return [TOKEN_PREFIX + encodeChar(chars[0])];
  const tokens = [];
  for (let i = 0; i + 1 < chars.length; i += 1) {
    tokens.push(TOKEN_PREFIX + encodeChar(chars[i]) + encodeChar(chars[i + 1]));
  }
  return tokens;
}

// The words of a query: Han runs, and runs of letters or digits (punctuation is dropped).
export function queryPieces(query) {
  return (query.normalize("NFKC").toLowerCase().match(PIECES) || []);
}

// The string handed to Pagefind: Han runs as pair tokens, other words unchanged. Empty for
// a query with nothing searchable.
export function rewriteQuery(query) {
  const words = [];
  for (const piece of queryPieces(query)) {
    if (new RegExp(`^[${HAN_CLASS}]`, "u").test(piece)) words.push(...queryTokens(piece));
    else words.push(piece);
  }
  return Array.from(new Set(words)).join(" ");
}

// Page text as indexed, minus the pair tokens (for titles and excerpts).
export function stripTokens(text) {
  return text.replace(TOKENS, "").trim();
}

// An excerpt of `content` around the first place that matches the query, as a list of
// {text, mark} parts (mark = the part is a query word), for DOM code to render with textContent.
export function excerptParts(content, query, width = 90) {
  const text = stripTokens(content).replace(/\s+/g, " ");
  const words = queryPieces(query).sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  let at = -1;
  for (const word of words) {
    at = lower.indexOf(word);
    if (at >= 0) break;
  }
  if (at < 0) {
    // No whole word of the query occurs; fall back to its first character that does.
    for (const char of Array.from(words.join(""))) {
      at = lower.indexOf(char);
      if (at >= 0) break;
    }
  }
  const start = Math.max(0, (at < 0 ? 0 : at) - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const slice = text.slice(start, end);
  const parts = [];
  if (start > 0) parts.push({ text: "…", mark: false });
  parts.push(...markWords(slice, words));
  if (end < text.length) parts.push({ text: "…", mark: false });
  return parts;
}

function markWords(text, words) {
  const found = words.filter((w) => w.length > 0);
  if (found.length === 0) return [{ text, mark: false }];
  const escaped = found.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(${escaped.join("|")})`, "giu");
  return text.split(pattern).filter((s) => s.length > 0).map((s) => ({
    text: s,
    mark: found.some((w) => w === s.toLowerCase()),
  }));
}
