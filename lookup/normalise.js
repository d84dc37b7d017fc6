// Normalisation and validation of lookup queries; the same rules as generator/lookup/normalise.py,
// checked against shared test vectors (tests/lookup/vectors.json).

export const MODE_NUMBER = "A"; // certificate number + name
export const MODE_ID = "B"; // ID number + name
export const MIDDLE_DOT = "\u00b7";
export const NAME_MAX = 30;

const DOTS = /[\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5]/g;
const SPACE = /[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const DIGITS = "0123456789";
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

function clean(text) {
  return text.normalize("NFKC").replace(SPACE, "");
}

export function normaliseNumber(text) {
  return clean(text).replace(/[a-z]+/g, (m) => m.toUpperCase());
}

export function normaliseId(text) {
  return clean(text).replace(/x/g, "X");
}

export function normaliseName(text) {
  return clean(text).replace(DOTS, MIDDLE_DOT);
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

function birthDateIsReal(id) {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1
    && date.getUTCDate() === day;
}

export function idCheckChar(first17) {
  let total = 0;
  for (let i = 0; i < 17; i += 1) total += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[total % 11];
}

export function checkId(id) {
  const chars = [...id];
  if (chars.length === 0) return "请填写身份证号码。";
  if (chars.length !== 18) return `身份证号码应为 18 位，现在是 ${chars.length} 位。`;
  for (let i = 0; i < 17; i += 1) {
    if (!DIGITS.includes(chars[i])) return `身份证号码第 ${i + 1} 位应为数字。`;
  }
  if (!(DIGITS + "X").includes(chars[17])) return "身份证号码第 18 位应为数字或字母 X。";
  if (!birthDateIsReal(id)) return `身份证号码第 7–14 位的出生日期 ${id.slice(6, 14)} 不是有效日期。`;
  if (idCheckChar(id) !== id[17]) return "身份证号码第 18 位（校验码）与前 17 位不符，请核对是否输错。";
  return null;
}

export function checkName(name) {
  const chars = [...name];
  if (chars.length === 0) return "请填写姓名。";
  if (chars.length > NAME_MAX) return `姓名最多 ${NAME_MAX} 个字，现在是 ${chars.length} 个字。`;
  for (const char of chars) {
    if (char !== MIDDLE_DOT && !LETTER_OR_MARK.test(char)) {
      return "姓名只能包含文字和间隔号“·”，不能有数字或其他符号。";
    }
  }
  if (chars[0] === MIDDLE_DOT || chars[chars.length - 1] === MIDDLE_DOT) {
    return "姓名的开头和结尾不能是间隔号“·”。";
  }
  return null;
}

// Normalise a query: {key, name, problems: [[field, message], …]} with fields number | id_number | name.
export function validateQuery(mode, key, name) {
  const problems = [];
  let keyProblem;
  if (mode === MODE_NUMBER) {
    key = normaliseNumber(key);
    keyProblem = checkNumber(key);
    if (keyProblem) problems.push(["number", keyProblem]);
  } else if (mode === MODE_ID) {
    key = normaliseId(key);
    keyProblem = checkId(key);
    if (keyProblem) problems.push(["id_number", keyProblem]);
  } else {
    throw new Error(`unknown lookup mode ${mode}`);
  }
  name = normaliseName(name);
  const nameProblem = checkName(name);
  if (nameProblem) problems.push(["name", nameProblem]);
  return { key, name, problems };
}
