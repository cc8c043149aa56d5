// End-to-end tests of the cross-validation lab on the release build.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, reopen, poll, chartPixelsHash } from './helpers.mjs';


const site = useReleaseSite({ before, after });

const gridHash = (page) => chartPixelsHash(page, 'canvas[data-chart="folds"]');
const gridLabel = (page) => page.getAttribute('canvas[data-chart="folds"]', 'aria-label');


describe('cross-validation lab', { timeout: 180_000 }, () => {
  it('changing k changes the grid and the URL, and a reload restores it', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/cross-validation/?k=5&split=kfold&shuffle=0&n=30`);
      await waitReady(page);
      assert.match(await gridLabel(page), /5 splits/);
      const before = await gridHash(page);
      await page.fill('#num-k', '10');
      await page.keyboard.press('Tab');
      await poll(async () => new URL(page.url()).searchParams.get('k') === '10' || (await page.evaluate(() => new URLSearchParams(location.search).get('k'))) === '10');
      await poll(async () => /10 splits/.test(await gridLabel(page)));
      assert.notEqual(await gridHash(page), before);
      await reopen(page);
      assert.equal(await page.inputValue('#num-k'), '10');
      assert.match(await gridLabel(page), /10 splits/);
    });
  });

  it('the embed view has no site chrome', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/embed/cross-validation/?split=loo&n=12`);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('footer.site-footer').count(), 0);
      assert.match(await gridLabel(page), /12 splits/);
    });
  });

  it('stratified folds on a regression task explain why they cannot split', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/cross-validation/?task=regression&split=stratified`);
      await waitReady(page);
      assert.equal(await page.getAttribute('#cv-status', 'data-error'), 'true');
      assert.match(await page.innerText('#cv-status'), /classification/);
    });
  });

  it('the k-comparison experiment runs to the end with a progress bar, then the leakage demos', async () => {
    await site.withPage(async (page) => {
      // Degree 9: k = 2 is more than 10 % pessimistic, which the “Why 5 or 10 folds?” challenge
      // asks for. The learner sets it (a challenge credits the learner's own states, not a link's).
      await page.goto(`${site.url()}/cross-validation/?degree=2`);
      await waitReady(page);
      await page.fill('#num-degree', '9');
      await page.keyboard.press('Tab');
      await poll(async () => /degree=9/.test(new URL(page.url()).search), { message: 'degree not set' });
      await page.click('#run-experiment');
      await poll(async () => Number(await page.evaluate(() => document.querySelector('.experiment progress').value)) > 0, { timeout: 10_000, message: 'progress never moved' });
      await poll(async () => Number(await page.evaluate(() => document.querySelector('.experiment progress').value)) === 200, { timeout: 60_000, message: 'experiment did not finish' });
      const text = await page.getAttribute('canvas[data-chart="experiment"]', 'aria-label');
      assert.match(text, /200 of 200 resamples/);
      assert.match(text, /k = 10: estimate/);
      await page.click('#run-leakage');
      await page.locator('#leakage-table').waitFor({ timeout: 60_000 });
      await poll(async () => /Median over 60 data sets/.test(await page.innerText('#leakage-table caption')), { timeout: 60_000 });
      await page.locator('.challenge[data-challenge-id="cv-why-5-or-10"][data-done="true"]').waitFor({ timeout: 5_000 });
    });
  });

  it('a challenge completes from its setup', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/cross-validation/`);
      await waitReady(page);
      await page.evaluate(() => localStorage.clear());
      const card = page.locator('.challenge[data-challenge-id="cv-stratify"]');
      await card.locator('button', { hasText: 'Set up' }).click();
      assert.equal(await card.getAttribute('data-done'), 'false');
      await page.selectOption('#ctl-split', 'stratified');
      await poll(async () => (await card.getAttribute('data-done')) === 'true', { message: 'challenge not completed' });
    });
  });
});
