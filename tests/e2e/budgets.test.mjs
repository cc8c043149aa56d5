// End-to-end tests of the budgets lab on the release build.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, reopen, poll } from './helpers.mjs';

const site = useReleaseSite({ before, after });

/** Page object for the budgets lab. */
class BudgetsLab {
  static PATH = '/budgets/';

  constructor(page, baseUrl, embed = false) {
    this.page = page;
    this.base = new URL(baseUrl).origin + (embed ? '/embed' : '');
  }

  async goto(query = '') {
    await this.page.goto(`${this.base}${BudgetsLab.PATH}${query ? `?${query}` : ''}`);
    await waitReady(this.page);
  }

  label(name) {
    return this.page.getAttribute(`canvas[data-chart="${name}"]`, 'aria-label');
  }

  async setNumber(key, value) {
    await this.page.fill(`#num-${key}`, String(value));
    await this.page.keyboard.press('Tab');
    await poll(async () => (await this.query()).get(key) === String(value), { message: `${key} did not reach the URL` });
  }

  async query() {
    return new URLSearchParams(await this.page.evaluate(() => location.search));
  }

  /** Waits until the live search and its hindsight are done. */
  async waitDone(timeout = 60_000) {
    await poll(async () => (await this.page.getAttribute('#run-status', 'data-done')) === 'true', { timeout, message: 'the search did not finish' });
  }

  async status() {
    return this.page.innerText('#run-status');
  }
}

describe('budgets lab', { timeout: 300_000 }, () => {
  for (const width of [375, 1280]) {
    it(`loads at ${width}px with its charts and no horizontal scrolling`, async () => {
      await site.withPage(async (page) => {
        const lab = new BudgetsLab(page, site.url());
        await lab.goto('method=hyperband&rmax=9');
        await lab.waitDone();
        for (const name of ['curves', 'race']) {
          assert.equal(await page.locator(`canvas[data-chart="${name}"]`).count(), 1, name);
          assert.doesNotMatch(await lab.label(name), /NaN|inf/i, name);
        }
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        assert.ok(scrollWidth <= innerWidth + 1, `horizontal scrolling: ${scrollWidth} > ${innerWidth}`);
      }, { width, height: 900 });
    });
  }

  it('a Hyperband run stops some trials and promotes others, and the bracket table fills in', async () => {
    await site.withPage(async (page) => {
      const lab = new BudgetsLab(page, site.url());
      await lab.goto('method=hyperband&rmax=27&eta=3&rmin=1');
      // Mid-run: some networks are training.
      await poll(async () => /[1-9]\d* training or waiting/.test(await lab.label('curves')), { message: 'no network trained' });
      await lab.waitDone(90_000);
      const status = await lab.status();
      assert.match(status, /357 of 357 epochs spent/);
      const stopped = Number(/(\d+) stopped early/.exec(status)[1]);
      const full = Number(/(\d+) trained the full 27 epochs/.exec(status)[1]);
      assert.ok(stopped > 0 && full > 0, status);
      assert.match(await page.innerText('#bracket-table'), /27 × 1 \(27 reached\)/);
      assert.match(await page.innerText('#bracket-table'), /9 × 3 \(9 reached\)/);
      assert.match(await page.innerText('#hindsight'), /^Hindsight: /);
      await poll(async () => (await page.getAttribute('#race-done', 'data-done')) === 'true', { timeout: 60_000, message: 'the one-seed race did not finish' });
      assert.match(await lab.label('race'), /Hyperband/);
    });
  });

  it('the URL round trip restores every control', async () => {
    await site.withPage(async (page) => {
      const lab = new BudgetsLab(page, site.url());
      await lab.goto('problem=crossing&method=sh&eta=2&rmin=2&rmax=18&trials=12&seed=7');
      await lab.setNumber('rmax', 16);
      await reopen(page);
      assert.equal(await page.inputValue('#ctl-problem'), 'crossing');
      assert.equal(await page.inputValue('#ctl-method'), 'sh');
      assert.equal(await page.inputValue('#num-eta'), '2');
      assert.equal(await page.inputValue('#num-rmin'), '2');
      assert.equal(await page.inputValue('#num-rmax'), '16');
      assert.equal(await page.inputValue('#num-trials'), '12');
      assert.equal(await page.inputValue('#num-seed'), '7');
    });
  });

  it('the embed view has no site chrome and shows the curves first', async () => {
    await site.withPage(async (page) => {
      const lab = new BudgetsLab(page, site.url(), true);
      await lab.goto('method=asha&rmax=9');
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('footer.site-footer').count(), 0);
      await lab.waitDone();
      assert.match(await lab.label('curves'), /Validation loss against epochs/);
    }, { width: 375, height: 800 });
  });

  it('the AutoML corner fills a leaderboard and says what it still needed', async () => {
    await site.withPage(async (page) => {
      const lab = new BudgetsLab(page, site.url());
      await lab.goto('rmax=9');
      await page.click('#run-automl');
      await poll(async () => (await page.getAttribute('#automl-status', 'data-done')) === 'true', { timeout: 30_000, message: 'AutoML did not finish' });
      assert.match(await page.innerText('#automl-status'), /models tried \(\d+ ridge, \d+ networks, \d+ forests\) for \d+ of 69 epochs/);
      assert.ok((await page.locator('#automl-leaderboard tbody tr').count()) >= 1);
      assert.match(await page.innerText('#automl-heading ~ .table-scroll + .figure-note'), /the metric \(validation accuracy/);
    });
  });

  it('a challenge completes from its setup', async () => {
    await site.withPage(async (page) => {
      const lab = new BudgetsLab(page, site.url());
      await lab.goto();
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitReady(page);
      const card = page.locator('.challenge[data-challenge-id="budgets-bracket-27"]');
      await card.locator('button', { hasText: 'Set up' }).click();
      await lab.waitDone(90_000);
      assert.equal(await card.getAttribute('data-done'), 'false');
      await lab.setNumber('eta', 3);
      await lab.waitDone(90_000);
      await poll(async () => (await card.getAttribute('data-done')) === 'true', { timeout: 30_000, message: 'challenge not completed' });
    });
  });
});
