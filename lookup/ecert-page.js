// The electronic certificate part of the verify page: camera, photo or pasted text → signature
// checked against /verify/keys.json → revocation checked in the lookup index when online. The key
// list is fetched when the page opens, so a signature still verifies if the network is gone later.
// All text goes in through textContent.

import { LookupIndex } from "./core.js";
import { loadKeyring, revocationStatus, verifyText } from "./ecert.js";
import { fromFragment } from "./normalise.js";
import { CameraScanner, readImage } from "./scan.js";
import { chineseDate, element, revocation } from "./show.js";

const OFFLINE = "签名有效；撤销状态未能联网核验。";
const ERRORS = {
  "not-ours": "这不是本站签发的电子证书，无法核验：二维码内容不是以 JLZS1: 开头，或签发者不是本站。",
  version: "这张电子证书使用了本页面不支持的格式版本，无法核验。请刷新页面后重试；如仍出现此提示，请联系发证企业。",
  damaged: "电子证书的内容不完整或已损坏，无法读取。请重新扫描，或完整复制二维码下方的文字后再试。",
  "unknown-key": "签名所用的密钥不在本站公布的密钥列表中，证书可能是伪造的。请刷新页面后重试；仍出现此提示时，不要接受这张证书。",
  compromised: "签发这张电子证书的密钥已被标记为泄露，用它签名的证书一律不再认可。请持证人向发证企业申请重新签发，或在上方用证书编号和查询码查询。",
  signature: "签名无效：电子证书的内容在签发后被改动过，或是伪造的。不要接受这张证书。",
  keys: "暂时无法读取本站公布的签名公钥，无法核验电子证书。请检查网络连接后刷新页面。",
  "no-code": "图片中没有找到二维码。请让二维码完整、清晰地出现在照片中，或改为粘贴文字。",
  camera: "无法打开摄像头，请改为上传照片或粘贴文字。",
  empty: "请先粘贴电子证书二维码中的文字（以 JLZS1: 开头）。",
};
const STATUS = {
  valid: "电子证书有效：签名有效，证书未被撤销。",
  unlisted: "签名有效，但证书查询数据中没有这本证书，无法确认其状态，请联系发证企业核实。",
  changed: "签名有效，证书未被撤销，但查询数据中的职业、等级或发证日期与电子证书不同：请以上方查询结果为准，并联系发证企业核实。",
  version: "签名有效；证书查询数据的格式版本与本页面不匹配，撤销状态未能核验。请刷新页面后重试。",
};

function revokedText(record, tables) {
  return `签名有效，但该证书${revocation(record, tables)}。不能作为有效证书。`;
}

