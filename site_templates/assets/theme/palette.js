// Applies the colour scheme the reader chose earlier, before the page is painted.
// Runs as a classic script right after the scheme toggle in the header.
(function () {
  "use strict";
  var saved = window.__md_get ? window.__md_get("__palette") : null;
  if (!saved || !saved.color) {
    return;
  }
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    var light = window.matchMedia("(prefers-color-scheme: light)").matches;
    var wanted = light ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    var inputs = document.querySelectorAll("[data-md-color-media]");
    for (var i = 0; i < inputs.length; i += 1) {
      if (inputs[i].getAttribute("data-md-color-media") === wanted) {
        color.media = wanted;
        color.scheme = inputs[i].getAttribute("data-md-color-scheme");
        color.primary = inputs[i].getAttribute("data-md-color-primary");
        color.accent = inputs[i].getAttribute("data-md-color-accent");
      }
    }
  }
  Object.keys(color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, color[key]);
  });
})();
