// End-to-end tests of the trees lab on the release build: controls redraw the map and curves,
// the URL round-trips, the embed view, a challenge completed, a phone-width layout, and (checked
// by useReleaseSite for every page) zero console errors.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, reopen, poll, chartPixelsHash } from './helpers.mjs';

const site = useReleaseSite({ before, after });

/** The trees lab page: its controls, charts and status. */
class TreesLab {
  constructor(page) {
    this.page = page;
  }
  async open(path = '/trees/', query = '') {
    await this.page.goto(`${site.url()}${path}${query ? `?${query}` : ''}`);
    await waitReady(this.page);
  }
  query() {
    return this.page.evaluate(() => location.search);
  }
  chartHash(name) {
    return chartPixelsHash(this.page, `canvas[data-chart="${name}"]`);
  }
  label(name) {
    return this.page.getAttribute(`canvas[data-chart="${name}"]`, 'aria-label');
  }
  async finished() {
    await poll(async () => (await this.page.getAttribute('#trees-status', 'data-finished')) === 'true', { timeout: 30_000, message: 'the experiments did not finish' });
  }
  async setNumber(key, value) {
    await this.page.fill(`#num-${key}`, String(value));
    await this.page.keyboard.press('Tab');
    await poll(async () => new RegExp(`${key}=${value}`).test(await this.query()), { message: `${key} did not reach the URL` });
  }
}

describe('trees lab', { timeout: 240_000 }, () => {
  it('depth and number of trees change the map and the curves, and the URL round-trips', async () => {
    await site.withPage(async (page) => {
      const lab = new TreesLab(page);
      await lab.open();
      await lab.finished();
      const map = await lab.chartHash('map');
      const depth = await lab.label('depth');
      await page.selectOption('#ctl-depth', '2');
      await poll(async () => /depth=2/.test(await lab.query()));
      await lab.finished();
      await poll(async () => (await lab.chartHash('map')) !== map, { message: 'depth did not redraw the map' });
      assert.notEqual(await lab.label('depth'), depth);
      assert.match(await page.innerText('#tree-summary'), /depth 2/);

      await page.selectOption('#ctl-model', 'forest');
      await poll(async () => /model=forest/.test(await lab.query()));
      await lab.finished();
      const trees = await lab.label('trees');
      const forestMap = await lab.chartHash('map');
      await lab.setNumber('trees', 20);
      await lab.finished();
      await poll(async () => (await lab.label('trees')) !== trees, { message: 'the number of trees did not change the curve' });
      await poll(async () => (await lab.chartHash('map')) !== forestMap, { message: 'the number of trees did not redraw the map' });
      assert.match(await lab.label('trees'), /after 20 trees/);
      assert.match(await page.innerText('#trees-scores'), /out-of-bag/);

      const values = () => page.$$eval('input[type=range], input[type=number], select, input[type=checkbox][role=switch]', (els) => els.map((e) => `${e.id}=${e.type === 'checkbox' ? e.checked : e.value}`));
      const before = await values();
      await reopen(page);
      assert.deepEqual(await values(), before);
    });
  });

  it('boosting shows the learning-rate chart and a verdict', async () => {
    await site.withPage(async (page) => {
      const lab = new TreesLab(page);
      await lab.open('/trees/', 'model=boost&depth=2&trees=60');
      await lab.finished();
      assert.match(await lab.label('rates'), /rate 0\.05: lowest/);
      assert.match(await page.getAttribute('#trees-status .regime-explain', 'data-verdict'), /GoodFit|Underfitting|Overfitting/);
    });
  });

  it('a challenge can be completed', async () => {
    await site.withPage(async (page) => {
      const lab = new TreesLab(page);
      await lab.open();
      await page.evaluate(() => localStorage.clear());
      const card = page.locator('.challenge[data-challenge-id="trees-forest-beats-tree"]');
      await card.locator('button:has-text("Set up")').click();
      await poll(async () => /depth=none/.test(await lab.query()));
      await lab.finished();
      assert.equal(await card.getAttribute('data-done'), 'false');
      // Tuning the single tree cannot beat its own best.
      await page.selectOption('#ctl-depth', '10');
      await lab.finished();
      assert.equal(await card.getAttribute('data-done'), 'false');
      await page.selectOption('#ctl-model', 'forest');
      await poll(async () => /model=forest/.test(await lab.query()));
      await page.selectOption('#ctl-depth', 'none');
      await lab.setNumber('trees', 100);
      await lab.finished();
      await poll(async () => (await card.getAttribute('data-done')) === 'true', { timeout: 30_000, message: 'forest challenge not met' });
    });
  });

  it('the embed view has no site chrome and honours hidden controls', async () => {
    await site.withPage(async (page) => {
      const lab = new TreesLab(page);
      await lab.open('/embed/trees/', 'model=forest&trees=30&depth=none&hide=seed,noise');
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('#ctl-seed').count(), 0);
      assert.equal(await page.inputValue('#num-trees'), '30');
      assert.equal(await page.inputValue('#ctl-depth'), 'none');
      await lab.finished();
    });
  });

  it('at phone width the map comes first and nothing overflows', async () => {
    await site.withPage(async (page) => {
      const lab = new TreesLab(page);
      await lab.open('/embed/trees/');
      const first = await page.$eval('.lab-views', (v) => v.querySelector('canvas')?.dataset.chart);
      assert.equal(first, 'map');
      const mapTop = await page.$eval('canvas[data-chart="map"]', (c) => c.getBoundingClientRect().top);
      const controlsTop = await page.$eval('.lab-controls', (c) => c.getBoundingClientRect().top);
      assert.ok(mapTop < controlsTop, 'the map is above the controls on a phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await lab.finished();
    }, { width: 360, height: 740 });
  });
});
