// Electronic certificates without the page: read a QR text (JLZS1: + base45 + zlib + COSE_Sign1 with
// a CWT), check its ES256 signature with WebCrypto against the published keys (/verify/keys.json),
// and compare it with the lookup index. The same checks, in the same order and with the same outcome
// kinds, as generator/ecert/verify.py (shared vectors: tests/ecert/vectors.json). Runs in browsers
// and in Node 20; no DOM here.

import * as base45 from "./base45.js";
import * as cbor from "./cbor.js";

export const FAMILY = "JLZS";
export const VERSION = 1;
export const KEYS_FORMAT = "jlvsc-keys";
export const KEYS_VERSION = 1;
const TAG = 18;
const ES256 = -7;
const KID_SIZE = 8;
const ISS = 1;
const IAT = 6;
const CERTIFICATE = -65537;
const FIELDS = [
  [1, "number", "string"], [2, "code", "string"], [3, "holderName", "string"],
  [4, "occupationCode", "string"], [5, "occupationName", "string"], [6, "level", "number"],
  [7, "evaluationCode", "string"], [8, "enterpriseName", "string"], [9, "issuedOn", "string"],
];
const MAX_TEXT = 4296; // the most characters a QR code holds (version 40, alphanumeric, error level L)
const STATUSES = new Set(["active", "retired", "compromised"]);
const HALF_ORDER = 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n;

export class KeysError extends Error {}

const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
const outcome = (kind, detail, extra = {}) => ({ kind, detail, ...extra });

// The published keys, imported for WebCrypto: {issuer, prefix, keys: Map(kid → key)}.
export async function loadKeyring(document) {
  if (!document || document.format !== KEYS_FORMAT || document.version !== KEYS_VERSION) {
    throw new KeysError(`unknown key list format ${document && document.format} ${document && document.version}`);
  }
  const keys = new Map();
  for (const entry of document.keys) {
    if (!/^[0-9a-f]{16}$/.test(entry.kid) || !STATUSES.has(entry.status)) {
      throw new KeysError(`key ${JSON.stringify(entry.kid)} has an unknown id form or status ${entry.status}`);
    }
    const cryptoKey = await crypto.subtle.importKey("jwk", { ...entry.jwk, ext: true }, { name: "ECDSA", namedCurve: "P-256" },
      false, ["verify"]);
    keys.set(entry.kid, {
      kid: entry.kid, status: entry.status, validFrom: entry.valid_from, validUntil: entry.valid_until,
      development: Boolean(entry.development), cryptoKey,
    });
  }
  return { issuer: document.issuer, prefix: document.prefix, keys };
}

// The day (YYYY-MM-DD) of a time in China Standard Time (UTC+8).
export function chinaDay(seconds) {
  return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

export function verifiesOn(key, day) {
  if (key.status === "compromised" || day < key.validFrom) return false;
  return key.validUntil === null || day <= key.validUntil;
}

class Damaged extends Error {
  constructor(kind, detail) {
    super(detail);
    this.kind = kind;
  }
}

async function tryInflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// A zlib stream that must end exactly at the last byte. Some DecompressionStream implementations
// ignore bytes after the end of the stream, so the input less its last byte must fail to inflate.
async function inflate(bytes) {
  let out;
  try {
    out = await tryInflate(bytes);
  } catch (error) {
    throw new Damaged("damaged", `zlib: ${error.message}`);
  }
  const cut = await tryInflate(bytes.subarray(0, bytes.length - 1)).then(() => true, () => false);
  if (cut) throw new Damaged("damaged", "zlib: the stream is followed by other bytes");
  return out;
}

// The COSE message of a QR text (surrounding whitespace from pasting is ignored).
export async function decodeText(text) {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT) {
    throw new Damaged("damaged", `${trimmed.length} characters, more than any QR code holds (${MAX_TEXT})`);
  }
  const match = /^JLZS(\d+):/.exec(trimmed);
  if (!match) throw new Damaged("not-ours", `the text does not start with ${FAMILY}<version>:`);
  if (match[1] !== String(VERSION)) throw new Damaged("version", `format version ${match[1]} (this page reads ${VERSION})`);
  let stream;
  try {
    stream = base45.decode(trimmed.slice(match[0].length));
  } catch (error) {
    throw new Damaged("damaged", `base45: ${error.message} (character ${match[0].length + error.position + 1})`);
  }
  return inflate(stream);
}

function mapOf(value) {
  return value instanceof Map ? value : null;
}

