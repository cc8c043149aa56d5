// Long use, compressed: a lab is used the way a learner would for twenty minutes (presets
// switched, knobs moved, runs started, stepped and reset, theme toggled, page frozen and resumed)
// while DOM nodes, event listeners, JS heap and WebAssembly memory are sampled. Shared by the
// soak test (which asserts nothing keeps growing) and `make bench` (soak_growth_pct_<lab>).

import { waitReady } from './helpers.mjs';

/** Before any script: keep a handle on the WebAssembly memory when the bundle starts. */
export async function watchWasmMemory(page) {
  await page.addInitScript(() => {
    window.addEventListener('TrunkApplicationStarted', (e) => {
      window.__wasmMemory = e.detail?.wasm?.memory ?? null;
    });
  });
}

async function sample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer?.byteLength ?? 0);
  return { nodes, listeners: jsEventListeners, heap: usedSize, wasm };
}

/** One learner action, chosen by `i` so every run does the same thing. */
async function act(page, cdp, i) {
  const kind = i % 8;
  if (kind === 0 || kind === 4) {
    const presets = page.locator('button.preset');
    const n = await presets.count();
    if (n) await presets.nth(i % n).click();
  } else if (kind === 1 || kind === 5 || kind === 6) {
    const sliders = page.locator('.controls input[type=range]:visible, input[type=range]:visible');
    const n = await sliders.count();
    if (n) {
      const s = sliders.nth((i * 7) % n);
      await s.focus();
      await page.keyboard.press(i % 3 === 0 ? 'ArrowLeft' : 'ArrowRight');
    }
  } else if (kind === 2) {
    for (const id of ['#play', '#step', '#reset']) {
      const b = page.locator(id);
      if ((await b.count()) && (await b.isEnabled())) {
        await b.click();
        break;
      }
    }
  } else if (kind === 3) {
    await page.locator('#theme-toggle').click();
  } else {
    // Hidden and shown again, as when the learner switches tabs.
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await page.waitForTimeout(100);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  }
}

/**
 * Uses the lab at `url` for `actions` actions, `pauseMs` apart, sampling every `every` actions.
 * Returns the samples and, per counter, the growth in % of the median of the last third over the
 * median of the middle third (the first third is warm-up). Actions repeat in a cycle, so a
 * counter that only follows the lab's state (which preset is shown, whether a run is going, when
 * the garbage collector last ran) stays level; one that leaks keeps rising.
 */
export async function soak(page, url, { actions = 150, pauseMs = 100, every = 10 } = {}) {
  await watchWasmMemory(page);
  await page.goto(url);
  await waitReady(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  const samples = [];
  for (let i = 0; i < actions; i++) {
    await act(page, cdp, i);
    await page.waitForTimeout(pauseMs);
    if (i % every === every - 1) samples.push(await sample(page, cdp));
  }
  const third = Math.floor(samples.length / 3);
  const median = (from, to, key) => {
    const v = samples.slice(from, to).map((s) => s[key]).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const growth = {};
  for (const key of Object.keys(samples[0])) {
    const middle = median(third, 2 * third, key);
    const end = median(2 * third, samples.length, key);
    growth[key] = middle > 0 ? ((end - middle) / middle) * 100 : 0;
  }
  await cdp.detach();
  return { samples, growth, worst: Math.max(...Object.values(growth)) };
}
