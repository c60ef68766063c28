/* 适老化 / 信息无障碍: apply the reading mode the visitor chose (large text, high contrast)
   before the page is painted. Loaded synchronously in <head>; the choice lives in this
   browser only (localStorage), so cached pages stay the same for everyone. */
(function () {
  try {
    var modes = (window.localStorage.getItem("portal-modes") || "").split(" ");
    for (var i = 0; i < modes.length; i++) {
      if (modes[i] === "large-text" || modes[i] === "high-contrast") {
        document.documentElement.classList.add(modes[i]);
      }
    }
  } catch (e) {
    /* storage refused (private mode): the default reading mode */
  }
})();
