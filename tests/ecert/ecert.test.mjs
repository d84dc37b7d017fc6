// lookup/ecert.js, base45.js and cbor.js against the vectors written by the Python side
// (tests/ecert/vectors.json): every case reaches the same outcome kind and the same claims.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as base45 from "../../lookup/base45.js";
import * as cbor from "../../lookup/cbor.js";
import {
  chinaDay, KeysError, loadKeyring, parseSign1, revocationStatus, verifyText,
} from "../../lookup/ecert.js";

const vectors = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));
const keyring = await loadKeyring(vectors.keys);
const fromHex = (text) => new Uint8Array(Buffer.from(text, "hex"));

test("base45 encodes and decodes as in Python and RFC 9285", () => {
  for (const { bytes, text } of vectors.base45) {
    assert.equal(base45.encode(fromHex(bytes)), text);
    assert.deepEqual(base45.decode(text), fromHex(bytes));
  }
  assert.throws(() => base45.decode("GGW"), /more than two bytes/); // 65536
  assert.throws(() => base45.decode("ABCD"), /3n\+1/);
  assert.throws(() => base45.decode("ab"), (error) => error.position === 0);
});

test("the strict CBOR reader refuses what the Python reader refuses", () => {
  assert.deepEqual(cbor.decode(Uint8Array.of(0x82, 0x01, 0x20)), [1, -1]);
  assert.throws(() => cbor.decode(Uint8Array.of(0x01, 0x02)), /after the CBOR item/);
  assert.throws(() => cbor.decode(Uint8Array.of(0xa2, 0x01, 0x01, 0x01, 0x02)), /twice/);
  assert.throws(() => cbor.decode(Uint8Array.of(0x9f, 0xff)), /indefinite/);
  assert.throws(() => cbor.decode(Uint8Array.of(0xf9, 0x3c, 0x00)), /float/);
  assert.throws(() => cbor.decode(Uint8Array.of(0xd2, 0x80)), /tag 18/);
  assert.throws(() => cbor.decode(Uint8Array.of(0x62, 0xc3, 0x28)), /UTF-8/);
  assert.deepEqual(cbor.decode(Uint8Array.of(0xd2, 0x80), { allowTag: true }), { tag: 18, value: [] });
});

test("every vector reaches the outcome the Python verifier reached", async () => {
  assert.ok(vectors.cases.length >= 20);
  for (const c of vectors.cases) {
    const outcome = await verifyText(c.text, keyring);
    assert.equal(outcome.kind, c.kind, `${c.name}: ${outcome.detail}`);
    if (c.token) assert.deepEqual(outcome.token, c.token, c.name);
  }
});

test("no one-character change of a valid text verifies", async () => {
  const valid = vectors.cases.find((c) => c.name === "valid").text;
  const alphabet = `${base45.ALPHABET}a`;
  const kinds = new Map();
  for (let i = 0; i < valid.length; i += 1) {
    for (const char of alphabet) {
      if (char === valid[i]) continue;
      // The prefix and a few alternatives per character cover every layer; all 45 would take minutes.
      if (i > 6 && alphabet.indexOf(char) % 9 !== i % 9) continue;
      const outcome = await verifyText(valid.slice(0, i) + char + valid.slice(i + 1), keyring);
      assert.notEqual(outcome.kind, "valid", `position ${i}: ${char}`);
      kinds.set(outcome.kind, (kinds.get(outcome.kind) || 0) + 1);
    }
  }
  assert.ok(kinds.get("damaged") > 0 && kinds.get("not-ours") > 0 && kinds.get("version") > 0, [...kinds]);
});

test("a key list of another format is refused", async () => {
  await assert.rejects(loadKeyring({ ...vectors.keys, version: 2 }), KeysError);
  const unknownStatus = { ...vectors.keys, keys: vectors.keys.keys.map((k) => ({ ...k, status: "revoked" })) };
  await assert.rejects(loadKeyring(unknownStatus), KeysError);
});

test("the signed days are counted in China time", () => {
  assert.equal(chinaDay(Date.UTC(2024, 0, 1, 15, 59) / 1000), "2024-01-01");
  assert.equal(chinaDay(Date.UTC(2024, 0, 1, 16, 0) / 1000), "2024-01-02");
});

test("the key id of a message is read from its protected header", async () => {
  const valid = vectors.cases.find((c) => c.name === "valid");
  const { decodeText } = await import("../../lookup/ecert.js");
  const message = parseSign1(await decodeText(valid.text));
  assert.equal(message.kid, vectors.keys.keys.find((k) => k.status === "active").kid);
});

test("the lookup index decides between valid, revoked, unlisted and changed", async () => {
  const { token } = await verifyText(vectors.cases[0].text, keyring);
  const record = {
    revoked: false, level: token.certificate.level, issuedOn: token.certificate.issuedOn,
    occupationCode: token.certificate.occupationCode, evaluationCode: token.certificate.evaluationCode,
  };
  const answer = (records) => async (number, code) => {
    assert.equal(number, token.certificate.number);
    assert.equal(code, token.certificate.code);
    return { problems: [], records, tables: {} };
  };
  assert.equal((await revocationStatus(token, answer([record]))).status, "valid");
  assert.equal((await revocationStatus(token, answer([{ ...record, revoked: true }]))).status, "revoked");
  assert.equal((await revocationStatus(token, answer([]))).status, "unlisted");
  assert.equal((await revocationStatus(token, answer([{ ...record, level: 2 }]))).status, "changed");
});
