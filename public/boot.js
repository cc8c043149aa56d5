// Runs before the WebAssembly bundle: says so plainly when the bundle cannot load (rather than
// leaving a blank page), and looks after offline use through the service worker (/sw.js).
// A plain file, not an inline script, so the content security policy needs no 'unsafe-inline'.
(function () {
  "use strict";
  var started = false;
  var failed = false;

  // The content security policy forbids `style` attributes (style-src has no 'unsafe-inline'),
  // which also blocks them when our own code sets one: plotters measures a chart legend's text
  // with a `<span>` whose style it sets as an attribute. Setting the same declarations through
  // the CSSOM is allowed (it cannot come from injected markup), so route our own calls there.
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "style" && this.style) {
      this.style.cssText = String(value);
      return;
    }
    return setAttribute.call(this, name, value);
  };

  function banner(className, text, actionLabel, action) {
    var show = function () {
      var box = document.createElement("div");
      box.className = "site-banner " + className;
      box.setAttribute("role", className === "boot-failed" ? "alert" : "status");
      var p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
      if (actionLabel) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "button small";
        b.textContent = actionLabel;
        b.addEventListener("click", action);
        box.appendChild(b);
      }
      document.body.insertBefore(box, document.body.firstChild);
    };
    if (document.body) show(); else document.addEventListener("DOMContentLoaded", show);
  }

  function bootFailed() {
    if (started || failed) return;
    failed = true;
    document.documentElement.setAttribute("data-boot", "failed");
    var offline = navigator.onLine === false;
    banner("boot-failed",
      offline
        ? "This page's lab could not load: you are offline and it has not been saved for offline use yet. Connect once and it will work offline from then on."
        : "This page's lab could not load (the network dropped or the site is being updated).",
      "Try again", function () { location.reload(); });
  }

  window.addEventListener("TrunkApplicationStarted", function () { started = true; });

  // The page's static first paint (#prerender, written by xtask) gives way to the app once the
  // app has drawn (<html data-ready="true">): setting data-handoff shows the app and hides the
  // pre-render in one style recalculation (rules in /prerender.css), then the pre-render leaves
  // the document. The browser must first have reported the pre-render's largest paint: hiding
  // it sooner would drop that paint and date the page's largest contentful paint to the app's
  // identical text instead. Browsers without that report hand off at once; the wait is bounded.
  var root = document.documentElement;
  var painted = true;
  try {
    painted = (PerformanceObserver.supportedEntryTypes || []).indexOf("largest-contentful-paint") < 0;
    if (!painted) new PerformanceObserver(function () { painted = true; handOff(); }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch (e) { painted = true; }
  var fallback = null;
  function handOff() {
    if (root.getAttribute("data-handoff") || root.getAttribute("data-ready") !== "true") return;
    var pre = document.getElementById("prerender");
    if (pre && !painted) {
      if (!fallback) fallback = setTimeout(function () { painted = true; handOff(); }, 500);
      return;
    }
    root.setAttribute("data-handoff", "true");
    if (pre) pre.remove();
  }
  new MutationObserver(handOff).observe(root, { attributes: true, attributeFilter: ["data-ready"] });

  window.addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && (t.tagName === "SCRIPT" || t.tagName === "LINK")) {
      var src = t.src || t.href || "";
      if (/\.(js|wasm)$/.test(src)) bootFailed();
    } else if (!started && e.message && /wasm|WebAssembly|fetch|import/i.test(String(e.message))) {
      bootFailed();
    }
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    if (!started && e.reason && /wasm|WebAssembly|fetch|import/i.test(String(e.reason && (e.reason.message || e.reason)))) bootFailed();
  });

  // Offline: only where service workers exist (not in some private windows or locked-down hosts).
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  // Reload only when the learner asked for the new version; the first worker taking control of
  // a first visit also fires `controllerchange`, and must not reload the page.
  var reloadWhenSwitched = false;
  function offerUpdate(worker) {
    if (document.querySelector(".site-banner.update-ready")) return;
    banner("update-ready", "A new version of Hyperlab is ready.", "Reload", function () {
      reloadWhenSwitched = true;
      worker.postMessage({ type: "skip-waiting" });
    });
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!reloadWhenSwitched) return;
    reloadWhenSwitched = false;
    location.reload();
  });
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").then(function (reg) {
      // An update found while this page runs waits for the learner (never half old, half new).
      if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var next = reg.installing;
        if (!next) return;
        next.addEventListener("statechange", function () {
          if (next.state === "installed" && navigator.serviceWorker.controller) offerUpdate(next);
        });
      });
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      // Keep what this page loaded, so it opens offline next time.
      var urls = [location.pathname].concat(performance.getEntriesByType("resource").map(function (r) { return r.name; }));
      reg.active.postMessage({ type: "cache-urls", urls: urls });
      // Fetch the other labs when the browser is idle and the connection is good.
      var c = navigator.connection;
      var good = !c || (!c.saveData && !/(^|-)2g$/.test(c.effectiveType || ""));
      if (good) {
        var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 3000); };
        idle(function () { reg.active.postMessage({ type: "prefetch" }); }, { timeout: 10000 });
      }
    }).catch(function () { /* no offline support here; everything else works */ });
  });
})();
