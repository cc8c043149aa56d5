// Browser benchmarks of the release build in dist/ (built by the Makefile first).
//
//   node scripts/bench.mjs
//
// Prints one figure per line as `name: value unit`, e.g.
//   bundle_gz_kb: 312.4 KiB
//   ready_ms_learning_rate: 180 ms
//   lr_sweep_ms_browser: 1.234 ms
// plus whatever the app's optional `bench_figures()` export reports.
// Exits non-zero with a message if anything fails.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { startServer } from '../tests/e2e/server.mjs';
import { launch, waitReady, READY_TIMEOUT_MS } from '../tests/e2e/helpers.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.HYPERLAB_DIST ? path.resolve(process.env.HYPERLAB_DIST) : path.join(REPO_ROOT, 'dist');


export function printFigure(name, value, unit) {
  console.log(`${name}: ${value} ${unit}`.trimEnd());
}

export function median(values) {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * What one page downloads: the gzip -9 sizes of the .wasm/.js/.css files its HTML references
 * (the wasm sits beside its .js with an `_bg.wasm` suffix), in KiB.
 */
export function pageBundleGzipKiB(htmlPath, dir = DIST) {
  const html = fs.readFileSync(htmlPath, 'utf8');
  const names = new Set();
  for (const m of html.matchAll(/(?:href|src|from)\s*=?\s*["']\/([^"'?#]+\.(?:js|css|wasm))["']/g)) names.add(m[1]);
  for (const m of html.matchAll(/["']\/([^"'?#]+_bg\.wasm)["']/g)) names.add(m[1]);
  for (const name of [...names]) {
    if (name.endsWith('.js') && !name.endsWith('_bg.js')) {
      const wasm = name.replace(/\.js$/, '_bg.wasm');
      if (fs.existsSync(path.join(dir, wasm))) names.add(wasm);
    }
  }
  if (names.size === 0) throw new Error(`${htmlPath} references no bundle`);
  let bytes = 0;
  for (const name of names) bytes += zlib.gzipSync(fs.readFileSync(path.join(dir, name)), { level: 9 }).length;
  return bytes / 1024;
}

/** Per-route bundle sizes: { '/': KiB, '/learning-rate/': KiB, ... } for every page in dist/. */
export function bundleSizes(dir = DIST) {
  const sizes = {};
  const walk = (sub) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(sub, e.name));
      else if (e.name === 'index.html') sizes['/' + (sub ? sub + '/' : '')] = pageBundleGzipKiB(path.join(dir, sub, e.name), dir);
    }
  };
  walk('');
  return sizes;
}

// Runs in the page before any of its scripts: note performance.now() (ms since
// navigation start) the moment <html data-ready="true"> appears. Measuring in
// the page avoids the Playwright round-trip latency of polling from Node.
const READY_PROBE = () => {
  const check = () => {
    if (window.__readyAt === undefined && document.documentElement?.getAttribute('data-ready') === 'true') {
      window.__readyAt = performance.now();
    }
  };
  // Observing `document` with subtree also covers <html> if it does not exist yet.
  new MutationObserver(check).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-ready'],
  });
  check();
};

/** Open `path` in a fresh context with the HTTP cache disabled; returns { context, page, readyMs }. */
export async function openMeasured(browser, baseUrl, urlPath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    // A fresh context already has an empty cache; disabling it makes that explicit.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(READY_PROBE);

    const response = await page.goto(baseUrl + urlPath);
    if (!response || response.status() !== 200) {
      throw new Error(`GET ${urlPath}: HTTP ${response?.status() ?? 'no response'}`);
    }
    await waitReady(page);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: READY_TIMEOUT_MS });
    const readyMs = await page.evaluate(() => window.__readyAt);
    if (errors.length) throw new Error(`page errors on ${urlPath}:\n  ${errors.join('\n  ')}`);
    return { context, page, readyMs };
  } catch (err) {
    await context.close().catch(() => {});
    throw err;
  }
}

