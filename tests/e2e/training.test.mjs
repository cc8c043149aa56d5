// End-to-end tests of the neural-network training lab on the release build.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, poll } from './helpers.mjs';


const site = useReleaseSite({ before, after });

const status = (page) => page.getAttribute('#run-status', 'data-status');
const lossLabel = (page) => page.getAttribute('canvas[data-chart="loss"]', 'aria-label');
const numbers = (text) => [...text.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));


describe('training lab', { timeout: 180_000 }, () => {
  it('trains for a few seconds and the loss falls', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/training/?data=circles&epochs=200&opt=adam&lr=0.03`);
      await waitReady(page);
      await poll(async () => (await status(page)) === 'stopped', { timeout: 30_000, message: 'training did not finish' });
      const text = await lossLabel(page);
      // "training A at epoch 0, B at epoch 200"
      const m = text.match(/training ([\d.e-]+) at epoch 0, ([\d.e-]+) at epoch (\d+)/);
      assert.ok(m, text);
      assert.ok(Number(m[2]) < Number(m[1]) / 2, `loss should fall: ${text}`);
      assert.equal(Number(m[3]), 200);
    }, { width: 375 });
  });

  it('diverges on purpose and recovers with one click', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/training/?data=sine&opt=sgd&lr=10&batch=10&epochs=100`);
      await waitReady(page);
      await poll(async () => (await status(page)) === 'diverged', { timeout: 30_000, message: 'did not diverge' });
      assert.match(await page.innerText('#run-status'), /Diverged/);
      await page.click('#recover');
      await poll(async () => Number(new URLSearchParams(await page.evaluate(() => location.search)).get('lr')) < 10);
      await poll(async () => (await status(page)) !== 'diverged', { timeout: 30_000, message: 'still diverged after recovering' });
      for (const canvas of await page.$$('canvas[aria-label]')) {
        assert.doesNotMatch(await canvas.getAttribute('aria-label'), /NaN|inf/i);
      }
    });
  });

  it('the URL round trip restores every control', async () => {
    await site.withPage(async (page) => {
      const q = 'data=spirals&noise=0.2&size=300&val=0.3&layers=3&units=12&act=relu&opt=momentum&lr=0.01&mom=0.8&rho=0.9&beta1=0.8&beta2=0.995&batch=32&scale=1&sched=cosine&dropout=0.2&l1=0&l2=0.001&epochs=50&stop=patience&patience=7&tol=0.001&restore=0&seed=5&shuffle=9';
      await page.goto(`${site.url()}/training/?${q}`);
      await waitReady(page);
      const read = () => page.$$eval('input[type=range], input[type=number], select, input[type=checkbox][role=switch]', (els) => els.map((e) => `${e.id}=${e.type === 'checkbox' ? e.checked : e.value}`));
      const before = await read();
      const params = new URLSearchParams(await page.evaluate(() => location.search));
      for (const [k, v] of new URLSearchParams(q)) assert.equal(params.get(k), v, k);
      await page.reload();
      await waitReady(page);
      assert.deepEqual(await read(), before);
      assert.match(await page.innerText('#effective-lr'), /× 4 = 0\.04/);
    });
  });

  it('the embed view has no site chrome', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/embed/training/?data=xor&hide=seed,shuffle`);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('#ctl-seed').count(), 0);
      assert.equal(await page.locator('canvas[data-chart="boundary"]').count(), 1);
    });
  });

  it('early stopping restores the best epoch and completes its challenge', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/training/?data=xor&noise=0.3&size=250&val=0.8&layers=3&units=16&act=tanh&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=patience&patience=20&restore=0`);
      await waitReady(page);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitReady(page);
      // The learner ticks "restore" (a challenge credits the learner's own states, not a link's).
      await page.check('#ctl-restore');
      await poll(async () => /restore=1|restore=true/.test(new URL(page.url()).search) || !/restore=/.test(new URL(page.url()).search), { message: 'restore not ticked' });
      await poll(async () => (await status(page)) === 'stopped', { timeout: 60_000 });
      assert.match(await lossLabel(page), /were restored/);
      await page.locator('.challenge[data-challenge-id="nn-restore-best"][data-done="true"]').waitFor({ timeout: 5_000 });
    });
  });

  it('a preset shows its claim at its seed and says so at another', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/training/`);
      await waitReady(page);
      await page.click('button.preset:has-text("Vanishing gradients")');
      await poll(async () => /Two sigmoid layers/.test(await page.innerText('.preset-claim')), { message: 'the claim did not show' });
      await page.fill('#num-seed', '7');
      await page.keyboard.press('Tab');
      await poll(async () => /makes its claim at seed 1; at this seed it may not hold/.test(await page.innerText('.preset-claim')), { message: 'no seed warning' });
      assert.match(await page.innerText('.preset-claim'), /“Vanishing gradients”/);
    });
  });
});
