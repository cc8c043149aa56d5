// Applies the stored or system theme before first paint, so there is no flash. A file, not an
// inline script, so the content security policy needs no 'unsafe-inline'.
(function () {
  var t = null;
  try { t = localStorage.getItem("hyperlab.theme"); } catch (e) {}
  if (t !== "light" && t !== "dark") {
    t = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  document.documentElement.setAttribute("data-theme", t);
})();