/** Median time to data-ready over `runs` cold loads, in ms. */
export async function measureReadyMs(browser, baseUrl, urlPath, runs = 7) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { context, readyMs } = await openMeasured(browser, baseUrl, urlPath);
    await context.close();
    samples.push(readyMs);
  }
  return median(samples);
}

function wasmExport(page, name) {
  return page.evaluate((fn) => typeof window.wasmBindings?.[fn] === 'function', name);
}

/** Mean ms per learning-rate sweep, measured by the wasm itself over `iterations` sweeps. */
export async function lrSweepMs(page, iterations = 50) {
  if (!(await wasmExport(page, 'bench_lr_sweep'))) {
    throw new Error('window.wasmBindings.bench_lr_sweep is not a function (is it exported with #[wasm_bindgen]?)');
  }
  const ms = await page.evaluate((n) => window.wasmBindings.bench_lr_sweep(n), iterations);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new Error(`bench_lr_sweep returned ${JSON.stringify(ms)}, expected a finite number`);
  }
  return ms;
}

/** Extra figures from the optional `bench_figures()` export: [[name, value, unit], ...], or [] if absent. */
export async function extraFigures(page) {
  if (!(await wasmExport(page, 'bench_figures'))) return [];
  const figures = await page.evaluate(() => {
    const raw = window.wasmBindings.bench_figures();
    // Copy into plain arrays: wasm-bindgen may hand back array-likes.
    return Array.from(raw ?? [], (f) => Array.from(f ?? []));
  });
  for (const f of figures) {
    if (f.length !== 3 || typeof f[0] !== 'string' || !/^[\w.-]+$/.test(f[0])) {
      throw new Error(`bench_figures entry is not [name, value, unit]: ${JSON.stringify(f)}`);
    }
  }
  return figures;
}

/** Starts recording the longest main-thread task from now on (read it with `longestTask`). */
async function watchLongestTask(page) {
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

/**
 * Opens `urlPath` measured and watches long tasks while `run(page)` runs: what it returned and
 * the longest main-thread task meanwhile in ms. The context is closed either way.
 */
async function longestTaskDuring(browser, baseUrl, urlPath, run) {
  const { context, page } = await openMeasured(browser, baseUrl, urlPath);
  try {
    await watchLongestTask(page);
    const result = await run(page);
    const longest = await page.evaluate(() => window.__longest);
    return { result, longest };
  } finally {
    await context.close();
  }
}

/**
 * The cross-validation lab's k-comparison experiment as a learner runs it: click, wait for the
 * progress bar to fill. Returns the wall time and the longest main-thread task meanwhile (the
 * experiment is stepped across frames, so no task should come near 50 ms).
 */
export async function cvExperimentBrowser(browser, baseUrl) {
  const { result: ms, longest } = await longestTaskDuring(browser, baseUrl, '/cross-validation/', async (page) => {
    const started = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector('#run-experiment').click();
      return t;
    });
    await page.waitForFunction(() => Number(document.querySelector('.experiment progress').value) === 200, null, { timeout: 120_000, polling: 'raf' });
    const finished = await page.evaluate(() => performance.now());
    return finished - started;
  });
  return { ms, longestTaskMs: longest };
}

/** The longest main-thread task while the training lab trains for three seconds. */
export async function trainingLongestTask(browser, baseUrl) {
  const { longest } = await longestTaskDuring(browser, baseUrl, '/training/?epochs=1000&data=spirals&layers=4&units=16', (page) => page.waitForTimeout(3000));
  return longest;
}

/**
 * The trees lab while a 300-tree boosted ensemble and its experiments fit (a page load starts the
 * fit): the longest main-thread task in ms, observed until the experiments finish (at most 60 s).
 */
export async function treesLongestTask(browser, baseUrl) {
  const { longest } = await longestTaskDuring(browser, baseUrl, '/trees/?model=boost&trees=300&depth=3', (page) => page.waitForSelector('#trees-status[data-finished="true"]', { timeout: 60_000 }));
  return longest;
}

