// End-to-end tests of the search lab on the release build.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, reopen, poll } from './helpers.mjs';
import { hash, label, boDone } from './search_page.mjs';

const site = useReleaseSite({ before, after });
const withPage = site.withPage;

describe('search lab', { timeout: 240_000 }, () => {
  for (const width of [375, 1280]) {
    it(`loads at ${width}px with three panels and no horizontal scrolling`, async () => {
      await withPage(async (page) => {
        await page.goto(`${site.url()}/search/`);
        await waitReady(page);
        await boDone(page);
        for (const name of ['panel-grid', 'panel-random', 'panel-bayes', 'race', 'oned-gp', 'oned-acq']) {
          assert.equal(await page.locator(`canvas[data-chart="${name}"]`).count(), 1, name);
          assert.doesNotMatch(await label(page, name), /NaN|inf/i, name);
        }
        assert.match(await label(page, 'panel-grid'), /Distinct values tried: 4 of x, 4 of y/);
        assert.match(await label(page, 'panel-random'), /Distinct values tried: 20 of x/);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        assert.ok(scrollWidth <= innerWidth + 1, `horizontal scrolling: ${scrollWidth} > ${innerWidth}`);
      }, { width, height: 900 });
    });
  }

  it('reset, step and play move through the trials', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=branin&budget=12`);
      await waitReady(page);
      await boDone(page);
      const full = await hash(page, 'panel-random');
      await page.click('#reset');
      await poll(async () => /Showing trial 0 of 12/.test(await page.innerText('#trial-counter')));
      assert.match(await label(page, 'panel-random'), /0 of 12 trials shown/);
      const empty = await hash(page, 'panel-random');
      assert.notEqual(empty, full);
      await page.click('#step');
      await page.click('#step');
      await poll(async () => /2 of 12 trials shown/.test(await label(page, 'panel-bayes')));
      assert.notEqual(await hash(page, 'panel-random'), empty);
      await page.click('#play');
      await poll(async () => /Showing trial 12 of 12/.test(await page.innerText('#trial-counter')), { timeout: 15_000, message: 'play did not reach the end' });
    });
  });

  it('the URL round trip restores every control', async () => {
    await withPage(async (page) => {
      const query = 'problem=wells&budget=21&seed=42&init=4&acq=ucb&xi=0.05&kappa=3.5&kernel=rbf&pick=1&export=random';
      await page.goto(`${site.url()}/search/?${query}`);
      await waitReady(page);
      await page.fill('#num-budget', '23');
      await page.keyboard.press('Tab');
      await poll(async () => (await page.evaluate(() => new URLSearchParams(location.search).get('budget'))) === '23');
      await reopen(page);
      assert.equal(await page.inputValue('#ctl-problem'), 'wells');
      assert.equal(await page.inputValue('#num-budget'), '23');
      assert.equal(await page.inputValue('#num-seed'), '42');
      assert.equal(await page.inputValue('#num-init'), '4');
      assert.equal(await page.inputValue('#ctl-acq'), 'ucb');
      assert.equal(await page.inputValue('#num-kappa'), '3.5');
      assert.equal(await page.inputValue('#ctl-kernel'), 'rbf');
      assert.equal(await page.isChecked('#ctl-pick'), true);
      assert.equal(await page.inputValue('#ctl-export'), 'random');
      const params = await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
      assert.equal(params.xi, '0.05');
      assert.match(await page.innerText('#code-optuna'), /RandomSampler\(seed=42\)/);
    });
  });

  it('the embed view has no site chrome', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/embed/search/?problem=branin&budget=9`);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('footer.site-footer').count(), 0);
      assert.match(await label(page, 'panel-grid'), /9 of 9 trials/);
    });
  });

  it('the many-seeds race completes with a progress bar', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=branin&budget=10&init=5`);
      await waitReady(page);
      await page.evaluate(() => localStorage.clear());
      await page.click('#run-many');
      await poll(async () => Number(await page.evaluate(() => document.querySelector('#many-progress').value)) > 0, { timeout: 10_000, message: 'progress never moved' });
      await poll(async () => /200 \/ 200 trials/.test(await page.innerText('#many-count')), { timeout: 120_000, message: 'many seeds did not finish' });
      await poll(async () => /Over 20 seeds, median final best/.test(await label(page, 'race')));
    });
  });

  it("the 1-D view's you-pick mode reveals the optimizer's choice after the learner's", async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=wells&pick=1`);
      await waitReady(page);
      // Past the initial design, so there is a model and an acquisition curve.
      for (let i = 0; i < 3; i += 1) {
        await page.click('#oned-pick');
        await page.click('#oned-step');
      }
      await poll(async () => (await page.getAttribute('#oned-status', 'data-revealed')) === 'false');
      assert.equal(await page.isDisabled('#oned-step'), true);
      const box = await page.locator('canvas[data-chart="oned-gp"]').boundingBox();
      await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
      await poll(async () => (await page.getAttribute('#oned-status', 'data-revealed')) === 'true');
      const status = await page.innerText('#oned-status');
      assert.match(status, /Your pick: x = .*\(acquisition [^—]/);
      assert.match(status, /The optimizer's choice: x = .*\(acquisition /);
      assert.match(await label(page, 'oned-gp'), /Your pick/);
      await page.click('#oned-step');
      await poll(async () => /4 of 14 trials/.test(await page.innerText('#oned-count')));
    });
  });

  it('a challenge completes from its setup', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/`);
      await waitReady(page);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitReady(page);
      const card = page.locator('.challenge[data-challenge-id="search-bayes-faster"]');
      await card.locator('button', { hasText: 'Set up' }).click();
      await boDone(page);
      assert.equal(await card.getAttribute('data-done'), 'false');
      await page.fill('#num-init', '6');
      await page.keyboard.press('Tab');
      await poll(async () => (await card.getAttribute('data-done')) === 'true', { timeout: 30_000, message: 'challenge not completed' });
    });
  });

  it('copy as code writes Optuna, scikit-optimize and SageMaker', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.url()}/search/?problem=oneknob&budget=20`);
      await waitReady(page);
      const optuna = await page.innerText('#code-optuna');
      const skopt = await page.innerText('#code-skopt');
      const sagemaker = await page.innerText('#code-sagemaker');
      assert.match(optuna, /optuna\.create_study\(/);
      assert.match(optuna, /n_trials=20/);
      assert.match(skopt, /gp_minimize\(/);
      assert.match(sagemaker, /HyperparameterTuner\(/);
      assert.match(sagemaker, /scaling_type="Logarithmic"/);
      // The copy button never throws, even where the clipboard is refused.
      await page.click('#code-optuna-copy');
      await poll(async () => (await page.innerText('.search-section .share-status')).length > 0);
      const selected = await page.evaluate(() => {
        const r = document.createRange();
        r.selectNodeContents(document.querySelector('#code-skopt'));
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        return getSelection().toString();
      });
      assert.match(selected, /gp_minimize\(/);
    });
  });
});
