// The certificate lookup without the page: query bytes, shard choice, salt search, decryption and
// record decoding (index format version 1, generator/lookup/format.py and crypto.py).
// Runs in browsers and in Node 20 (WebCrypto on globalThis.crypto); no DOM here.

import { compress, midstate, stateBytes } from "./sha256.js";
import { MODE_ID, MODE_NUMBER, validateQuery } from "./normalise.js";

export { MODE_ID, MODE_NUMBER, validateQuery };
export const FORMAT = "jlvsc-lookup";
export const FORMAT_VERSION = 1;
const DOMAIN = "JLVSC-LOOKUP";
const TAG_SIZE = 8;
const RECORD_VERSION = 1;
const EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86400000;

const encoder = new TextEncoder();

export class LookupError extends Error {
  constructor(kind, detail) {
    super(`${kind}: ${detail}`);
    this.kind = kind; // "unreachable" | "version"
    this.detail = detail;
  }
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// Canonical query bytes q (key and name already normalised).
export function queryBytes(mode, key, name) {
  return concat(encoder.encode(DOMAIN), Uint8Array.of(FORMAT_VERSION), encoder.encode(mode),
    encoder.encode(key), Uint8Array.of(0), encoder.encode(name));
}

// M: q with a 16-bit length prefix, zero-padded to whole 64-byte blocks.
export function queryBlock(q) {
  const size = Math.ceil((q.length + 2) / 64) * 64;
  const out = new Uint8Array(size);
  out[0] = q.length >> 8;
  out[1] = q.length & 0xff;
  out.set(q, 2);
  return out;
}

export async function shardPrefix(q) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", concat(encoder.encode("shard"), q)));
  return new DataView(digest.buffer).getUint32(0);
}

export function shardName(prefix, shardBits) {
  const value = shardBits === 0 ? 0 : prefix >>> (32 - shardBits);
  return value.toString(16).padStart(Math.ceil(shardBits / 4), "0");
}

export function checkManifest(manifest) {
  if (!manifest || manifest.format !== FORMAT) {
    throw new LookupError("version", `unknown index format ${manifest && manifest.format}`);
  }
  if (manifest.version !== FORMAT_VERSION) throw new LookupError("version", String(manifest.version));
  return manifest;
}

// Candidate salts whose tag t_s[0:8] equals the first 8 bytes of an entry of the shard:
// one SHA-256 compression per salt from the mid-state of M.
export function searchSalts(block, saltBits, shard, entrySize) {
  const view = new DataView(shard.buffer, shard.byteOffset, shard.byteLength);
  const byHigh = new Map();
  for (let offset = 0; offset + entrySize <= shard.length; offset += entrySize) {
    const high = view.getUint32(offset);
    const list = byHigh.get(high);
    if (list) list.push(offset);
    else byHigh.set(high, [offset]);
  }
  const state = midstate(block);
  const last = new Uint32Array(16);
  last[1] = 0x80000000;
  const bits = (block.length + 4) * 8;
  last[14] = Math.floor(bits / 0x100000000);
  last[15] = bits >>> 0;
  const out = new Uint32Array(8);
  const found = [];
  const count = 2 ** saltBits;
  for (let salt = 0; salt < count; salt += 1) {
    last[0] = salt;
    compress(state, last, out);
    const offsets = byHigh.get(out[0]);
    if (offsets) {
      for (const offset of offsets) {
        if (view.getUint32(offset + 4) === out[1]) found.push({ salt, offset, t: stateBytes(out) });
      }
    }
  }
  return found;
}

// Decrypt a candidate entry; null if authentication fails (a chance tag collision).
export async function openEntry(t, entry) {
  const key = await crypto.subtle.importKey("raw", t.slice(16, 32), "AES-GCM", false, ["decrypt"]);
  const iv = concat(t.slice(8, 16), new Uint8Array(4));
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, entry.slice(TAG_SIZE)));
  } catch {
    return null;
  }
}

