// The search page (/search/): the site search (engine.js) with filters and excerpts; pages that
// match only part of the query are shown after the full matches, labelled 部分匹配.
// DOM text is written with textContent only; no inline script or handler is needed.
import { prepareSearch, searchSite } from "./engine.js";
import { excerptParts, stripTokens } from "./query.js";

const SHOWN = 10;
const DELAY_MS = 180;
// Filters are shown in this order; others the pages declare follow by name.
const FILTER_ORDER = ["推报单位", "行业", "职业", "等级", "批次", "状态"];

const root = document.querySelector("[data-site-search]");
if (root) start(root);

function start(root) {
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const siteRoot = new URL("../../", import.meta.url);
  // Listeners are attached at once; a search waits until Pagefind and the filters are ready.
  const ready = load(siteRoot, root.querySelector("[data-search-filters]"));
  let latest = 0;
  let timer = 0;

  const run = async () => {
    const id = ++latest;
    const query = input.value.trim();
    const { engine, selects } = await ready;
    const filters = selectedFilters(selects);
    syncAddress(query);
    status.textContent = "正在搜索…";
    const found = await searchSite(engine, query, filters);
    if (id !== latest) return;
    if (found.terms.length === 0 && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = query ? `“${query}”中没有可搜索的文字。` : "";
      return;
    }
    const shown = found.results.slice(0, SHOWN);
    const pages = await Promise.all(shown.map((r) => r.data()));
    if (id !== latest) return;
    list.replaceChildren(...pages.map((page, i) => resultItem(page, query, shown[i].partial, engine.fold)));
    status.textContent = summary(found, query, pages.length);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", later);
  root.addEventListener("change", (event) => {
    if (event.target.matches("select[data-filter]")) run();
  });
  root.addEventListener("keydown", (event) => moveFocus(event, input, list));

  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) input.value = initial;
  if (input.value.trim()) run();
}

async function load(siteRoot, filterBox) {
  const pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
  const engine = await prepareSearch(pagefind, siteRoot);
  const selects = await renderFilters(pagefind, filterBox);
  return { engine, selects };
}

async function renderFilters(pagefind, box) {
  const available = await pagefind.filters();
  const names = Object.keys(available).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "zh"));
  const selects = [];
  for (const name of names) {
    const values = Object.keys(available[name]).sort((a, b) => a.localeCompare(b, "zh"));
    if (values.length === 0) continue;
    const label = document.createElement("label");
    label.className = "site-search-app__filter";
    const caption = document.createElement("span");
    caption.textContent = name;
    const select = document.createElement("select");
    select.dataset.filter = name;
    select.append(new Option("全部", ""));
    for (const value of values) select.append(new Option(`${value}（${available[name][value]}）`, value));
    label.append(caption, select);
    box.append(label);
    selects.push(select);
  }
  box.hidden = selects.length === 0;
  return selects;
}

function rank(name) {
  const at = FILTER_ORDER.indexOf(name);
  return at < 0 ? FILTER_ORDER.length : at;
}

function selectedFilters(selects) {
  const chosen = {};
  for (const select of selects) if (select.value) chosen[select.dataset.filter] = [select.value];
  return chosen;
}

function resultItem(page, query, partial, fold) {
  const item = document.createElement("li");
  item.className = "site-search-app__result";
  const link = document.createElement("a");
  link.href = page.url;
  link.className = "site-search-app__title";
  link.textContent = stripTokens(page.meta?.title || "") || page.url;
  item.append(link);
  if (partial) {
    const label = document.createElement("span");
    label.className = "site-search-app__partial";
    label.textContent = "部分匹配";
    item.append(" ", label);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "site-search-app__excerpt";
  for (const part of excerptParts(page.content || "", query, 90, fold)) {
    if (part.mark) {
      const mark = document.createElement("mark");
      mark.textContent = part.text;
      excerpt.append(mark);
    } else {
      excerpt.append(document.createTextNode(part.text));
    }
  }
  item.append(excerpt);
  return item;
}

function summary(found, query, shown) {
  const total = found.results.length;
  if (total === 0) return query ? `没有找到与“${query}”相关的页面。` : "没有符合筛选条件的页面。";
  const more = total > shown ? `，显示前 ${shown} 个` : "";
  if (!query) return `符合筛选条件的页面共 ${total} 个${more}。`;
  const partial = total - found.full;
  if (found.full === 0) {
    return `没有页面包含“${query}”的全部文字；以下 ${total} 个页面部分匹配${more}。`;
  }
  const tail = partial > 0 ? `，另有 ${partial} 个页面部分匹配` : "";
  return `与“${query}”相关的页面共 ${found.full} 个${tail}${more}。`;
}

function syncAddress(query) {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

// Arrow keys move between the search box and the result links.
function moveFocus(event, input, list) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [input, ...list.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  const next = at + (event.key === "ArrowDown" ? 1 : -1);
  if (next < 0 || next >= links.length) return;
  event.preventDefault();
  links[next].focus();
}
