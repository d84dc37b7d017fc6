// Base45 (RFC 9285): the text of a QR code's alphanumeric mode as bytes. Strict, as
// generator/ecert/base45.py: a character outside the alphabet, a length of 3n+1 or a group too large
// for its bytes is an error (Base45Error with the 0-based position of the offending character).

export const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

export class Base45Error extends Error {
  constructor(message, position) {
    super(message);
    this.position = position;
  }
}

export function encode(bytes) {
  let out = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let value = bytes[i] * 256 + bytes[i + 1];
    const c = value % 45;
    value = (value - c) / 45;
    out += ALPHABET[c] + ALPHABET[value % 45] + ALPHABET[Math.floor(value / 45)];
  }
  if (bytes.length % 2) {
    const last = bytes[bytes.length - 1];
    out += ALPHABET[last % 45] + ALPHABET[Math.floor(last / 45)];
  }
  return out;
}

export function decode(text) {
  if (text.length % 3 === 1) {
    throw new Base45Error(`${text.length} characters (a base45 text never has 3n+1)`, text.length - 1);
  }
  const values = [];
  for (let i = 0; i < text.length; i += 1) {
    const value = ALPHABET.indexOf(text[i]);
    if (value < 0) throw new Base45Error(`character ${JSON.stringify(text[i])} is not in the base45 alphabet`, i);
    values.push(value);
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let at = 0;
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const value = values[i] + values[i + 1] * 45 + values[i + 2] * 2025;
      if (value > 0xffff) throw new Base45Error(`group ${text.slice(i, i + 3)} is ${value}, more than two bytes hold`, i);
      out[at] = value >> 8;
      out[at + 1] = value & 0xff;
      at += 2;
    } else {
      const value = values[i] + values[i + 1] * 45;
      if (value > 0xff) throw new Base45Error(`group ${text.slice(i, i + 2)} is ${value}, more than one byte holds`, i);
      out[at] = value;
      at += 1;
    }
  }
  return out;
}
