// The certificate lookup without the page: query bytes, shard choice, salt search, opening an entry
// and decoding its record (index format version 2: generator/lookup/format.py, crypto.py, shards.py).
// Runs in browsers and in Node 20 (WebCrypto on globalThis.crypto); no DOM here.

import { compress, midstate, stateBytes } from "./sha256.js";
import { validateQuery } from "./normalise.js";

export { validateQuery };
export const FORMAT = "jlvsc-lookup";
export const FORMAT_VERSION = 2;
const DOMAIN = "JLVSC-LOOKUP";
const KEYS_DOMAIN = "JLVSC-KEYS";
const SHARD_DOMAIN = "JLVSC-SHARD";
const STREAM_DOMAIN = "JLVSC-STREAM";
const TAG_SIZE = 8;
const SIV_SIZE = 16;
const HASH_BYTES = 4;
const RECORD_VERSION = 2;
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

const sha256 = async (data) => new Uint8Array(await crypto.subtle.digest("SHA-256", data));
const hex = (value, digits) => value.toString(16).padStart(digits, "0");
const bytesHex = (bytes) => [...bytes].map((b) => hex(b, 2)).join("");

// Canonical query bytes q (number and code already normalised and well formed).
export function queryBytes(number, code) {
  return concat(encoder.encode(DOMAIN), Uint8Array.of(FORMAT_VERSION), encoder.encode(number),
    encoder.encode(code));
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
  const digest = await sha256(concat(encoder.encode(SHARD_DOMAIN), q));
  return new DataView(digest.buffer).getUint32(0);
}

export function shardOf(prefix, shardBits) {
  return shardBits === 0 ? 0 : prefix >>> (32 - shardBits);
}

export function checkManifest(manifest) {
  if (!manifest || manifest.format !== FORMAT) {
    throw new LookupError("version", `unknown index format ${manifest && manifest.format}`);
  }
  if (manifest.version !== FORMAT_VERSION) throw new LookupError("version", String(manifest.version));
  return manifest;
}

// Candidate salts whose tag t[0:8] equals the first 8 bytes of an entry of the shard:
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

// Open a candidate entry: decrypt with the keystream of its synthetic IV, then check the IV is the MAC
// of the record. null when it does not authenticate (a chance tag collision, or not this query's entry).
export async function openEntry(t, entry) {
  const k = await sha256(concat(encoder.encode(KEYS_DOMAIN), t));
  const siv = entry.slice(TAG_SIZE, TAG_SIZE + SIV_SIZE);
  const stream = await sha256(concat(encoder.encode(STREAM_DOMAIN), k.slice(0, 16), siv));
  const record = entry.slice(TAG_SIZE + SIV_SIZE).map((byte, i) => byte ^ stream[i]);
  const macKey = await crypto.subtle.importKey("raw", k.slice(16, 32), { name: "HMAC", hash: "SHA-256" },
    false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", macKey, record));
  for (let i = 0; i < SIV_SIZE; i += 1) if (mac[i] !== siv[i]) return null;
  return record;
}

function isoDay(days) {
  return new Date(EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10);
}

const u24 = (view, offset) => (view.getUint8(offset) << 16) | view.getUint16(offset + 1);
const pad = (value, width) => String(value).padStart(width, "0");

// The record of a certificate found under `number` (the number is part of the key that opened it).
export function decodeRecord(bytes, number) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== RECORD_VERSION) throw new LookupError("version", `record ${view.getUint8(0)}`);
  const flags = view.getUint8(1);
  const occupation = pad(u24(view, 5), 7);
  const revokedDays = view.getUint16(8);
  const nameLength = view.getUint8(11);
  return {
    number,
    evaluationCode: number.slice(0, 13),
    revoked: Boolean(flags & 1),
    level: view.getUint8(2),
    issuedOn: isoDay(view.getUint16(3)),
    occupationCode: `${occupation[0]}-${occupation.slice(1, 3)}-${occupation.slice(3, 5)}-${occupation.slice(5)}`,
    revokedOn: revokedDays ? isoDay(revokedDays) : null,
    revocationReason: view.getUint8(10) || null,
    maskedName: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + nameLength)),
  };
}

// The records of a query in one fetched shard.
export async function findInShard(q, number, shard, manifest) {
  const records = [];
  const candidates = searchSalts(queryBlock(q), manifest.salt_bits, shard, manifest.entry_size);
  for (const { offset, t } of candidates) {
    const plain = await openEntry(t, shard.subarray(offset, offset + manifest.entry_size));
    if (plain) records.push(decodeRecord(plain, number));
  }
  return records;
}

