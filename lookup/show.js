// Small helpers shared by the verify page's two parts: elements built with textContent only (the
// site runs under a CSP and never inserts markup), dates in Chinese, and the revocation clause.

export function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function chineseDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

// "已于 2025年3月1日 撤销，原因：…" (no final full stop), from a decoded record and the code tables.
export function revocation(record, tables) {
  const reason = tables.revocation_reasons && tables.revocation_reasons[String(record.revocationReason)];
  const when = record.revokedOn ? `于 ${chineseDate(record.revokedOn)} ` : "";
  return `已${when}撤销，原因：${reason || "未说明"}`;
}
