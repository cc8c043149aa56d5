// End-to-end tests of the regularization lab on the release build.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, reopen, poll, chartPixelsHash } from './helpers.mjs';


const site = useReleaseSite({ before, after });

const query = (page) => page.evaluate(() => location.search);
const chartHash = (page, name) => chartPixelsHash(page, `canvas[data-chart="${name}"]`);


describe('regularization lab', { timeout: 180_000 }, () => {
  it('every control changes the URL and the fit, and a reload restores them all', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/regularization/`);
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
      await reopen(page);
      const after = await page.$$eval('input[type=range], input[type=number], select, input[type=checkbox][role=switch]', (els) => els.map((e) => `${e.id}=${e.type === 'checkbox' ? e.checked : e.value}`));
      assert.deepEqual(after, values);
    });
  });

  it('presets load their state and show their claim; Lasso zeroes coefficients', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/regularization/`);
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
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/regularization/`);
      await waitReady(page);
      await page.evaluate(() => localStorage.clear());
      const card = page.locator('.challenge[data-challenge-id="reg-flatten"]');
      assert.equal(await card.getAttribute('data-done'), 'false');
      // Ridge at the largest λ never zeroes a coefficient: the challenge stays open.
      await page.fill('#num-lambda', '100');
      await page.keyboard.press('Tab');
      await poll(async () => /lambda=100/.test(await query(page)));
      assert.equal(await card.getAttribute('data-done'), 'false');
      // Lasso just past λ_max (≈ 0.57 on the default points) zeroes them all with the least penalty.
      await page.fill('#num-l1', '1');
      await page.keyboard.press('Tab');
      await page.fill('#num-lambda', '0.6');
      await page.keyboard.press('Tab');
      await poll(async () => (await card.getAttribute('data-done')) === 'true', { message: 'flatten challenge not met' });
    });
  });

  it('the embed view has no site chrome and honours hidden controls', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/embed/regularization/?degree=15&lambda=0&hide=seed,noise`);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('#ctl-seed').count(), 0);
      assert.equal(await page.inputValue('#num-degree'), '15');
      assert.equal(await page.inputValue('#num-lambda'), '0');
    });
  });
});