async function fetchOk(fetcher, url, init) {
  let response;
  try {
    response = await fetcher(url, init);
  } catch (error) {
    throw new LookupError("unreachable", `${url}: ${error}`);
  }
  if (!response.ok) throw new LookupError("unreachable", `${url}: HTTP ${response.status}`);
  return response;
}

// Bytes [start, start + length) of a file: one Range request; where the host ignores Range and sends
// the whole file, the body is read only up to the wanted bytes and the rest is cancelled.
export async function fetchRange(fetcher, url, start, length) {
  const response = await fetchOk(fetcher, url, { headers: { Range: `bytes=${start}-${start + length - 1}` } });
  if (response.status === 206) {
    const part = new Uint8Array(await response.arrayBuffer());
    if (part.length !== length) throw new LookupError("unreachable", `${url}: ${part.length} bytes in range`);
    return { bytes: part, ranged: true };
  }
  const reader = response.body.getReader();
  const out = new Uint8Array(length);
  let seen = 0;
  while (seen < start + length) {
    const { done, value } = await reader.read();
    if (done) throw new LookupError("unreachable", `${url}: ended after ${seen} bytes`);
    const from = Math.max(start - seen, 0);
    const to = Math.min(value.length, start + length - seen);
    if (to > from) out.set(value.subarray(from, to), seen + from - start);
    seen += value.length;
  }
  await reader.cancel();
  return { bytes: out, ranged: false };
}

// An index at `manifestUrl`, read through `fetcher` (window.fetch in the page).
export class LookupIndex {
  constructor(manifestUrl, fetcher = (url, init) => fetch(url, init)) {
    this.manifestUrl = new URL(manifestUrl);
    this.fetcher = fetcher;
    this.ready = null;
    this.groups = new Map();
    this.lastFetch = null; // {url, bytes, ranged} of the last shard read, for the page's tests
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

  async groupTable(manifest, group) {
    if (!this.groups.has(group)) {
      const name = `${hex(group, manifest.digits)}-${manifest.groups[group]}.bin`;
      const url = new URL(`${manifest.path}groups/${name}`, this.manifestUrl);
      const pending = fetchOk(this.fetcher, url.href).then(async (r) => new Uint8Array(await r.arrayBuffer()));
      this.groups.set(group, pending);
      pending.catch(() => this.groups.delete(group));
    }
    return this.groups.get(group);
  }

  // The shard a query falls in: its unit file is named by the group table.
  async shard(manifest, q) {
    const shard = shardOf(await shardPrefix(q), manifest.shard_bits);
    const unit = Math.floor(shard / manifest.shards_per_unit);
    const group = Math.floor(unit / manifest.units_per_group);
    if (group >= manifest.groups.length) throw new LookupError("unreachable", `no group ${group}`);
    const table = await this.groupTable(manifest, group);
    const at = (unit % manifest.units_per_group) * HASH_BYTES;
    if (table.length < at + HASH_BYTES) throw new LookupError("unreachable", `group table ${group} too short`);
    const name = `${hex(unit, manifest.digits)}-${bytesHex(table.subarray(at, at + HASH_BYTES))}.bin`;
    const url = new URL(`${manifest.path}units/${name}`, this.manifestUrl).href;
    const size = manifest.entries_per_shard * manifest.entry_size;
    let read;
    if (manifest.shards_per_unit === 1) {
      const bytes = new Uint8Array(await (await fetchOk(this.fetcher, url)).arrayBuffer());
      read = { bytes, ranged: false };
    } else {
      read = await fetchRange(this.fetcher, url, (shard % manifest.shards_per_unit) * size, size);
    }
    if (read.bytes.length !== size) throw new LookupError("unreachable", `${url}: ${read.bytes.length} bytes`);
    this.lastFetch = { url, bytes: read.bytes.length, ranged: read.ranged };
    return read.bytes;
  }

  // {problems} for malformed input, otherwise {records, tables, number} (records empty: no match).
  async query(rawNumber, rawCode) {
    const { number, code, problems } = validateQuery(rawNumber, rawCode);
    if (problems.length) return { problems, records: [] };
    const { manifest, tables } = await this.open();
    const q = queryBytes(number, code);
    const shard = await this.shard(manifest, q);
    return { problems: [], records: await findInShard(q, number, shard, manifest), tables, number };
  }
}