// {protected, kid, payload, signature} of a COSE_Sign1 message.
export function parseSign1(bytes) {
  let message = cbor.decode(bytes, { allowTag: true });
  if (message && message.tag !== undefined) message = message.value;
  if (!Array.isArray(message) || message.length !== 4) throw new cbor.CborError("not an array of four items (expected COSE_Sign1)");
  const [protectedBytes, unprotected, payload, signature] = message;
  if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    throw new cbor.CborError("the protected header, payload or signature is not a byte string");
  }
  if (!mapOf(unprotected) || unprotected.size) throw new cbor.CborError("the unprotected header is not an empty map");
  const header = mapOf(cbor.decode(protectedBytes));
  if (!header || header.size !== 2 || !header.has(1) || !header.has(4)) throw new cbor.CborError("the protected header is not {1: alg, 4: kid}");
  if (header.get(1) !== ES256) throw new cbor.CborError(`algorithm ${header.get(1)} (expected -7, ES256)`);
  const kid = header.get(4);
  if (!(kid instanceof Uint8Array) || kid.length !== KID_SIZE) throw new cbor.CborError(`the key id is not ${KID_SIZE} bytes`);
  if (signature.length !== 64) throw new cbor.CborError(`the signature has ${signature.length} bytes (expected 64)`);
  return { protected: protectedBytes, kid: hex(kid), payload, signature };
}

export function toBeSigned(message) {
  return cbor.encode(["Signature1", message.protected, new Uint8Array(0), message.payload]);
}

export async function checkSignature(message, cryptoKey) {
  if (BigInt(`0x${hex(message.signature.subarray(32))}`) > HALF_ORDER) return false;
  return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, cryptoKey, message.signature, toBeSigned(message));
}

// {issuer, issuedAt, certificate: {number, code, holderName, …}} of a CWT payload.
export function decodeToken(payload) {
  const claims = mapOf(cbor.decode(payload));
  if (!claims || claims.size !== 3 || !claims.has(ISS) || !claims.has(IAT) || !claims.has(CERTIFICATE)) {
    throw new cbor.CborError("the payload is not a map of the claims iss (1), iat (6) and the certificate");
  }
  const issuer = claims.get(ISS);
  const issuedAt = claims.get(IAT);
  if (typeof issuer !== "string" || !Number.isInteger(issuedAt) || issuedAt < 0) {
    throw new cbor.CborError("iss is not text or iat is not a whole number of seconds");
  }
  const fields = mapOf(claims.get(CERTIFICATE));
  if (!fields || fields.size !== FIELDS.length || FIELDS.some(([key]) => !fields.has(key))) {
    throw new cbor.CborError("the certificate claim is not a map of the keys 1–9");
  }
  const certificate = {};
  for (const [key, name, type] of FIELDS) {
    const value = fields.get(key);
    if (typeof value !== type || (type === "number" && !Number.isInteger(value))) {
      throw new cbor.CborError(`certificate field ${key} (${name}) is not ${type === "number" ? "int" : "str"}`);
    }
    certificate[name] = value;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(certificate.issuedOn)) throw new cbor.CborError("certificate field 9 (issuedOn) is not a YYYY-MM-DD date");
  return { issuer, issuedAt, certificate };
}

// {kind, detail, token?, key?}; kind as in generator/ecert/verify.py.
export async function verifyText(text, keyring) {
  let message;
  try {
    message = parseSign1(await decodeText(text));
  } catch (error) {
    if (error instanceof Damaged) return outcome(error.kind, error.message);
    if (error instanceof cbor.CborError) return outcome("damaged", `COSE: ${error.message}`);
    throw error;
  }
  const key = keyring.keys.get(message.kid);
  if (!key) return outcome("unknown-key", `no published key has the id ${message.kid}`);
  if (key.status === "compromised") return outcome("compromised", `key ${key.kid} is marked compromised`, { key });
  if (!(await checkSignature(message, key.cryptoKey))) {
    return outcome("signature", "the signature does not match the content", { key });
  }
  let token;
  try {
    token = decodeToken(message.payload);
  } catch (error) {
    if (error instanceof cbor.CborError) return outcome("damaged", `claims: ${error.message}`, { key });
    throw error;
  }
  if (token.issuer !== keyring.issuer) {
    return outcome("not-ours", `issuer ${token.issuer} (expected ${keyring.issuer})`, { token, key });
  }
  const day = chinaDay(token.issuedAt);
  if (!verifiesOn(key, day)) return outcome("outside-validity", `signed on ${day}, outside the key's period`, { token, key });
  return outcome("valid", "", { token, key });
}

// What the lookup index says about a verified certificate: {status, record}, status one of
// "valid", "revoked", "unlisted" (not in the index) or "changed" (the index shows other details).
// `query` is LookupIndex.query; its LookupError (unreachable, version) is left to the caller.
export async function revocationStatus(token, query) {
  const { certificate } = token;
  const result = await query(certificate.number, certificate.code);
  const record = result.records && result.records[0];
  if (!record) return { status: "unlisted", record: null, tables: result.tables || {} };
  if (record.revoked) return { status: "revoked", record, tables: result.tables || {} };
  const same = record.level === certificate.level && record.issuedOn === certificate.issuedOn
    && record.occupationCode === certificate.occupationCode && record.evaluationCode === certificate.evaluationCode;
  return { status: same ? "valid" : "changed", record, tables: result.tables || {} };
}
