// No chart overprints its own text on a 360 px phone: every label a chart draws (ticks, axis
// titles, legends, region and row labels) publishes its box on the canvas (`data-text-boxes`, when
// the page sets `window.__hyperlabTextBoxes` before it loads;
// device pixels), no two boxes of one chart may overlap, and none may run off the canvas.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, waitReady, builtLabs } from './helpers.mjs';

const site = useReleaseSite({ before, after });

/**
 * Pairs of labels in one chart that overprint: their boxes overlap by more than `slack` device
 * pixels across and by more than 40 % of the shorter one's height. (A box is the font's full
 * height, taller than the letters, so two rows a few pixels into each other's box do not touch.)
 */
async function overprints(page, slack = 2) {
  return page.$$eval('canvas[data-text-boxes]', (canvases, slack) => canvases.flatMap((c) => {
    const boxes = JSON.parse(c.dataset.textBoxes);
    const out = [];
    // A label cut off at the canvas's edge cannot be read either.
    for (const b of boxes) {
      if (b[0] < -slack || b[1] < -slack || b[2] > c.width + slack || b[3] > c.height + slack) out.push(`${c.dataset.chart}: ${JSON.stringify(b)} runs off the ${c.width}×${c.height} canvas`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        const shorter = Math.min(a[3] - a[1], b[3] - b[1]);
        if (w > slack && h > 0.4 * shorter) out.push(`${c.dataset.chart}: ${JSON.stringify(a)} × ${JSON.stringify(b)}`);
      }
    }
    return out;
  }), slack);
}

// A few states beyond the defaults that draw more labels.
const EXTRA = {
  trees: ['model=boosting', 'model=forest'],
  'cross-validation': ['split=loo&n=30'],
  training: ['data=spiral&epochs=50'],
  search: ['problem=ridge'],
};

describe('chart text on a 360 px phone', { timeout: 600_000 }, () => {
  for (const lab of builtLabs()) {
    for (const query of ['', ...(EXTRA[lab] ?? [])]) {
      it(`${lab}${query ? `?${query}` : ''}: no two labels of a chart overlap`, async () => {
        await site.withPage(async (page) => {
          // Charts publish their label boxes only when the page asks.
          await page.addInitScript(() => { window.__hyperlabTextBoxes = true; });
          await page.goto(`${site.url()}/${lab}/${query ? `?${query}` : ''}`);
          await waitReady(page);
          // Let time-sliced work (races, sweeps) draw its labels too.
          await page.waitForTimeout(2500);
          const charts = await page.$$eval('canvas[data-text-boxes]', (cs) => cs.length);
          assert.ok(charts >= 1, 'charts publish their text boxes');
          assert.deepEqual(await overprints(page), []);
        }, { width: 360, height: 740 });
      });
    }
  }
});
