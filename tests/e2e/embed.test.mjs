// End-to-end tests of a lab embedded in someone else's page (another origin): it does no work
// while scrolled out of sight, and starts again when the reader scrolls to it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { useReleaseSite, poll, newPage, waitReady, builtLabs } from './helpers.mjs';
import { startServer } from './server.mjs';

const site = useReleaseSite({ before, after });
let blog;
let blogDir;

before(async () => {
  // The blog: a second origin (another port) with a long post and the lab at the bottom.
  blogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperlab-blog-'));
  blog = await startServer(blogDir);
});
after(async () => {
  await blog?.close();
  fs.rmSync(blogDir, { recursive: true, force: true });
});

function writePost(labUrl) {
  fs.writeFileSync(path.join(blogDir, 'index.html'), `<!doctype html><title>A post</title><link rel="icon" href="data:,"><body style="margin:0">
    <p>A long post.</p><div style="height:4000px"></div>
    <iframe id="lab" src="${labUrl}" title="Learning rate — Hyperlab" style="width:720px;height:700px;border:0"
      sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe></body>`);
}

/** The step the embedded run has reached, from its status line. */
async function step(frame) {
  const text = (await frame.locator('#run-status').textContent().catch(() => '')) ?? '';
  return Number(text.match(/step (\d+)/)?.[1] ?? -1);
}

describe('embedded in a post', () => {
  it('does no work while scrolled out of sight and resumes when scrolled to', async () => {
    // A slow run: 500 steps at a small learning rate on the bowl.
    writePost(`${site.url()}/embed/learning-rate/?surface=bowl&lr=0.001&steps=500&mom=0&noise=0`);
    // Two origins by design, so not `withPage` (which counts other origins as foreign).
    const session = await newPage(site.browser, blog.url);
    const { page } = session;
    try {
      await page.goto(`${blog.url}/`);
      const frame = page.frameLocator('#lab');
      await frame.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 20_000 });
      const first = await step(frame);
      await page.waitForTimeout(1500);
      const later = await step(frame);
      assert.equal(later, first, `out of sight, the run stayed at step ${first} (now ${later})`);
      await page.locator('#lab').scrollIntoViewIfNeeded();
      await poll(async () => (await step(frame)) > later, { timeout: 10_000, message: 'the run goes on once the lab is in view' });
      assert.deepEqual(session.pageErrors, []);
      assert.deepEqual(session.consoleErrors, []);
    } finally {
      await session.close();
    }
  });
});

/** The snippet's resize script, as a post pastes it (the iframe's id is the test's handle). */
function writeFittedPost(labUrl, title) {
  fs.writeFileSync(path.join(blogDir, 'fitted.html'), `<!doctype html><title>A post</title><link rel="icon" href="data:,"><body style="margin:0">
    <iframe id="lab" src="${labUrl}" title="${title}" height="720" style="border:0;width:720px;max-width:100%"
      sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
    <script>addEventListener("message",function(e){if(e.data&&e.data.type==="hyperlab:height"){for(var f of document.querySelectorAll("iframe"))if(f.contentWindow===e.source)f.style.height=e.data.height+"px"}});</script></body>`);
}

describe('the default embed in a 720 px blog column', { timeout: 600_000 }, () => {
  for (const lab of builtLabs()) {
    it(`${lab}: fits its content, shows its primary view whole in the first 700 px, then a few controls`, async () => {
      writeFittedPost(`${site.url()}/embed/${lab}/`, lab);
      const session = await newPage(site.browser, blog.url, { width: 720, height: 700 });
      const { page } = session;
      try {
        await page.goto(`${blog.url}/fitted.html`);
        const frame = page.frameLocator('#lab');
        await frame.locator('html[data-ready="true"][data-handoff="true"]').waitFor({ state: 'attached', timeout: 30_000 });
        const inner = await frame.locator('body').evaluate(() => {
          const views = [...document.querySelectorAll('.lab-views [data-view]')].map((v) => v.dataset.view);
          // A view's wrapper has no box of its own (display: contents): measure what it holds.
          const first = document.querySelector('.lab-views [data-view] > *');
          const box = first.getBoundingClientRect();
          // Its charts (a view's sentences and notes may run on below the frame).
          const charts = [...document.querySelector('.lab-views [data-view]').querySelectorAll('canvas')];
          const chartsBottom = Math.max(...charts.map((c) => c.getBoundingClientRect().bottom));
          return {
            views,
            top: box.top,
            bottom: chartsBottom,
            controls: document.querySelectorAll('.lab-controls .control[data-param]').length,
            presets: document.querySelectorAll('.lab-controls .preset').length,
            height: document.documentElement.scrollHeight,
          };
        });
        assert.equal(inner.views.length, 1, `only the primary view: ${inner.views}`);
        assert.ok(inner.top > 0 && inner.top <= 120, `the primary view starts at y = ${inner.top}`);
        assert.ok(inner.bottom <= 700, `the primary view's charts end at y = ${inner.bottom}, below a 700 px frame`);
        assert.ok(inner.controls >= 2 && inner.controls <= 5, `a compact strip of key controls (${inner.controls})`);
        assert.equal(inner.presets, 0);
        assert.ok(inner.height <= 1100, `the default embed is ${inner.height} px tall`);
        // The post's script fitted the iframe to the lab.
        await poll(async () => Math.abs((await page.locator('#lab').evaluate((f) => f.getBoundingClientRect().height)) - inner.height) <= 2,
          { timeout: 10_000, message: 'the iframe is resized to its content' });
        assert.deepEqual(session.pageErrors, []);
        assert.deepEqual(session.consoleErrors, []);
      } finally {
        await session.close();
      }
    });
  }
});

