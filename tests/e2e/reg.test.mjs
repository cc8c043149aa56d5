// End-to-end tests of the regularization lab on the release build.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './server.mjs';
import { launch, newPage, waitReady, poll, sha256 } from './helpers.mjs';

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

const query = (page) => page.evaluate(() => location.search);
const chartHash = (page, name) => page.evaluate((n) => document.querySelector(`canvas[data-chart="${n}"]`).toDataURL(), name).then(sha256);

async function withPage(fn) {
  const session = await newPage(browser, server.url);
  try {
    await fn(session.page);
    assert.deepEqual(session.consoleErrors, [], 'console errors');
    assert.deepEqual(session.pageErrors, [], 'page errors');
    assert.deepEqual(session.foreignRequests, [], 'foreign requests');
  } finally {
    await session.close();
  }
}

describe('regularization lab', { timeout: 180_000 }, () => {
  it('every control changes the URL and the fit, and a reload restores them all', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/regularization/`);
      await waitReady(page);
      for (const key of ['noise', 'n', 'seed', 'degree', 'lambda', 'l1']) {
        const before = await query(page);
        const fitBefore = await chartHash(page, 'fit');
        await page.focus(`#ctl-${key}`);
        await page.keyboard.press('ArrowRight');
        await poll(async () => (await query(page)) !== before, { message: `${key} did not change the URL` });
        await poll(async () => (await chartHash(page, 'fit')) !== fitBefore || key === 'l1' || key === 'lambda', { message: `${key} did not redraw the fit` });
      }
      await page.selectOption('#ctl-truth', 'step');
      await page.click('#ctl-std');
      await poll(async () => /truth=step/.test(await query(page)) && /std=0/.test(await query(page)));
      const values = await page.$$eval('input[type=range], input[type=number], select, input[type=checkbox][role=switch]', (els) => els.map((e) => `${e.id}=${e.type === 'checkbox' ? e.checked : e.value}`));
      await page.goto(await page.evaluate(() => location.href));
      await waitReady(page);
      const after = await page.$$eval('input[type=range], input[type=number], select, input[type=checkbox][role=switch]', (els) => els.map((e) => `${e.id}=${e.type === 'checkbox' ? e.checked : e.value}`));
      assert.deepEqual(after, values);
    });
  });

  it('presets load their state and show their claim; Lasso zeroes coefficients', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/regularization/`);
      await waitReady(page);
      await page.click('button.preset:has-text("Useless features")');
      await poll(async () => /l1=1/.test(await query(page)));
      assert.match(await page.innerText('.preset-claim'), /Lasso/);
      const label = await page.getAttribute('canvas[data-chart="coefficients"]', 'aria-label');
      const zeros = Number(label.match(/(\d+) exactly zero/)[1]);
      assert.ok(zeros >= 5, `Lasso should zero the useless powers: ${label}`);
    });
  });

  it('a challenge can be completed', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/regularization/`);
      await waitReady(page);
      await page.evaluate(() => localStorage.clear());
      const card = page.locator('.challenge[data-challenge-id="reg-flatten"]');
      assert.equal(await card.getAttribute('data-done'), 'false');
      await page.fill('#num-lambda', '100');
      await page.keyboard.press('Tab');
      await poll(async () => (await card.getAttribute('data-done')) === 'true', { message: 'flatten challenge not met' });
    });
  });

  it('the embed view has no site chrome and honours hidden controls', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/embed/regularization/?degree=15&lambda=0&hide=seed,noise`);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('#ctl-seed').count(), 0);
      assert.equal(await page.inputValue('#num-degree'), '15');
      assert.equal(await page.inputValue('#num-lambda'), '0');
    });
  });
});
