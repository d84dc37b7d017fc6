// The verify page (/verify/): form handling, the QR link and result display. All text goes in through
// textContent. A QR code opens this page as …/verify/#n=<number>&c=<code>: the fragment never reaches
// a server, a log or a Referer, and it is removed from the address bar and the history entry before
// the lookup runs. Nothing typed is ever put into a URL or sent anywhere.

import { LookupIndex } from "./core.js";
import { displayCode, fromFragment, normaliseCode } from "./normalise.js";
import { chineseDate, element, revocation } from "./show.js";

const FIELD_LABELS = { number: "证书编号", code: "查询码" };
const MESSAGES = {
  searching: "正在查询……",
  noMatch: "未找到匹配的证书。请核对证书编号和查询码是否与证书上印的完全一致；编号正确而查询码不符时，结果同样是未找到。",
  invalid: "输入有误，请修改后再查询：",
  unreachable: "暂时无法读取证书查询数据，请检查网络连接后重试。如问题持续，可到全国联网查询核对。",
  version: "证书查询数据的格式版本与本页面不匹配，本页面无法读取。请刷新页面后重试；如仍出现此提示，请联系网站管理员。",
};

function levelLabel(tables, code) {
  const level = tables.levels && tables.levels[String(code)];
  return level ? `${level.name}/${level.title}` : `${code} 级`;
}

function revocationText(record, tables) {
  return `${revocation(record, tables)}。`;
}

function recordCard(record, tables, nationalUrl) {
  const card = element("section", null, { class: `verify-card ${record.revoked ? "is-revoked" : "is-valid"}` });
  card.append(element("h2", record.revoked ? "证书已撤销" : "证书有效"));
  const list = element("dl");
  const add = (term, value, attributes = {}) => {
    const dd = element("dd", null, attributes);
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    list.append(element("dt", term), dd);
  };
  add("姓名", record.maskedName);
  add("证书编号", record.number, { class: "verify-code-text" });
  const occupation = tables.occupations && tables.occupations[record.occupationCode];
  add("职业（工种）", occupation ? `${record.occupationCode} ${occupation}` : record.occupationCode);
  add("等级", levelLabel(tables, record.level));
  const enterprise = tables.enterprises && tables.enterprises[record.evaluationCode];
  add("发证企业", enterprise
    ? element("a", enterprise.name, { href: `../enterprises/${encodeURIComponent(enterprise.id)}/` })
    : `评价机构代码 ${record.evaluationCode}`);
  add("发证日期", chineseDate(record.issuedOn));
  add("状态", record.revoked ? revocationText(record, tables) : "有效");
  card.append(list);
  if (nationalUrl) {
    const cross = element("p", "如需进一步核对，可到 ", { class: "verify-cross-check" });
    cross.append(element("a", "技能人才评价证书全国联网查询", { href: nationalUrl, rel: "noopener noreferrer" }), "。");
    card.append(cross);
  }
  return card;
}

function summary(record, tables) {
  return record.revoked ? `查询结果：该证书${revocationText(record, tables)}` : "查询结果：证书有效。";
}

class VerifyPage {
  constructor(root) {
    this.root = root;
    this.index = new LookupIndex(new URL(root.dataset.index, document.baseURI).href);
    this.nationalUrl = root.dataset.national || "";
    this.result = root.querySelector("[data-verify-result]");
    this.form = root.querySelector("form[data-verify-form]");
  }

  start() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    for (const button of this.form.querySelectorAll("button[type=submit]")) button.disabled = false;
    const linked = fromFragment(window.location.hash);
    if (window.location.hash) {
      // The number and code leave the address bar and this history entry before anything else runs.
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
    if (linked) {
      this.form.elements.number.value = linked.number;
      this.form.elements.code.value = linked.code;
      this.root.dataset.ready = "true";
      this.submit();
      return;
    }
    this.root.dataset.ready = "true";
  }

  show(message, kind, extra = []) {
    this.result.replaceChildren(element("p", message, { class: "verify-message", "data-kind": kind }), ...extra);
    this.result.dataset.state = kind;
  }

  clearErrors() {
    for (const input of this.form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
    for (const slot of this.form.querySelectorAll("[data-error-for]")) slot.textContent = "";
  }

  async submit() {
    const form = this.form;
    this.clearErrors();
    this.show(MESSAGES.searching, "searching");
    this.result.dataset.done = "false";
    let outcome;
    try {
      outcome = await this.index.query(form.elements.number.value, form.elements.code.value);
    } catch (error) {
      this.show(error.kind === "version" ? MESSAGES.version : MESSAGES.unreachable, error.kind || "unreachable");
      this.result.dataset.done = "true";
      return;
    }
    this.result.dataset.done = "true";
    if (outcome.problems.length) {
      const list = element("ul");
      for (const [field, message] of outcome.problems) {
        list.append(element("li", `${FIELD_LABELS[field]}：${message}`));
        form.querySelector(`[data-error-for="${field}"]`).textContent = message;
        form.elements[field].setAttribute("aria-invalid", "true");
      }
      this.show(MESSAGES.invalid, "invalid", [list]);
      form.elements[outcome.problems[0][0]].focus();
      return;
    }
    if (!outcome.records.length) {
      this.show(MESSAGES.noMatch, "no-match");
      return;
    }
    const record = outcome.records[0];
    form.elements.code.value = displayCode(normaliseCode(form.elements.code.value));
    const now = new Date();
    const time = `${now.getHours()}:${String(now.getMinutes()).padStart(2, "0")}`;
    const stamp = element("p", `查询时间：${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日 ${time}`,
      { class: "verify-queried-at" });
    this.show(summary(record, outcome.tables), record.revoked ? "revoked" : "valid",
      [recordCard(record, outcome.tables, this.nationalUrl), stamp]);
  }
}

for (const root of document.querySelectorAll("[data-verify]")) new VerifyPage(root).start();
