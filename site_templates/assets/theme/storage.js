// Storage helpers that the theme's bundle expects as globals (__md_scope, __md_hash, __md_get,
// __md_set). The theme normally defines them in an inline script; this file replaces it so the
// site needs no 'unsafe-inline' in its Content-Security-Policy. Loaded as a classic script.
(function () {
  "use strict";
  var script = document.currentScript;
  var scope = new URL(script ? script.getAttribute("data-scope") || "." : ".", location);

  function hash(text) {
    var value = 0;
    for (var i = 0; i < text.length; i += 1) {
      value = ((value << 5) - value + text.charCodeAt(i)) | 0;
    }
    return value;
  }

  function read(key, storage, base) {
    var store = storage || localStorage;
    var where = base || scope;
    return JSON.parse(store.getItem(where.pathname + "." + key));
  }

  function write(key, value, storage, base) {
    var store = storage || localStorage;
    var where = base || scope;
    try {
      store.setItem(where.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage may be full or disabled; the page works without it.
    }
  }

  window.__md_scope = scope;
  window.__md_hash = hash;
  window.__md_get = read;
  window.__md_set = write;
})();