describe('the Embed dialog', { timeout: 300_000 }, () => {
  it('offers every view the lab draws, and its choices round-trip through the snippet', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/regularization/?lambda=0.1&degree=9&seed=4`);
      await waitReady(page);
      const drawn = await page.$$eval('.lab-views [data-view]', (vs) => vs.map((v) => v.dataset.view));
      await page.click('#embed');
      const offered = await page.$$eval('.embed-views input', (xs) => xs.map((x) => x.value));
      assert.deepEqual(offered, drawn, 'the dialog offers exactly the views the page draws');
      // Default: the primary view and the key controls.
      assert.deepEqual(await page.$$eval('.embed-views input:checked', (xs) => xs.map((x) => x.value)), [drawn[0]]);
      await page.check('.embed-views input[value="path"]');
      await page.uncheck('.embed-controls input[value="l1"]');
      await page.check('.embed-controls input[value="presets"]');
      // The preview measures the embed's height at the chosen width and the snippet carries it.
      await page.selectOption('#embed-width', '560');
      const measured = await poll(async () => Number((await page.textContent('#embed-height')).match(/: (\d+) px/)?.[1] ?? 0),
        { timeout: 30_000, message: 'the preview reports its height' });
      const snippet = await page.inputValue('#embed-snippet');
      assert.match(snippet, /^<iframe src="[^"]+" title="Regularization — Hyperlab" height="\d+" style="[^"]*" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"><\/iframe>\n<script>/);
      assert.equal(Number(snippet.match(/height="(\d+)"/)[1]), measured);
      const src = new URL(snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
      assert.equal(src.pathname, '/embed/regularization/');
      assert.equal(src.searchParams.get('views'), 'fit,path');
      assert.equal(src.searchParams.get('controls'), 'degree,lambda,presets');
      assert.equal(src.searchParams.get('lambda'), '0.1');

      await page.goto(src.href);
      await waitReady(page);
      assert.deepEqual(await page.$$eval('.lab-views [data-view]', (vs) => vs.map((v) => v.dataset.view)), ['fit', 'path']);
      assert.deepEqual(await page.$$eval('.lab-controls .control[data-param]', (cs) => cs.map((c) => c.dataset.param)), ['degree', 'lambda']);
      assert.ok(await page.locator('.lab-controls .preset').count() > 0, 'the preset buttons');
      assert.equal(await page.inputValue('#num-lambda'), '0.1');
      assert.equal(await page.locator('.url-notice').count(), 0);
      // The URL keeps the layout as the learner moves a knob.
      await page.fill('#num-degree', '5');
      await page.press('#num-degree', 'Enter');
      await poll(async () => new URL(page.url()).searchParams.get('views') === 'fit,path' && new URL(page.url()).searchParams.get('degree') === '5',
        { message: 'the embed keeps its views in its URL' });
    });
  });

  it('a link with unknown view names says so and shows the primary view', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/embed/trees/?views=%3Cb%3Ebold%3C%2Fb%3E`);
      await waitReady(page);
      assert.deepEqual(await page.$$eval('.lab-views [data-view]', (vs) => vs.map((v) => v.dataset.view)), ['map']);
      assert.match(await page.textContent('.url-notice'), /Views shown names “<b>bold<\/b>”, which this lab does not have/);
      assert.equal(await page.locator('.url-notice b').count(), 0, 'text, never markup');
    });
  });
});

describe('on a 390 px phone', { timeout: 600_000 }, () => {
  for (const lab of builtLabs()) {
    it(`${lab}: the first view is on the first screen and the chart stays in sight while a knob moves`, async () => {
      await site.withPage(async (page) => {
        await page.goto(`${site.url()}/${lab}/`);
        await waitReady(page);
        const top = await page.$eval('.lab-views [data-view] > *', (v) => v.getBoundingClientRect().top);
        assert.ok(top > 0 && top < 844 / 2, `the first view starts at y = ${top}`);
        // The controls are a folded sheet docked at the bottom; opening it leaves the chart above it.
        const bar = page.locator('.sheet-toggle');
        const barBox = await bar.boundingBox();
        assert.ok(barBox.y + barBox.height <= 844 + 1 && barBox.height >= 44, `the controls bar sits at the bottom (${JSON.stringify(barBox)})`);
        await bar.click();
        const slider = page.locator('.lab-controls input[type="range"]').first();
        await slider.focus();
        await page.keyboard.press('ArrowRight');
        const sheetTop = await page.$eval('.lab-controls', (c) => c.getBoundingClientRect().top);
        const chart = await page.$eval('.lab-views canvas', (c) => { const r = c.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
        assert.ok(chart.bottom > 0 && chart.top < sheetTop, `part of the first chart (${chart.top}–${chart.bottom}) shows above the open sheet (top ${sheetTop})`);
        const small = await page.$$eval('.lab-controls button, .lab-controls select, .lab-controls input[type="number"], .lab-controls input[type="range"], .site-header a',
          (els) => els.filter((e) => e.offsetParent !== null).map((e) => [e.id || e.className || e.textContent, e.getBoundingClientRect().height]).filter(([, h]) => h < 44 - 0.5));
        assert.deepEqual(small, [], 'touch targets are at least 44 px tall');
      }, { width: 390, height: 844 });
    });
  }
});
