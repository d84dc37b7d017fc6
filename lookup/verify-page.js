// The verify page (/verify/): tabs, form handling and result display. All text goes in through
// textContent; names and ID numbers stay in the page (no URL, no request carries them).

import { LookupIndex, MODE_ID, MODE_NUMBER } from "./core.js";

const FIELD_LABELS = { number: "证书编号", id_number: "身份证号码", name: "姓名" };
const MESSAGES = {
  searching: "正在查询……",
  noMatch: "未找到匹配的证书。请核对输入是否与证书上的信息完全一致；号码正确但姓名不符时，结果同样是未找到。",
  invalid: "输入有误，请修改后再查询：",
  unreachable: "暂时无法读取证书查询数据，请检查网络连接后重试。如问题持续，可到全国联网查询核对。",
  version: "证书查询数据的格式版本与本页面不匹配，本页面无法读取。请刷新页面后重试；如仍出现此提示，请联系网站管理员。",
};

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function chineseDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

function levelLabel(tables, code) {
  const level = tables.levels && tables.levels[String(code)];
  return level ? `${level.name}/${level.title}` : `${code} 级`;
}

function recordCard(record, tables, nationalUrl) {
  const card = element("section", null, { class: `verify-card ${record.revoked ? "is-revoked" : "is-valid"}` });
  card.append(element("h2", record.revoked ? "证书已撤销" : "证书有效"));
  const list = element("dl");
  const add = (term, value) => {
    const dd = element("dd");
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    list.append(element("dt", term), dd);
  };
  add("姓名", record.maskedName);
  add("证书编号", record.number);
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
    cross.append(element("a", "技能人才评价证书全国联网查询", { href: nationalUrl, rel: "noopener" }), "。");
    card.append(cross);
  }
  return card;
}

function revocationText(record, tables) {
  const reason = tables.revocation_reasons && tables.revocation_reasons[String(record.revocationReason)];
  const when = record.revokedOn ? `于 ${chineseDate(record.revokedOn)} ` : "";
  return `已${when}撤销，原因：${reason || "未说明"}。`;
}

function summary(records, tables) {
  if (records.length === 1) {
    const r = records[0];
    return r.revoked ? `查询结果：该证书${revocationText(r, tables)}` : "查询结果：证书有效。";
  }
  const revoked = records.filter((r) => r.revoked).length;
  return `查询结果：找到 ${records.length} 本证书，其中 ${revoked} 本已撤销。`;
}

class VerifyPage {
  constructor(root) {
    this.root = root;
    this.index = new LookupIndex(new URL(root.dataset.index, document.baseURI).href);
    this.nationalUrl = root.dataset.national || "";
    this.result = root.querySelector("[data-verify-result]");
    this.tabs = [...root.querySelectorAll("[role=tab]")];
    this.forms = [...root.querySelectorAll("form[data-mode]")];
  }

  start() {
    for (const tab of this.tabs) {
      tab.addEventListener("click", () => this.select(tab));
      tab.addEventListener("keydown", (event) => this.onTabKey(event, tab));
    }
    for (const form of this.forms) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit(form);
      });
      for (const button of form.querySelectorAll("button[type=submit]")) button.disabled = false;
    }
    const number = new URLSearchParams(window.location.search).get("n");
    if (number) {
      this.select(this.tabs.find((t) => t.dataset.mode === MODE_NUMBER), false);
      const form = this.forms.find((f) => f.dataset.mode === MODE_NUMBER);
      form.elements.number.value = number.slice(0, 40);
    }
    this.root.dataset.ready = "true";
  }

  select(tab, focus = true) {
    for (const other of this.tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    if (focus) tab.focus();
  }

  onTabKey(event, tab) {
    const i = this.tabs.indexOf(tab);
    const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: this.tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.select(this.tabs[(moves[event.key] + this.tabs.length) % this.tabs.length]);
  }

  show(message, kind, extra = []) {
    this.result.replaceChildren(element("p", message, { class: "verify-message", "data-kind": kind }), ...extra);
    this.result.dataset.state = kind;
  }

  clearErrors(form) {
    for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
    for (const slot of form.querySelectorAll("[data-error-for]")) slot.textContent = "";
  }

  async submit(form) {
    const mode = form.dataset.mode;
    const key = mode === MODE_ID ? form.elements.id_number.value : form.elements.number.value;
    this.clearErrors(form);
    this.show(MESSAGES.searching, "searching");
    let outcome;
    try {
      outcome = await this.index.query(mode, key, form.elements.name.value);
    } catch (error) {
      this.show(error.kind === "version" ? MESSAGES.version : MESSAGES.unreachable, error.kind || "unreachable");
      return;
    }
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
    const cards = outcome.records.map((r) => recordCard(r, outcome.tables, this.nationalUrl));
    const now = new Date();
    const time = `${now.getHours()}:${String(now.getMinutes()).padStart(2, "0")}`;
    cards.push(element("p", `查询时间：${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日 ${time}`,
      { class: "verify-queried-at" }));
    const state = outcome.records.every((r) => r.revoked) ? "revoked" : "valid";
    this.show(summary(outcome.records, outcome.tables), state, cards);
  }
}

for (const root of document.querySelectorAll("[data-verify]")) new VerifyPage(root).start();
