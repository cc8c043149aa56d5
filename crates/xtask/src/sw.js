// Hyperlab's service worker: the site works offline after a first visit.
// `xtask assemble` prepends `VERSION` (a hash of every file's name and content) and `SITE` (every
// page and asset of this deployment), so each deployment gets its own cache.
//
// - Install caches the home page and its bundle (small); each page caches what it loaded when
//   the page asks (message "cache-urls"), and the rest is prefetched when the page reports an
//   idle moment on a good connection (message "prefetch").
// - A new deployment waits until the learner presses "Reload" (message "skip-waiting"), so no
//   page ever runs half old and half new; activation deletes the old caches.
// - Pages: network first (a fresh deployment is seen at once), cache when offline. Hashed
//   bundles and other files: cache first, since their names change when their content does.
"use strict";
const CACHE = "hyperlab-" + VERSION;
const SHELL = SITE.filter((u) => u === "/" || u.startsWith("/hyperlab-home") || u.endsWith(".css") || u === "/theme.js" || u === "/boot.js" || u === "/favicon.svg");

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("hyperlab-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function sameOriginPath(url) {
  const u = new URL(url, self.location.origin);
  return u.origin === self.location.origin ? u.pathname : null;
}

async function cacheAll(paths) {
  const cache = await caches.open(CACHE);
  const known = new Set(SITE);
  for (const path of paths) {
    if (!known.has(path) || (await cache.match(path))) continue;
    try {
      const response = await fetch(path, { cache: "no-cache" });
      if (response.ok) await cache.put(path, response);
    } catch (e) {
      return; // offline: try again on the next visit
    }
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "cache-urls" && Array.isArray(data.urls)) {
    event.waitUntil(cacheAll(data.urls.map(sameOriginPath).filter(Boolean)));
  } else if (data.type === "prefetch") {
    event.waitUntil(cacheAll(SITE));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The query is state, not a different page: /learning-rate/?lr=1 is /learning-rate/.
    const page = url.pathname.endsWith("/") ? url.pathname : url.pathname + "/";
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && SITE.includes(page)) {
            const copy = response.clone();
            caches.open(CACHE).then((c) => c.put(page, copy));
          }
          return response;
        })
        .catch(() => caches.match(page, { cacheName: CACHE }).then((r) => r || caches.match("/404.html") || Response.error()))
    );
    return;
  }
  if (!SITE.includes(url.pathname)) return;
  event.respondWith(
    caches.match(url.pathname, { cacheName: CACHE }).then(
      (cached) =>
        cached ||
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((c) => c.put(url.pathname, copy));
          }
          return response;
        })
    )
  );
});
