// End-to-end tests of what makes the site safe to host anywhere and usable offline: the content
// security policy on every page, the service worker (offline after one visit, updates that wait
// for a reload), and the faults a learner can meet (storage that throws, a bundle that does not
// load, markup in the URL or in stored progress).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { newPage, onFreshPage, waitReady, poll, useReleaseSite, releaseDist, builtLabs } from './helpers.mjs';

const DIST = releaseDist();
// Every lab the release build has a page for (each has an embed route; the exam-prep hub has
// one too, but it is not a lab).
const LABS = builtLabs(DIST);
const PAGES = ['/', ...LABS.map((l) => `/${l}/`), ...LABS.map((l) => `/embed/${l}/`), '/practice/', '/embed/practice/'];

const release = useReleaseSite({ before, after });

/** Records every CSP violation the page reports, from before its first script runs. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

/** The site's file list, as the service worker knows it. */
function siteList(dir) {
  const worker = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  return JSON.parse(worker.match(/const SITE = (\[[\s\S]*?\]);/)[1]);
}

async function cachedPaths(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) out.push(new URL(req.url).pathname);
    }
    return out;
  });
}

describe('content security policy', () => {
  it('every page carries a strict policy and reports no violation in normal use', async () => {
    for (const route of PAGES) {
      const html = fs.readFileSync(path.join(DIST, route, 'index.html'), 'utf8');
      const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
      assert.ok(policy, `${route} has a policy`);
      for (const must of ["default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "connect-src 'self'"]) {
        assert.ok(policy.includes(must), `${route}: ${must}`);
      }
      assert.ok(!policy.includes("'unsafe-inline'") && !policy.includes("'unsafe-eval'"), `${route}: ${policy}`);
      for (const m of html.matchAll(/<(script|link)\b[^>]*\b(src|href)="(\/[^"]+\.(?:js|css))"[^>]*>/g)) {
        assert.match(m[0], /integrity="sha384-/, `${route}: ${m[3]} has subresource integrity`);
      }
    }
    await onFreshPage(release.browser, release.url(), async (page, session) => {
      await recordViolations(page);
      for (const route of PAGES) {
        await page.goto(release.url() + route);
        await waitReady(page);
        assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], `${route}: no violations`);
      }
      assert.deepEqual(session.pageErrors, []);
    });
  });

  it('on every page, blocks an injected inline script and the page keeps working', async () => {
    await onFreshPage(release.browser, release.url(), async (page, session) => {
      await recordViolations(page);
      for (const route of PAGES) {
        await page.goto(release.url() + route);
        await waitReady(page);
        await page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__injected = true;';
          document.body.appendChild(s);
        });
        await poll(() => page.evaluate(() => window.__cspViolations.length > 0), { message: `${route}: a violation is reported` });
        assert.equal(await page.evaluate(() => window.__injected), undefined, `${route}: the injected script did not run`);
        // Still working: the page's own controls still respond.
        const slider = page.locator('input[type=range]').first();
        if (await slider.count()) {
          const before = await slider.inputValue();
          const url = await page.evaluate(() => location.search);
          await slider.focus();
          // One of the two ends differs from where the knob is now.
          await page.keyboard.press('Home');
          if ((await slider.inputValue()) === before) await page.keyboard.press('End');
          // The app saw it: it writes every knob into the URL.
          await poll(async () => (await page.evaluate(() => location.search)) !== url, { message: `${route}: the knob still moves` });
        } else {
          // No knob on this page (the quiz-card embed): it must still be alive and unbroken.
          assert.equal(await page.locator('#crash-banner').count(), 0, `${route}: no crash`);
          assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'true');
        }
      }
      assert.deepEqual(session.pageErrors, []);
    });
  });
});

