// End-to-end tests of the release build in dist/, in headless Chromium.
//
//   node --test tests/e2e/
//
// The static server has no SPA fallback, so these tests also prove every
// route exists as a real file in dist/.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './server.mjs';
import { launch, newPage, waitReady, poll, LearningRateLab } from './helpers.mjs';

// Resolved from this file, so running from another directory still works.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.HYPERLAB_DIST ? path.resolve(process.env.HYPERLAB_DIST) : path.join(REPO_ROOT, 'dist');
const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/artifacts');

// Every page the build has: home, each lab and the exam-prep hub, each with its embed route.
const PAGES = fs.existsSync(path.join(DIST, 'embed')) ? fs.readdirSync(path.join(DIST, 'embed')).sort() : [];
const ROUTES = ['/', ...PAGES.flatMap((p) => [`/${p}/`, `/embed/${p}/`])];
const WIDTHS = [375, 1280];
const CONTOUR = 'canvas[data-chart="contour"]';
const TEST_TIMEOUT = 60_000;

let server;
let browser;

/**
 * Run `fn` with a fresh, instrumented page. On failure, save a screenshot to
 * tests/e2e/artifacts/ and append the collected console/page errors to the
 * error message, which is usually what explains the failure.
 */
async function withPage(name, opts, fn) {
  const session = await newPage(browser, server.url, opts);
  try {
    await fn(session, new LearningRateLab(session.page, server.url));
  } catch (err) {
    try {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, name.replace(/[^a-z0-9]+/gi, '_').slice(0, 80) + '.png');
      await session.page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    } catch {
      /* a screenshot is a nicety; never mask the real failure */
    }
    err.message += `\n--- collected in the page ---\n${session.summary()}`;
    throw err;
  } finally {
    await session.close();
  }
}

function assertClean(session, { consoleErrors = true } = {}) {
  if (consoleErrors) assert.deepEqual(session.consoleErrors, [], 'console errors');
  assert.deepEqual(session.pageErrors, [], 'page errors');
  assert.deepEqual(session.foreignRequests, [], 'requests to other origins');
  assert.deepEqual(session.dialogs, [], 'dialogs (alert/confirm/prompt)');
}

