// Query rewriting, partial-match ranking and excerpts for the site search, without DOM access or
// network (tested in Node; engine.js runs the searches, search-page.js draws them).
//
// The index holds every run of Han characters also as "pair tokens": each pair of adjacent
// characters spelled as letters (see generator/search/tokens.py). Pagefind cuts Chinese queries
// with Intl.Segmenter, which often disagrees with how the page text was cut at build time, so a
// query is sent as pair tokens instead: both sides then cut Chinese the same way. Both sides also
// fold traditional characters to simplified ones first (fold.js, generator/search/fold.py).

export const TOKEN_PREFIX = "qz";
export const TOKEN_VERSION = 2;
// Same ranges as HAN_CLASS in generator/search/tokens.py.
export const HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}";
const PIECES = new RegExp(`[${HAN_CLASS}]+|[\\p{L}\\p{N}_]+`, "gu");
const HAN_START = new RegExp(`^[${HAN_CLASS}]`, "u");
// Written after each Han run as " token token … token " (see add_pair_tokens in Python).
const ONE_TOKEN = `${TOKEN_PREFIX}(?:[a-p]{5}){1,2}`;
const TOKENS = new RegExp(`\\s?(?:${ONE_TOKEN}\\s)*${ONE_TOKEN}(?![a-z])\\s?`, "g");
// Pinyin of titles and places, written between two markers (generator/search/pinyin.py).
const PINYIN = /\s?qzzz\s[\s\S]*?\sqzzz\s?/g;
const NIBBLES = 5;
const identity = (text) => text;

// Pagefind ranking weights used by the search page. The policy pages are long transcriptions and
// the enterprise pages short; with Pagefind's default page-length penalty (0.75) a policy term
// such as 考评结合 ranks the short enterprise pages that merely name the method above the work
// plan that defines it. benchmarks/search_quality.py measures the effect.
export const RANKING = { pageLength: 0.2 };
// Fewer full matches than this and pages that match only some of the query's words are added.
export const FEW = 5;

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

// The words of a query: Han runs, and runs of letters or digits (punctuation is dropped), after
// NFKC, lower case and `fold` (traditional → simplified).
export function queryPieces(query, fold = identity) {
  return fold(query.normalize("NFKC").toLowerCase()).match(PIECES) || [];
}

// The terms searched: Han runs as pair tokens, other words unchanged, each once.
export function queryTerms(query, fold = identity) {
  const words = [];
  for (const piece of queryPieces(query, fold)) {
    if (HAN_START.test(piece)) words.push(...queryTokens(piece));
    else words.push(piece);
  }
  return Array.from(new Set(words));
}

// The string handed to Pagefind for a search over all terms. Empty for a query with nothing searchable.
export function rewriteQuery(query, fold = identity) {
  return queryTerms(query, fold).join(" ");
}

// How many of `count` terms a page must match to be shown as a partial match.
export function partialThreshold(count) {
  return Math.max(1, Math.ceil(count / 3));
}

// Pages that match some of the terms, best first: more terms matched, then the larger sum of
// Pagefind's scores. `perTerm` holds one result list ({id, score}) per term; pages in `exclude`
// (the full matches) and pages under the threshold are left out.
export function rankPartial(perTerm, exclude = new Set()) {
  const pages = new Map();
  for (const results of perTerm) {
    for (const result of results) {
      if (exclude.has(result.id)) continue;
      const page = pages.get(result.id) || { id: result.id, matched: 0, score: 0 };
      page.matched += 1;
      page.score += result.score;
      pages.set(result.id, page);
    }
  }
  const least = partialThreshold(perTerm.length);
  return [...pages.values()]
    .filter((page) => page.matched >= least)
    .sort((a, b) => b.matched - a.matched || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// Page text as indexed, minus the search tokens, pinyin and Pagefind's zero-width spaces.
export function stripTokens(text) {
  return text.replace(PINYIN, " ").replace(TOKENS, "").replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
}

// An excerpt of `content` around the first place that matches the query, as a list of
// {text, mark} parts (mark = the part is a query word), for DOM code to render with textContent.
// Matching compares folded text, so 長春 marks 长春.
export function excerptParts(content, query, width = 90, fold = identity) {
  const text = stripTokens(content);
  const folded = fold(text).toLowerCase();
  // Folding keeps one code point per code point; if a character changes its UTF-16 length the
  // positions no longer line up, and the text itself is searched instead.
  const haystack = folded.length === text.length ? folded : text.toLowerCase();
  const words = queryPieces(query, fold).sort((a, b) => b.length - a.length);
  let at = -1;
  for (const word of words) {
    at = haystack.indexOf(word);
    if (at >= 0) break;
  }
  if (at < 0) {
    // No whole word of the query occurs; fall back to its first character that does.
    for (const char of Array.from(words.join(""))) {
      at = haystack.indexOf(char);
      if (at >= 0) break;
    }
  }
  const start = Math.max(0, (at < 0 ? 0 : at) - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const parts = [];
  if (start > 0) parts.push({ text: "…", mark: false });
  parts.push(...markWords(text.slice(start, end), haystack.slice(start, end), words));
  if (end < text.length) parts.push({ text: "…", mark: false });
  return parts;
}

// Split `text` into marked and unmarked parts where `haystack` (the same text, folded) holds a word.
function markWords(text, haystack, words) {
  const found = words.filter((w) => w.length > 0);
  const parts = [];
  let plain = 0;
  let i = 0;
  while (i < haystack.length) {
    const word = found.find((w) => haystack.startsWith(w, i));
    if (!word) {
      i += 1;
      continue;
    }
    if (i > plain) parts.push({ text: text.slice(plain, i), mark: false });
    parts.push({ text: text.slice(i, i + word.length), mark: true });
    i += word.length;
    plain = i;
  }
  if (plain < text.length) parts.push({ text: text.slice(plain), mark: false });
  return parts;
}
