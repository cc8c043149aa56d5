// End-to-end tests of the app shell around the labs: contrast in both themes, embedding
// (snippet, hidden controls, height messages) and the crash banner.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './server.mjs';
import { launch, onFreshPage, waitReady, poll } from './helpers.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.HYPERLAB_DIST ? path.resolve(process.env.HYPERLAB_DIST) : path.join(REPO_ROOT, 'dist');

let server;
let browser;

before(async () => {
  server = await startServer(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Every lab the build has (each has an embed route; the exam-prep hub has one too, but is not a lab).
const LAB_ROUTES = fs.readdirSync(path.join(DIST, 'embed')).filter((d) => d !== 'practice').sort().map((l) => `/${l}/`);

// WCAG contrast of each element's text against the first opaque background behind it.
async function contrastReport(page, selectors) {
  return page.evaluate((selectors) => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return selectors.map((sel) => {
      const el = document.querySelector(sel);
      if (!el) return { sel, missing: true };
      const fg = rgb(getComputedStyle(el).color).slice(0, 3);
      const [a, b] = [lum(fg), lum(background(el))];
      return { sel, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
  }, selectors);
}

describe('app shell', { timeout: 120_000 }, () => {
  for (const theme of ['light', 'dark']) {
    it(`text passes WCAG AA contrast in the ${theme} theme`, async () => {
      await onFreshPage(browser, server.url, async (page, session) => {
        await page.goto(`${server.url}/learning-rate/?surface=bowl&lr=5`);
        await waitReady(page);
        assert.equal(await page.getAttribute('html', 'data-theme'), theme);
        await poll(async () => (await page.getAttribute('#run-status', 'data-status')) === 'diverged');
        const report = await contrastReport(page, [
          'body', '.site-header nav a', '.brand', '#theme-toggle', '.lab-intro', '.control-head label',
          '.control-value', '.control-help', '.tag-hyper', '.tag-setting', '#play', '#step', '.control-number',
          'figcaption', '.regime-badge', '.diverged-help', '#recover', '.challenge p', '.challenge-badge',
          '.site-footer p', '.params-panel p',
        ]);
        for (const r of report) {
          assert.ok(!r.missing, `${r.sel} not found`);
          assert.ok(r.ratio >= 4.5, `${r.sel}: contrast ${r.ratio.toFixed(2)} < 4.5 in ${theme}`);
        }
        assert.deepEqual(session.pageErrors, []);
      }, { colorScheme: theme });
    });
  }

  for (const theme of ['light', 'dark']) {
    it(`every lab's text passes WCAG AA contrast in the ${theme} theme`, async () => {
      for (const route of ['/', ...LAB_ROUTES]) {
        await onFreshPage(browser, server.url, async (page) => {
          await page.goto(`${server.url}${route}`);
          await waitReady(page);
          const selectors = route === '/'
            ? ['body', '.lead', '.lab-card h3', '.lab-card p', '.lab-card .concepts', '.lab-card .button']
            : ['.lab-intro', '.control-head label', '.control-help', '.tag-hyper', '.tag-setting', 'figcaption', '.challenge p', '.preset, #play', '.run-status p'];
          const report = await contrastReport(page, selectors);
          for (const r of report) {
            if (r.missing) continue; // not every lab has every element
            assert.ok(r.ratio >= 4.5, `${route} ${r.sel}: contrast ${r.ratio.toFixed(2)} < 4.5 in ${theme}`);
          }
          assert.ok(report.filter((r) => !r.missing).length >= 4, `${route}: too few elements checked`);
        }, { colorScheme: theme });
      }
    });
  }

  it('the embed snippet reproduces the state and leaves out the unticked controls', async () => {
    await onFreshPage(browser, server.url, async (page, session) => {
      await page.goto(`${server.url}/learning-rate/?surface=valley&lr=0.01&seed=7`);
      await waitReady(page);
      await page.click('#embed');
      await page.check('.embed-controls input[value="seed"]');
      await page.uncheck('.embed-controls input[value="mom"]');
      const snippet = await page.inputValue('#embed-snippet');
      const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
      // The live preview has loaded this very state before the page is left.
      await poll(async () => page.frames().some((f) => f.url() === src), { timeout: 30_000, message: 'the preview shows the snippet\'s URL' });
      await page.frameLocator('#embed-preview').locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
      const url = new URL(src);
      assert.equal(url.pathname, '/embed/learning-rate/');
      assert.equal(url.searchParams.get('lr'), '0.01');
      assert.equal(url.searchParams.get('surface'), 'valley');
      assert.equal(url.searchParams.get('controls'), 'surface,lr,seed');

      await page.goto(src);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('#ctl-mom').count(), 0, 'an unticked control is left out');
      assert.equal(await page.locator('#ctl-seed').count(), 1, 'a ticked one is there');
      assert.equal(await page.inputValue('#num-lr'), '0.01');
      assert.deepEqual(session.consoleErrors, []);
      assert.deepEqual(session.pageErrors, []);
    });
  });

  it('an embedded lab posts its height to the parent page', async () => {
    await onFreshPage(browser, server.url, async (page) => {
      await page.goto(`${server.url}/no-such-page-just-an-origin`).catch(() => {});
      await page.setContent(`<!doctype html><body style="margin:0">
        <script>window.__heights = []; addEventListener('message', (e) => {
          if (e.data && e.data.type === 'hyperlab:height') window.__heights.push(e.data.height); });</script>
        <iframe src="${server.url}/embed/learning-rate/" style="width:700px;height:400px;border:0"></iframe></body>`);
      await poll(async () => (await page.evaluate(() => window.__heights.length)) > 0, { timeout: 15_000, message: 'no height message' });
      const heights = await page.evaluate(() => window.__heights);
      assert.ok(heights.at(-1) > 400, `the lab is taller than the iframe: ${heights}`);
    });
  });

  it('a panic shows the reload banner instead of a dead page', async () => {
    await onFreshPage(browser, server.url, async (page) => {
      await page.goto(`${server.url}/learning-rate/`);
      await waitReady(page);
      await page.evaluate(() => { try { window.wasmBindings.__test_panic(); } catch (e) { /* the panic surfaces as a JS error */ } });
      const banner = page.locator('#crash-banner[role="alert"]');
      await banner.waitFor({ state: 'visible', timeout: 5_000 });
      assert.match(await banner.innerText(), /Something broke/);
      assert.ok(await banner.locator('a', { hasText: 'Reload' }).count());
    });
  });
});