class ElectronicCertificates {
  constructor(root) {
    this.root = root;
    this.levels = JSON.parse(root.dataset.levels || "{}");
    this.index = new LookupIndex(new URL(root.dataset.index, document.baseURI).href);
    this.result = root.querySelector("[data-ecert-result]");
    this.form = root.querySelector("form[data-ecert-form]");
    this.file = root.querySelector("[data-ecert-file]");
    this.cameraButton = root.querySelector("[data-ecert-camera]");
    this.camera = new CameraScanner(root.querySelector("[data-ecert-video]"));
    const keysUrl = new URL(root.dataset.keys, document.baseURI).href;
    this.keyring = fetch(keysUrl).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    }).then(loadKeyring);
    this.keyring.catch(() => {}); // reported when a certificate is checked
  }

  async start() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.check(this.form.elements.text.value);
    });
    this.file.addEventListener("change", () => this.upload());
    this.cameraButton.addEventListener("click", () => this.toggleCamera());
    this.cameraButton.hidden = !(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
    for (const control of this.root.querySelectorAll("button, input")) control.disabled = false;
    await this.keyring.then(() => {}, () => {});
    this.root.dataset.ready = "true";
  }

  show(message, state, extra = []) {
    this.result.replaceChildren(element("p", message, { class: "verify-message" }), ...extra);
    this.result.dataset.state = state;
  }

  done() {
    this.result.dataset.done = "true";
  }

  async upload() {
    const [file] = this.file.files;
    if (!file) return;
    this.result.dataset.done = "false";
    this.show("正在读取图片……", "reading");
    let text;
    try {
      text = await readImage(file);
    } catch {
      text = null;
    }
    this.file.value = "";
    if (!text) {
      this.show(ERRORS["no-code"], "no-code");
      this.done();
      return;
    }
    this.check(text);
  }

  async toggleCamera() {
    if (this.camera.running) {
      this.camera.stop();
      this.cameraButton.textContent = "用摄像头扫描";
      return;
    }
    this.result.dataset.done = "false";
    this.show("请把电子证书上的二维码对准摄像头……", "scanning");
    this.cameraButton.textContent = "停止扫描";
    try {
      await this.camera.start((text) => {
        this.cameraButton.textContent = "用摄像头扫描";
        this.check(text);
      });
    } catch {
      this.camera.stop();
      this.cameraButton.textContent = "用摄像头扫描";
      this.show(ERRORS.camera, "camera");
      this.done();
    }
  }

  // A paper certificate's lookup QR code (…/verify/#n=…&c=…) is answered by the lookup form above.
  lookupLink(text) {
    let url;
    try {
      url = new URL(text.trim());
    } catch {
      return false;
    }
    const linked = url.pathname.endsWith("/verify/") ? fromFragment(url.hash) : null;
    const form = document.querySelector("form[data-verify-form]");
    if (!linked || !form) return false;
    form.elements.number.value = linked.number;
    form.elements.code.value = linked.code;
    form.requestSubmit();
    this.show("这是纸质证书上的查询二维码，不是电子证书：已在上方按证书编号和查询码查询。", "lookup");
    return true;
  }

  async check(text) {
    this.result.dataset.done = "false";
    if (!text.trim()) {
      this.show(ERRORS.empty, "empty");
      this.done();
      return;
    }
    this.form.elements.text.value = text.trim();
    if (this.lookupLink(text)) {
      this.done();
      return;
    }
    this.show("正在核验签名……", "checking");
    let keyring;
    try {
      keyring = await this.keyring;
    } catch {
      this.show(ERRORS.keys, "keys");
      this.done();
      return;
    }
    const outcome = await verifyText(text, keyring);
    if (outcome.kind === "outside-validity") {
      const { key } = outcome;
      const period = `${chineseDate(key.validFrom)}至${key.validUntil ? chineseDate(key.validUntil) : "今"}`;
      this.show(`签名所用的密钥只在${period}有效，而这张电子证书的签名日期不在其中，可能是用已停用的密钥伪造的。不要接受这张证书。`,
        "outside-validity");
    } else if (outcome.kind !== "valid") {
      this.show(ERRORS[outcome.kind], outcome.kind);
    } else {
      await this.revocation(outcome);
    }
    this.done();
  }

  async revocation(outcome) {
    const card = this.card(outcome);
    this.show("签名有效，正在联网核验撤销状态……", "checking", [card]);
    if (!navigator.onLine) {
      this.show(OFFLINE, "offline", [card]);
      return;
    }
    let answer;
    try {
      answer = await revocationStatus(outcome.token, (number, code) => this.index.query(number, code));
    } catch (error) {
      this.show(error.kind === "version" ? STATUS.version : OFFLINE, error.kind === "version" ? "version" : "offline",
        [card]);
      return;
    }
    if (answer.status === "revoked") {
      card.classList.add("is-revoked");
      this.show(revokedText(answer.record, answer.tables), "revoked", [card]);
    } else {
      this.show(STATUS[answer.status], answer.status, [card]);
    }
  }

  card({ token, key }) {
    const claims = token.certificate;
    const card = element("section", null, { class: "verify-card ecert-card" });
    card.append(element("h3", "电子证书内容（已验证签名）"));
    const list = element("dl");
    const add = (term, value, attributes = {}) => list.append(element("dt", term), element("dd", value, attributes));
    add("姓名", claims.holderName);
    add("证书编号", claims.number, { class: "verify-code-text" });
    add("职业（工种）", `${claims.occupationCode} ${claims.occupationName}`);
    add("等级", this.levels[String(claims.level)] || `${claims.level} 级`);
    add("发证企业", claims.enterpriseName);
    add("评价机构代码", claims.evaluationCode, { class: "verify-code-text" });
    add("发证日期", chineseDate(claims.issuedOn));
    const signed = new Date((token.issuedAt + 8 * 3600) * 1000).toISOString().slice(0, 10);
    add("签名日期", chineseDate(signed));
    add("签名密钥", key.development ? `${key.kid}（公开的开发密钥，只用于演示）` : key.kid, { class: "verify-code-text" });
    card.append(list);
    card.append(element("p", "请核对持证人的身份证件：电子证书和纸质证书一样，谁持有它的照片谁就能出示它。",
      { class: "verify-cross-check" }));
    return card;
  }
}

for (const root of document.querySelectorAll("[data-ecert]")) new ElectronicCertificates(root).start();