describe('offline', () => {
  it('after one visit every page opens and works offline', async () => {
    const session = await newPage(release.browser, release.url());
    const { page, context } = session;
    try {
      await page.goto(release.url() + '/');
      await waitReady(page);
      await poll(() => page.evaluate(() => !!navigator.serviceWorker.controller || navigator.serviceWorker.ready.then(() => true)), { message: 'service worker ready' });
      const wanted = siteList(DIST).filter((p) => !p.endsWith('.png'));
      // The rest of the site is prefetched when the page is idle.
      await poll(async () => {
        const have = new Set(await cachedPaths(page));
        return wanted.every((p) => have.has(p));
      }, { timeout: 60_000, interval: 500, message: 'every page and bundle cached' });
      await context.setOffline(true);
      for (const route of PAGES) {
        await page.goto(release.url() + route);
        await waitReady(page);
      }
      // And it works: a lab offline still computes.
      await page.goto(release.url() + '/learning-rate/?lr=0.5');
      await waitReady(page);
      const before = await page.locator('#run-status').textContent();
      await page.locator('#ctl-lr').focus();
      await page.keyboard.press('End');
      await poll(async () => (await page.locator('#run-status').textContent()) !== before, { message: 'the run reacts offline' });
      assert.deepEqual(session.pageErrors, []);
    } finally {
      await context.setOffline(false).catch(() => {});
      await session.close();
    }
  });

  it('a new deployment waits for the learner, then replaces the old cache', async () => {
    // A private copy of the site, so the "deployment" can change under the page.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperlab-deploy-'));
    fs.cpSync(DIST, dir, { recursive: true });
    const site = await startServer(dir);
    const session = await newPage(release.browser, site.url);
    const { page } = session;
    try {
      await page.goto(site.url + '/learning-rate/');
      await waitReady(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      const oldCaches = await page.evaluate(() => caches.keys());
      assert.equal(oldCaches.length, 1, `one cache: ${oldCaches}`);
      // Deploy: a new version of the worker.
      const sw = path.join(dir, 'sw.js');
      fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1next"'));
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      const banner = page.locator('.site-banner.update-ready');
      await banner.waitFor({ timeout: 15_000 });
      assert.match(await banner.textContent(), /new version/i);
      // Nothing switches until the learner asks: the new worker waits, the old one still serves
      // from its cache.
      assert.ok(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)), 'the new version waits');
      assert.ok((await page.evaluate(() => caches.keys())).includes(oldCaches[0]), 'the old cache is still there');
      await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
      await waitReady(page);
      await poll(async () => {
        const keys = await page.evaluate(() => caches.keys());
        return keys.length === 1 && keys[0].endsWith('next');
      }, { message: 'only the new cache is left' });
    } finally {
      await session.close();
      await site.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('faults', () => {
  it('storage that is turned off: the lab works and says progress cannot be saved', async () => {
    await onFreshPage(release.browser, release.url(), async (page, session) => {
      await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      });
      await page.goto(release.url() + '/regularization/');
      await waitReady(page);
      await page.locator('.app-notice', { hasText: "can't be saved" }).waitFor({ timeout: 5_000 });
      assert.deepEqual(session.pageErrors, []);
    });
  });

  it('storage that is full: the lab works and the theme still switches', async () => {
    await onFreshPage(release.browser, release.url(), async (page, session) => {
      await page.addInitScript(() => {
        Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
      });
      await page.goto(release.url() + '/learning-rate/');
      await waitReady(page);
      const theme = await page.evaluate(() => document.documentElement.dataset.theme);
      await page.locator('#theme-toggle').click();
      await poll(async () => (await page.evaluate(() => document.documentElement.dataset.theme)) !== theme, { message: 'theme switches' });
      assert.deepEqual(session.pageErrors, []);
    });
  });

  it('a bundle that cannot load shows a message, not a blank page', async () => {
    await onFreshPage(release.browser, release.url(), async (page) => {
      await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
      await page.goto(release.url() + '/training/');
      const banner = page.locator('.site-banner.boot-failed');
      await banner.waitFor({ timeout: 10_000 });
      assert.match(await banner.textContent(), /could not load/);
      assert.ok(await banner.getByRole('button', { name: 'Try again' }).isVisible());
    });
  });

  it('markup in the URL or in stored progress is shown as text, never run or parsed', async () => {
    const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>"><svg onload=alert(3)>';
    await onFreshPage(release.browser, release.url(), async (page, session) => {
      await page.addInitScript((text) => {
        try { localStorage.setItem('hyperlab.progress', `hyperlab-progress v1\n${text}\t1`); } catch (e) {}
      }, attack);
      for (const lab of LABS) {
        const q = new URLSearchParams({ seed: attack, [attack]: '1', hide: attack }).toString();
        await page.goto(`${release.url()}/${lab}/?${q}`);
        await waitReady(page);
        const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length);
        const trunkInit = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].filter((s) => s.type === 'module').length);
        assert.equal(injected, trunkInit, `${lab}: no element from input (only the site's own start-up module)`);
        assert.ok(await page.locator('.url-notice').count(), `${lab}: the bad query is reported`);
      }
      assert.ok(await page.locator('.app-notice').count(), 'the corrupt progress is reported');
      // The third door: a progress file imported into the exam-prep hub, and its stored data.
      await page.addInitScript((text) => {
        try { localStorage.setItem('hyperlab.practice', `hyperlab-practice v1\nq\t${text}\t1\t0`); } catch (e) {}
      }, attack);
      await page.goto(`${release.url()}/practice/?tab=progress&q=${encodeURIComponent(attack)}`);
      await waitReady(page);
      await page.setInputFiles('#import-file', { name: 'evil.txt', mimeType: 'text/plain', buffer: Buffer.from(`hyperlab-practice v1\nq\t${attack}\t1\t0\n${attack}`) });
      await page.waitForTimeout(500);
      const fromImport = await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], script:not([src]):not([type="module"])').length);
      assert.equal(fromImport, 0, 'no element from an imported file or stored practice data');
      assert.deepEqual(session.dialogs, []);
      assert.deepEqual(session.pageErrors, []);
    });
  });
});
