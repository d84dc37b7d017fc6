// Normalisation and validation of a lookup query (certificate number and verification code); the
// same rules as generator/lookup/normalise.py and code.py, checked against shared test vectors
// (tests/lookup/vectors.json).

export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const CODE_LENGTH = 12;

const SPACE = /[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const CODE_SEPARATORS = /[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\-\u2010-\u2015\u2212\u30fc_.\u00b7]/g;
const CONFUSED = { 0: "数字 0", 1: "数字 1", O: "字母 O", I: "字母 I" };
const DIGITS = "0123456789";
const upper = (text) => text.replace(/[a-z]+/g, (m) => m.toUpperCase());

export function normaliseNumber(text) {
  return upper(text.normalize("NFKC").replace(SPACE, ""));
}

export function normaliseCode(text) {
  return upper(text.normalize("NFKC").replace(CODE_SEPARATORS, ""));
}

export function checkNumber(number) {
  const chars = [...number];
  if (chars.length === 0) return "请填写证书编号。";
  if (chars.length !== 22) {
    return `证书编号应为 22 位（1 个字母加 21 位数字），现在是 ${chars.length} 位。`;
  }
  if (chars[0] !== "Y" && chars[0] !== "S") return "证书编号第 1 位应为字母 Y 或 S。";
  for (let i = 1; i < 22; i += 1) {
    if (!DIGITS.includes(chars[i])) return `证书编号第 ${i + 1} 位应为数字。`;
  }
  if (number.slice(5, 7) !== "22") {
    return "证书编号第 6–7 位是省份代码，本站只收录吉林省（22）发放的证书。";
  }
  if (!"12345".includes(number[15])) return "证书编号第 16 位是等级代码，应为 1–5。";
  return null;
}

export function checkCode(code) {
  const chars = [...code];
  if (chars.length === 0) return "请填写查询码。";
  if (chars.length !== CODE_LENGTH) return `查询码应为 ${CODE_LENGTH} 位字母和数字，现在是 ${chars.length} 位。`;
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i];
    if (Object.hasOwn(CONFUSED, char)) {
      return `查询码第 ${i + 1} 位是${CONFUSED[char]}，查询码中没有数字 0、1 和字母 O、I，请对照证书核对（可能是形近的字符）。`;
    }
    if (!CODE_ALPHABET.includes(char)) return `查询码第 ${i + 1} 位“${char}”不是查询码使用的字符（数字 2–9 和字母）。`;
  }
  return null;
}

// The printed form: ABCD-EFGH-JKMN.
export function displayCode(code) {
  return code.match(/.{1,4}/g).join("-");
}

// Normalise a query: {number, code, problems: [[field, message], …]} with fields number | code.
export function validateQuery(number, code) {
  const problems = [];
  number = normaliseNumber(number);
  const numberProblem = checkNumber(number);
  if (numberProblem) problems.push(["number", numberProblem]);
  code = normaliseCode(code);
  const codeProblem = checkCode(code);
  if (codeProblem) problems.push(["code", codeProblem]);
  return { number, code, problems };
}

// {number, code} from a QR link's fragment (#n=<number>&c=<code>), or null.
export function fromFragment(hash) {
  if (!hash || hash.length < 2) return null;
  const params = new URLSearchParams(hash.slice(1));
  const number = params.get("n");
  const code = params.get("c");
  return number && code ? { number: number.slice(0, 60), code: code.slice(0, 60) } : null;
}