export async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${path.join(DIST, 'index.html')} is missing: build dist/ first (the Makefile does this).`);
  }
  // The largest download any one page makes; then each page's.
  const sizes = bundleSizes(DIST);
  printFigure('bundle_gz_kb', Math.max(...Object.values(sizes)).toFixed(1), 'KiB');
  for (const [route, kib] of Object.entries(sizes)) {
    if (!route.startsWith('/embed/')) printFigure(`bundle_gz_kb_${route === '/' ? 'home' : route.replaceAll('/', '')}`, kib.toFixed(1), 'KiB');
  }

  const server = await startServer(DIST);
  let browser;
  try {
    browser = await launch();
    const ready = await measureReadyMs(browser, server.url, '/learning-rate/', 7);
    printFigure('ready_ms_learning_rate', Math.round(ready), 'ms');
    // The exam-prep hub: its own bundle (bundle_gz_kb_practice above) and its first paint.
    const readyPractice = await measureReadyMs(browser, server.url, '/practice/', 7);
    printFigure('ready_ms_practice', Math.round(readyPractice), 'ms');

    const cv = await cvExperimentBrowser(browser, server.url);
    printFigure('cv_experiment_ms_browser', Math.round(cv.ms), 'ms');
    printFigure('cv_experiment_longest_task_ms', Math.round(cv.longestTaskMs), 'ms');

    const training = await trainingLongestTask(browser, server.url);
    printFigure('nn_training_longest_task_ms', Math.round(training), 'ms');

    // Each lab page carries only its own lab's code, so each figure is measured on its lab's page.
    const onPage = async (route, fn) => {
      const { context, page } = await openMeasured(browser, server.url, route);
      try {
        await fn(page);
      } finally {
        await context.close();
      }
    };
    await onPage('/learning-rate/', async (page) => {
      printFigure('lr_sweep_ms_browser', (await lrSweepMs(page, 50)).toFixed(3), 'ms');
      for (const [name, value, unit] of await extraFigures(page)) printFigure(name, value, unit ?? '');
    });
    await onPage('/regularization/', async (page) => {
      // p95 of refit + redraw of all five regularization charts after one slider move: the first
      // 60 moves after the page is ready (V8 still compiling the hot code, text sizes not yet
      // cached), then 60 more once warm (as a learner dragging a slider soon is).
      const first = await page.evaluate(() => window.wasmBindings.bench_regularization_refit(60));
      printFigure('regularization_refit_ms_browser_first', Number(first).toFixed(2), 'ms');
      const reg = await page.evaluate(() => window.wasmBindings.bench_regularization_refit(60));
      printFigure('regularization_refit_ms_browser', Number(reg).toFixed(2), 'ms');
    });
    await onPage('/search/', async (page) => {
      // One Bayesian-optimization suggestion in 2-D (median), as the native search_bench times it.
      printFigure('bo_suggest_ms_browser', Number(await page.evaluate(() => window.wasmBindings.bench_bo_suggest(50))).toFixed(2), 'ms');
      printFigure('bo_suggest_ms_browser_100', Number(await page.evaluate(() => window.wasmBindings.bench_bo_suggest(100))).toFixed(2), 'ms');
      // One TPE suggestion from the same 50 and 200 Branin observations (target: <= 2 ms at 200).
      printFigure('tpe_suggest_ms_browser', Number(await page.evaluate(() => window.wasmBindings.bench_tpe_suggest(50))).toFixed(2), 'ms');
      printFigure('tpe_suggest_ms_browser_200', Number(await page.evaluate(() => window.wasmBindings.bench_tpe_suggest(200))).toFixed(2), 'ms');
    });
    printFigure('trees_longest_task_ms', Math.round(await treesLongestTask(browser, server.url)), 'ms');
    await onPage('/trees/?model=tree', async (page) => {
      // 100 trees, 400 points, 2 features, no depth limit, √p features per split (median of 5),
      // and the 100 × 100 decision map through those 100 trees (median of 20), as trees_bench does natively.
      printFigure('trees_forest_fit_ms_browser', Number(await page.evaluate(() => window.wasmBindings.bench_trees_forest_fit(5))).toFixed(1), 'ms');
      printFigure('trees_map_ms_browser', Number(await page.evaluate(() => window.wasmBindings.bench_trees_map(20))).toFixed(2), 'ms');
    });
    await onPage('/training/?epochs=10', async (page) => {
      // Warm up first: V8's optimizing tier kicks in after a few dozen calls.
      await page.evaluate(() => window.wasmBindings.bench_nn_frame(40));
      const [frame, epochsPerSecond] = await page.evaluate(() => Array.from(window.wasmBindings.bench_nn_frame(200)));
      printFigure('nn_frame_ms_browser', frame.toFixed(2), 'ms');
      printFigure('nn_epochs_per_s_browser', Math.round(epochsPerSecond), 'epochs/s');
    });
    // Where the first view lands: in a 720 px embed (a blog column) and on a 390 px phone.
    for (const lab of fs.readdirSync(path.join(DIST, 'embed')).filter((d) => d !== 'practice').sort()) {
      const name = lab.replaceAll('-', '_');
      for (const [figure, route, width, height] of [['embed', `/embed/${lab}/`, 720, 700], ['phone', `/${lab}/`, 390, 844]]) {
        const context = await browser.newContext({ viewport: { width, height } });
        try {
          const page = await context.newPage();
          await page.goto(server.url + route);
          await page.waitForSelector('html[data-ready="true"][data-handoff="true"]', { state: 'attached', timeout: 30_000 });
          const { y, total } = await page.evaluate(() => ({
            y: document.querySelector('.lab-views canvas, .lab-views .view')?.getBoundingClientRect().top ?? -1,
            total: document.documentElement.scrollHeight,
          }));
          printFigure(`${figure}_first_view_y_px_${name}`, Math.round(y), 'px');
          if (figure === 'embed') printFigure(`embed_height_px_${name}`, total, 'px');
        } finally {
          await context.close();
        }
      }
    }
    await onPage('/budgets/?rmax=9', async (page) => {
      // Hyperband's frames as the lab steps them: epochs per second while R = 27's first bracket
      // of 27 networks trains, then a whole R = 81, η = 3 run (five brackets): its compute time,
      // its frames (at 60 frames per second a lower bound on its wall time) and its longest
      // frame of work (must stay under 50 ms).
      const [epochsPerSecond, r81Seconds, r81Frames, longestStep] = await page.evaluate(() => Array.from(window.wasmBindings.bench_budgets()));
      printFigure('budgets_epochs_per_s_browser', Math.round(epochsPerSecond), 'epochs/s');
      printFigure('budgets_hyperband_r81_compute_s_browser', r81Seconds.toFixed(2), 's');
      printFigure('budgets_hyperband_r81_s_browser', Math.max(r81Seconds, r81Frames / 60).toFixed(2), 's');
      printFigure('budgets_longest_frame_ms_browser', longestStep.toFixed(1), 'ms');
    });
    // Long use: the largest growth after warm-up among DOM nodes, listeners, JS heap and wasm memory.
    const { soak } = await import('../tests/e2e/soak.mjs');
    for (const lab of fs.readdirSync(path.join(DIST, 'embed')).filter((d) => d !== 'practice').sort()) {
      const { context, page } = await openMeasured(browser, server.url, `/${lab}/`);
      try {
        const { worst } = await soak(page, `${server.url}/${lab}/`);
        printFigure(`soak_growth_pct_${lab.replaceAll('-', '_')}`, worst.toFixed(1), '%');
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  // Lighthouse's mobile preset on every page, served with gzip (scripts/lighthouse.mjs).
  const { lighthouseFigures } = await import('./lighthouse.mjs');
  await lighthouseFigures(DIST, printFigure);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`bench failed: ${err?.stack || err}`);
    process.exit(1);
  });
}
