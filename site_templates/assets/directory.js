// Filters for the pilot-enterprise directory (/directory/).
//
// The page lists every enterprise in one table that reads fine without JavaScript. This module
// shows the filter form, hides rows that do not match, keeps the count up to date for screen
// readers, and mirrors the filters in the address so a filtered view can be shared.
// It writes text with textContent only and adds no inline handlers (the site runs under a CSP).

const FIELDS = ["unit", "industry", "occupation", "level", "batch", "status", "q"];

function normalise(text) {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

// "6-18-02-04:2,3,4,5 6-18-01-01:3,4,5" → [{code, levels: Set}]
function parseScopes(value) {
  return value.split(" ").filter(Boolean).map((part) => {
    const [code, levels] = part.split(":");
    return { code, levels: new Set((levels || "").split(",")) };
  });
}

function rowMatches(row, wanted) {
  const data = row.dataset;
  for (const key of ["unit", "industry", "batch", "status"]) {
    if (wanted[key] && data[key] !== wanted[key]) {
      return false;
    }
  }
  if (wanted.occupation || wanted.level) {
    // One occupation must satisfy both: "焊工" with "二级" means welders certified at 二级.
    const hit = row.scopes.some((scope) =>
      (!wanted.occupation || scope.code === wanted.occupation) &&
      (!wanted.level || scope.levels.has(wanted.level)));
    if (!hit) {
      return false;
    }
  }
  return !wanted.q || row.text.includes(wanted.q);
}

function readForm(form) {
  const wanted = {};
  for (const name of FIELDS) {
    const field = form.elements.namedItem(name);
    wanted[name] = field ? field.value : "";
  }
  wanted.q = normalise(wanted.q);
  return wanted;
}

// Take filter values from the address; values that are not offered are ignored.
function applyQuery(form, search) {
  const params = new URLSearchParams(search);
  for (const name of FIELDS) {
    const field = form.elements.namedItem(name);
    const value = params.get(name);
    if (!field || value === null) {
      continue;
    }
    if (field.tagName === "SELECT") {
      if ([...field.options].some((option) => option.value === value)) {
        field.value = value;
      }
    } else {
      field.value = value;
    }
  }
}

function writeQuery(form) {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const field = form.elements.namedItem(name);
    const value = field ? field.value.trim() : "";
    if (value) {
      params.set(name, value);
    }
  }
  const query = params.toString();
  const address = location.pathname + (query ? `?${query}` : "") + location.hash;
  history.replaceState(history.state, "", address);
}

function setUp(form) {
  const table = document.getElementById("directory-table");
  const count = document.getElementById("directory-count");
  const empty = document.getElementById("directory-empty");
  const reset = document.getElementById("directory-reset");
  if (!table || !count) {
    return;
  }
  const rows = [...table.tBodies[0].rows].map((element) => ({
    element,
    dataset: element.dataset,
    scopes: parseScopes(element.dataset.scopes || ""),
    text: normalise(`${element.textContent} ${element.dataset.keywords || ""}`),
  }));
  const total = rows.length;

  function update() {
    const wanted = readForm(form);
    let shown = 0;
    for (const row of rows) {
      const visible = rowMatches(row, wanted);
      row.element.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    const filtered = FIELDS.some((name) => wanted[name]);
    count.textContent = filtered ? `共 ${shown} 家（名录共 ${total} 家）` : `共 ${total} 家`;
    if (empty) {
      empty.hidden = shown > 0;
    }
    if (reset) {
      reset.disabled = !filtered;
    }
  }

  applyQuery(form, location.search);
  form.hidden = false;
  update();
  form.addEventListener("input", () => {
    update();
    writeQuery(form);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  if (reset) {
    reset.addEventListener("click", () => {
      for (const name of FIELDS) {
        const field = form.elements.namedItem(name);
        if (field) {
          field.value = "";
        }
      }
      update();
      writeQuery(form);
      form.elements.namedItem("unit")?.focus();
    });
  }
}

const form = document.getElementById("directory-filters");
if (form) {
  setUp(form);
}