describe('Hyperlab release build', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) {
      throw new Error(`${path.join(DIST, 'index.html')} is missing: build the release bundle into dist/ first (see the Makefile).`);
    }
    server = await startServer(DIST);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('routes', () => {
    for (const route of ROUTES) {
      for (const width of WIDTHS) {
        it(`${route} loads cleanly at ${width}px`, { timeout: TEST_TIMEOUT }, async () => {
          await withPage(`route ${route === '/' ? 'home' : route} ${width}`, { width, height: 900 }, async (session) => {
            const { page } = session;
            const response = await page.goto(server.url + route);
            assert.equal(response?.status(), 200, `HTTP status of ${route}`);
            await waitReady(page);
            const { scrollWidth, innerWidth } = await page.evaluate(() => ({
              scrollWidth: document.documentElement.scrollWidth,
              innerWidth: window.innerWidth,
            }));
            assert.ok(scrollWidth <= innerWidth + 1, `horizontal scrolling: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
            assertClean(session);
          });
        });
      }
    }

    it('deep link without trailing slash works (/learning-rate)', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('deep link no slash', {}, async (session) => {
        const response = await session.page.goto(server.url + '/learning-rate');
        assert.equal(response?.status(), 200);
        await waitReady(session.page);
        assert.deepEqual(session.pageErrors, [], 'page errors');
      });
    });

    it('a missing route is a 404 (no SPA fallback)', async () => {
      const res = await fetch(server.url + '/no-such-lab/');
      assert.equal(res.status, 404);
      await res.arrayBuffer();
    });

    it('home page links to the learning-rate lab', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('home link', {}, async ({ page }) => {
        await page.goto(server.url + '/');
        await waitReady(page);
        const links = await page.locator('a[href^="/learning-rate"]').count();
        assert.ok(links >= 1, 'expected an a[href^="/learning-rate"] on the home page');
      });
    });

    it('site header and footer on the lab, not on the embed', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('header footer', {}, async ({ page }) => {
        await page.goto(server.url + '/learning-rate/');
        await waitReady(page);
        assert.equal(await page.locator('header.site-header').count(), 1, 'header.site-header on /learning-rate/');
        assert.equal(await page.locator('footer.site-footer').count(), 1, 'footer.site-footer on /learning-rate/');

        await page.goto(server.url + '/embed/learning-rate/');
        await waitReady(page);
        assert.equal(await page.locator('header.site-header').count(), 0, 'no header.site-header on the embed');
        assert.equal(await page.locator('footer.site-footer').count(), 0, 'no footer.site-footer on the embed');
      });
    });
  });

  describe('learning-rate lab', () => {
    it('slider moves update the URL and the chart, and survive a reload', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('slider url reload', {}, async (session, lab) => {
        const { page } = session;
        await lab.goto();
        // Hash a settled chart, so an in-flight animation is not mistaken for the change.
        await lab.waitSettled(10_000);
        const hashBefore = await lab.canvasHash(CONTOUR);
        const lrBefore = (await lab.query()).get('lr');
        const sliderBefore = await lab.slider('lr').inputValue();

        await lab.slider('lr').focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        assert.notEqual(await lab.slider('lr').inputValue(), sliderBefore, 'ArrowRight did not move #ctl-lr (already at max?)');

        await page.waitForFunction(
          (before) => new URLSearchParams(location.search).get('lr') !== before,
          lrBefore,
          { timeout: 2_000 },
        );
        // The new run must finish and leave a different picture behind.
        await poll(
          async () => (await lab.status()) !== 'running' && (await lab.canvasHash(CONTOUR)) !== hashBefore,
          { timeout: 10_000, message: 'contour chart did not change, or the run did not settle' },
        );

        const ctlValue = await lab.slider('lr').inputValue();
        const numValue = await lab.number('lr').inputValue();
        const rangesBefore = await lab.rangeInputs();
        const href = await lab.href();

        await page.goto(href);
        await waitReady(page);
        assert.equal(await lab.slider('lr').inputValue(), ctlValue, '#ctl-lr after reload');
        assert.equal(await lab.number('lr').inputValue(), numValue, '#num-lr after reload');
        assert.deepEqual(await lab.rangeInputs(), rangesBefore, 'every range input after reload');
        assertClean(session);
      });
    });

    it('a too-large learning rate diverges, and #recover fixes it', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('diverge recover', {}, async (session, lab) => {
        await lab.goto();
        await lab.setNumber('lr', 5);
        await lab.waitStatus('diverged', 10_000);
        assert.match(await lab.statusText(), /diverged/i);

        const recover = session.page.locator('#recover');
        assert.equal(await recover.count(), 1, '#recover button');
        const lrDiverged = Number((await lab.query()).get('lr') ?? (await lab.number('lr').inputValue()));
        assert.ok(Number.isFinite(lrDiverged), `lr before recovering: ${lrDiverged}`);

        await recover.click();
        await poll(
          async () => {
            const raw = (await lab.query()).get('lr');
            return raw !== null && Number.isFinite(Number(raw)) && Number(raw) < lrDiverged;
          },
          { timeout: 5_000, message: `lr in the URL did not drop below ${lrDiverged} after #recover` },
        );
        await poll(async () => (await lab.status()) !== 'diverged', {
          timeout: 10_000,
          message: 'status still diverged after #recover',
        });
        assertClean(session);
      });
    });

    const HOSTILE = [
      { name: 'lr=NaN', query: '?lr=NaN', notice: true },
      { name: 'lr=inf', query: '?lr=inf', notice: true },
      { name: 'huge numbers', query: '?lr=1e308&mom=-1e308&steps=1e999', notice: true },
      { name: 'script in lr', query: '?lr=%3Cscript%3Ealert(1)%3C%2Fscript%3E', notice: true },
      { name: 'img in surface', query: '?surface=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', notice: false },
      {
        name: '5000 keys',
        query: '?' + Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&'),
        notice: false,
      },
    ];

    for (const { name, query, notice } of HOSTILE) {
      it(`hostile query (${name}) leaves a working page`, { timeout: TEST_TIMEOUT }, async () => {
        await withPage(`hostile ${name}`, {}, async (session, lab) => {
          const { page } = session;
          // Baseline: whatever <script> the shell itself has in <body> (expected 0).
          await lab.goto();
          const baselineScripts = await page.locator('body script').count();

          await lab.goto(query);
          // Give async handlers (img onerror, timers) a moment to fire.
          await page.waitForLoadState('load');
          await page.waitForTimeout(300);

          assert.deepEqual(session.pageErrors, [], 'page errors');
          assert.deepEqual(session.dialogs, [], 'dialogs');
          assert.equal(await page.locator('body script').count(), baselineScripts, 'script elements in body');
          assert.equal(await page.locator('img[src="x"], img[onerror]').count(), 0, 'injected <img>');

          const ranges = await lab.rangeInputs();
          assert.ok(ranges.length > 0, 'no range inputs on the page');
          for (const r of ranges) {
            const v = Number(r.value);
            // Defaults per the HTML spec when min/max are absent.
            const min = r.min === '' ? 0 : Number(r.min);
            const max = r.max === '' ? 100 : Number(r.max);
            assert.ok(Number.isFinite(v) && v >= min && v <= max, `${r.id}: value ${r.value} outside ${r.min}..${r.max}`);
          }
          // The number box paired with each slider must show a real number, not NaN/Infinity.
          const numbers = await page.evaluate(() =>
            [...document.querySelectorAll('input[type=range][id^="ctl-"]')]
              .map((el) => document.getElementById('num-' + el.id.slice(4)))
              .filter(Boolean)
              .map((el) => ({ id: el.id, value: el.value })),
          );
          for (const n of numbers) {
            assert.ok(n.value.trim() !== '' && Number.isFinite(Number(n.value)), `${n.id} shows ${JSON.stringify(n.value)}`);
          }

          if (notice) {
            await page.locator('.url-notice').first().waitFor({ state: 'visible', timeout: 5_000 });
          }
        });
      });
    }

    it('theme toggle switches light/dark and survives a reload', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('theme toggle', {}, async (session, lab) => {
        const { page } = session;
        await lab.goto();
        await page.evaluate(() => localStorage.clear());
        await lab.reload();

        const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
        const first = await theme();
        assert.ok(first === 'light' || first === 'dark', `initial data-theme: ${first}`);
        const other = first === 'light' ? 'dark' : 'light';

        await page.locator('#theme-toggle').click();
        await poll(async () => (await theme()) === other, { timeout: 2_000, message: `data-theme did not become ${other}` });
        await page.locator('#theme-toggle').click();
        await poll(async () => (await theme()) === first, { timeout: 2_000, message: `data-theme did not return to ${first}` });
        await page.locator('#theme-toggle').click();
        await poll(async () => (await theme()) === other, { timeout: 2_000, message: `data-theme did not become ${other} again` });

        const stored = await page.evaluate(() => Object.values(localStorage));
        assert.ok(stored.some((v) => v.includes(other)), `localStorage should hold "${other}", has ${JSON.stringify(stored)}`);

        await lab.reload();
        assert.equal(await theme(), other, 'theme after reload');
        assertClean(session);
      });
    });

    it('guided challenge lr-zigzag completes from the learner\'s own move, not from a link', { timeout: TEST_TIMEOUT }, async () => {
      await withPage('challenge lr-zigzag', {}, async (session, lab) => {
        const card = '.challenge[data-challenge-id="lr-zigzag"]';
        // A shared link that already meets the challenge is not the learner's answer.
        await lab.goto('?surface=bowl&cond=10&lr=0.19&mom=0&steps=100&noise=0');
        await lab.waitSettled(10_000);
        assert.equal(await session.page.getAttribute(card, 'data-done'), 'false');
        await session.page.fill('#num-lr', '0.15');
        await session.page.keyboard.press('Tab');
        await lab.waitSettled(10_000);
        await session.page.waitForSelector(`${card}[data-done="true"]`, { state: 'attached', timeout: 10_000 });
        assert.deepEqual(session.pageErrors, [], 'page errors');
      });
    });
  });
});
