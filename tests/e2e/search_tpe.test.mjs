// End-to-end tests of the search lab's second part on the release build: TPE as a fourth
// strategy, the TPE view stepping (and "you pick first"), the parallel-trials control changing
// the experiment, gradient-based tuning, and runnable code that copies.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, poll } from './helpers.mjs';
import { hash, label, boDone } from './search_page.mjs';

const site = useReleaseSite({ before, after });
const withPage = site.withPage;

describe('search lab, part two', { timeout: 300_000 }, () => {
  for (const width of [360, 1280]) {
    it(`shows TPE's panel and the new views at ${width}px without horizontal scrolling`, async () => {
      await withPage(async (page) => {
        await page.goto(`${site.url()}/search/?problem=branin&budget=20`);
        await waitReady(page);
        await boDone(page);
        for (const name of ['panel-tpe', 'tpe-densities', 'tpe-scores', 'parallel-trials', 'parallel-rounds', 'gradient']) {
          assert.equal(await page.locator(`canvas[data-chart="${name}"]`).count(), 1, name);
          assert.doesNotMatch(await label(page, name), /NaN|inf/i, name);
        }
        assert.match(await label(page, 'panel-tpe'), /^TPE: 20 of 20 trials shown/);
        assert.match(await page.innerText('#gd-verdict'), /cross-validations/);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        assert.ok(scrollWidth <= innerWidth + 1, `horizontal scrolling: ${scrollWidth} > ${innerWidth}`);
      }, { width, height: 900 });
    });
  }

  it('the TPE view steps, and in "you pick" mode waits for the pick', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=branin`);
      await waitReady(page);
      assert.match(await page.innerText('#tpe-count'), /^10 of 30 trials/);
      const before = await hash(page, 'tpe-densities');
      await page.click('#tpe-step');
      await poll(async () => /^11 of 30 trials/.test(await page.innerText('#tpe-count')));
      await poll(async () => (await hash(page, 'tpe-densities')) !== before, { message: 'densities did not redraw' });
      assert.match(await page.innerText('#tpe-status'), /γ\(11\) = 2/);
      await page.goto(`${site.url()}/search/?problem=branin&pick=1`);
      await waitReady(page);
      assert.equal(await page.getAttribute('#tpe-status', 'data-revealed'), 'false');
      assert.ok(await page.isDisabled('#tpe-step'));
      await page.click('#tpe-pick');
      await poll(async () => (await page.getAttribute('#tpe-status', 'data-revealed')) === 'true');
      assert.match(await page.innerText('#tpe-status'), /Your pick, x0 = .* scores/);
      await page.click('#tpe-step');
      await poll(async () => /^11 of 30 trials/.test(await page.innerText('#tpe-count')));
    });
  });

  it('the parallel-workers control changes the experiment', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=branin&budget=8`);
      await waitReady(page);
      await page.click('#run-parallel');
      await poll(async () => (await page.getAttribute('#parallel-verdict', 'data-done')) === 'true', { timeout: 150_000, message: 'parallel experiment did not finish' });
      const one = await page.innerText('#parallel-verdict');
      assert.match(one, /with 1 worker: random search/);
      const chart = await hash(page, 'parallel-trials');
      await page.selectOption('#ctl-workers', '4');
      await poll(async () => /with 4 workers/.test(await page.innerText('#parallel-verdict')));
      assert.match(await page.innerText('#parallel-verdict'), /\(2 rounds\)/);
      await poll(async () => (await hash(page, 'parallel-trials')) !== chart, { message: 'chart did not highlight k = 4' });
      assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get('workers')), '4');
      // The SageMaker configuration follows k.
      assert.match(await page.innerText('#code-sagemaker'), /max_parallel_jobs=4/);
    });
  });

  it('gradient tuning follows its step size', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?gstep=100`);
      await waitReady(page);
      assert.match(await page.innerText('#gd-verdict'), /^Gradient descent came within 1 % .* after 2 cross-validations; grid search 7/);
      await page.goto(`${site.url()}/search/?gdeg=12&gstart=low&gstep=60`);
      await waitReady(page);
      assert.match(await page.innerText('#gd-verdict'), /a local minimum/);
    });
  });

  it('a runnable snippet copies, with its objective written out', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=ridge&export=tpe&budget=20`);
      await waitReady(page);
      const optuna = await page.innerText('#code-optuna');
      assert.match(optuna, /^# pip install optuna==5\.1\.0/);
      assert.match(optuna, /def validation_loss\(degree, lambda_\)/);
      assert.match(optuna, /TPESampler\(seed=1/);
      assert.match(optuna, /FOLDS = \[/);
      assert.match(await page.innerText('#code-skopt'), /from hyperopt import/);
      await page.click('#code-optuna-copy');
      await poll(async () => (await page.innerText('.search-section .share-status')).length > 0);
    });
  });
});
