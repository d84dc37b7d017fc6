// When the address names a content tab (#__tabbed_1_2), select that tab.
(function () {
  "use strict";
  var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) {
    target.checked = true;
  }
})();
