// The CBOR (RFC 8949) an electronic certificate uses, and nothing more: unsigned and negative
// integers, byte and text strings, arrays, maps, false/true/null, and one tag (18) in front of the
// whole message. Definite lengths only, no map key twice, no bytes after the item. The Python side
// (generator/ecert/cose.py, strict_loads) refuses exactly what this module refuses.

export class CborError extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const MAX_DEPTH = 16;

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = 0;
  }

  need(count) {
    if (this.at + count > this.bytes.length) throw new CborError("the data ends inside an item");
  }

  argument(info) {
    if (info < 24) return info;
    const sizes = { 24: 1, 25: 2, 26: 4, 27: 8 };
    const size = sizes[info];
    if (!size) throw new CborError(`additional information ${info} (indefinite lengths are not allowed)`);
    this.need(size);
    let value;
    if (size === 1) value = this.view.getUint8(this.at);
    else if (size === 2) value = this.view.getUint16(this.at);
    else if (size === 4) value = this.view.getUint32(this.at);
    else {
      const big = this.view.getBigUint64(this.at);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError("an integer larger than 2^53");
      value = Number(big);
    }
    this.at += size;
    return value;
  }

  item(depth, top) {
    if (depth > MAX_DEPTH) throw new CborError("items nested too deeply");
    this.need(1);
    const initial = this.bytes[this.at];
    this.at += 1;
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      throw new CborError(`simple value or float 0x${initial.toString(16)} (not used here)`);
    }
    const value = this.argument(info);
    switch (major) {
      case 0: return value;
      case 1: return -1 - value;
      case 2: {
        this.need(value);
        const out = this.bytes.slice(this.at, this.at + value);
        this.at += value;
        return out;
      }
      case 3: {
        this.need(value);
        let text;
        try {
          text = utf8.decode(this.bytes.subarray(this.at, this.at + value));
        } catch {
          throw new CborError("a text string that is not UTF-8");
        }
        this.at += value;
        return text;
      }
      case 4: {
        const out = [];
        for (let i = 0; i < value; i += 1) out.push(this.item(depth + 1, false));
        return out;
      }
      case 5: {
        const out = new Map();
        for (let i = 0; i < value; i += 1) {
          const key = this.item(depth + 1, false);
          if (typeof key !== "number" && typeof key !== "string") throw new CborError("a map key that is not an integer or text");
          if (out.has(key)) throw new CborError(`map key ${JSON.stringify(key)} twice`);
          out.set(key, this.item(depth + 1, false));
        }
        return out;
      }
      default: // 6: tag
        if (!top || value !== 18) throw new CborError(`tag ${value} (only tag 18 in front of the message)`);
        return { tag: value, value: this.item(depth + 1, false) };
    }
  }
}

// One item that uses all of `bytes`. Maps become Map objects (integer keys stay numbers).
export function decode(bytes, { allowTag = false } = {}) {
  const reader = new Reader(bytes);
  const value = reader.item(0, allowTag);
  if (reader.at !== bytes.length) throw new CborError(`${bytes.length - reader.at} byte(s) after the CBOR item`);
  return value;
}

function head(major, value) {
  if (value < 24) return [(major << 5) | value];
  if (value < 0x100) return [(major << 5) | 24, value];
  if (value < 0x10000) return [(major << 5) | 25, value >> 8, value & 0xff];
  return [(major << 5) | 26, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

// Encode text, byte strings and arrays of them: enough for COSE's Sig_structure.
export function encode(value) {
  const parts = [];
  const walk = (item) => {
    if (typeof item === "string") {
      const bytes = new TextEncoder().encode(item);
      parts.push(Uint8Array.from(head(3, bytes.length)), bytes);
    } else if (item instanceof Uint8Array) {
      parts.push(Uint8Array.from(head(2, item.length)), item);
    } else if (Array.isArray(item)) {
      parts.push(Uint8Array.from(head(4, item.length)));
      item.forEach(walk);
    } else {
      throw new CborError(`cannot encode ${typeof item}`);
    }
  };
  walk(value);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