function isoDay(days) {
  return new Date(EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10);
}

const u24 = (view, offset) => (view.getUint8(offset) << 16) | view.getUint16(offset + 1);
const pad = (value, width) => String(value).padStart(width, "0");

export function decodeRecord(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== RECORD_VERSION) throw new LookupError("version", `record ${view.getUint8(0)}`);
  const flags = view.getUint8(1);
  const evaluationCode = (flags & 2 ? "S" : "Y") + pad(view.getUint16(2), 4) + pad(view.getUint8(4), 2)
    + pad(u24(view, 5), 6);
  const level = view.getUint8(11);
  const occupation = pad(u24(view, 15), 7);
  const revokedDays = view.getUint16(18);
  const nameLength = view.getUint8(21);
  return {
    number: evaluationCode + pad(view.getUint8(12), 2) + level + pad(u24(view, 8), 6),
    evaluationCode,
    revoked: Boolean(flags & 1),
    level,
    issuedOn: isoDay(view.getUint16(13)),
    occupationCode: `${occupation[0]}-${occupation.slice(1, 3)}-${occupation.slice(3, 5)}-${occupation.slice(5)}`,
    revokedOn: revokedDays ? isoDay(revokedDays) : null,
    revocationReason: view.getUint8(20) || null,
    maskedName: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(22, 22 + nameLength)),
  };
}

// Find the records of a normalised query in one fetched shard.
export async function findInShard(q, shard, manifest) {
  const records = [];
  const candidates = searchSalts(queryBlock(q), manifest.salt_bits, shard, manifest.entry_size);
  for (const { offset, t } of candidates) {
    const plain = await openEntry(t, shard.subarray(offset, offset + manifest.entry_size));
    if (plain) records.push(decodeRecord(plain));
  }
  records.sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
  return records;
}

async function fetchOk(fetcher, url) {
  let response;
  try {
    response = await fetcher(url);
  } catch (error) {
    throw new LookupError("unreachable", `${url}: ${error}`);
  }
  if (!response.ok) throw new LookupError("unreachable", `${url}: HTTP ${response.status}`);
  return response;
}

// An index at `manifestUrl`, read through `fetcher` (window.fetch in the page).
export class LookupIndex {
  constructor(manifestUrl, fetcher = (url) => fetch(url)) {
    this.manifestUrl = new URL(manifestUrl);
    this.fetcher = fetcher;
    this.ready = null;
  }

  open() {
    if (!this.ready) {
      this.ready = (async () => {
        const response = await fetchOk(this.fetcher, this.manifestUrl.href);
        let manifest;
        try {
          manifest = await response.json();
        } catch (error) {
          throw new LookupError("unreachable", `manifest is not JSON: ${error}`);
        }
        checkManifest(manifest);
        const tablesUrl = new URL(manifest.tables, this.manifestUrl);
        const tables = await (await fetchOk(this.fetcher, tablesUrl.href)).json();
        return { manifest, tables };
      })();
      this.ready.catch(() => { this.ready = null; }); // try again on the next query
    }
    return this.ready;
  }

  // {problems} for malformed input, otherwise {records, tables} (records empty: no match).
  async query(mode, rawKey, rawName) {
    const { key, name, problems } = validateQuery(mode, rawKey, rawName);
    if (problems.length) return { problems, records: [] };
    const { manifest, tables } = await this.open();
    const q = queryBytes(mode, key, name);
    const base = new URL(manifest.path, this.manifestUrl);
    const url = new URL(`${shardName(await shardPrefix(q), manifest.shard_bits)}.bin`, base);
    const shard = new Uint8Array(await (await fetchOk(this.fetcher, url.href)).arrayBuffer());
    if (shard.length !== manifest.entries_per_shard * manifest.entry_size) {
      throw new LookupError("unreachable", `${url.href}: ${shard.length} bytes`);
    }
    return { problems: [], records: await findInShard(q, shard, manifest), tables };
  }
}
