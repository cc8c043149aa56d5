// Shared Playwright setup for the end-to-end tests and the browser benchmarks.
//
// Uses playwright-core with the system Chromium: no browser download ever.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags keep Chromium from phoning home (those requests would show up as
// "foreign requests") and from needing a GPU or a user namespace sandbox.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Drawn (data-ready, set by the app) and shown (data-handoff, set by public/boot.js when the
// app replaces the page's static first paint).
export const READY_SELECTOR = 'html[data-ready="true"][data-handoff="true"]';
export const READY_TIMEOUT_MS = 15_000;
export const STATUSES = ['running', 'converged', 'diverged', 'budget'];

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh page in its own browser context (so storage and cache never leak
 * between tests), instrumented to collect everything a test may want to
 * assert is empty.
 *
 * @returns {Promise<{context, page, baseUrl: string, consoleErrors: string[],
 *   pageErrors: string[], foreignRequests: string[], failedRequests: string[],
 *   dialogs: string[], close: () => Promise<void>, summary: () => string}>}
 */
export async function newPage(browser, baseUrl, { width = 1280, height = 900, colorScheme = 'light' } = {}) {
  // A fixed colour scheme makes the theme test independent of the host.
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;

  const session = {
    context,
    page,
    baseUrl: origin,
    consoleErrors: [],
    pageErrors: [],
    foreignRequests: [],
    failedRequests: [],
    dialogs: [],
    async close() {
      await context.close().catch(() => {});
    },
    // Everything collected, for failure messages.
    summary() {
      const parts = [];
      for (const key of ['consoleErrors', 'pageErrors', 'foreignRequests', 'failedRequests', 'dialogs']) {
        if (session[key].length) parts.push(`${key}:\n  ${session[key].join('\n  ')}`);
      }
      return parts.join('\n') || '(no errors collected)';
    },
  };

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    session.consoleErrors.push(msg.text() + where);
  });
  page.on('pageerror', (err) => session.pageErrors.push(String(err?.stack || err)));
  page.on('request', (req) => {
    if (isForeign(req.url(), origin)) session.foreignRequests.push(`${req.method()} ${req.url()}`);
  });
  page.on('websocket', (ws) => {
    session.foreignRequests.push(`WEBSOCKET ${ws.url()}`);
  });
  page.on('requestfailed', (req) => {
    session.failedRequests.push(`${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
  });
  // An alert() from injected markup would block the page forever; dismiss it
  // and keep a record so the test can fail on it.
  page.on('dialog', (dialog) => {
    session.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });

  return session;
}

// data: URLs never touch the network, and blob: URLs created by the page carry
// the page's own origin; anything else must be on the test server.
function isForeign(url, origin) {
  if (url.startsWith('data:')) return false;
  try {
    return new URL(url).origin !== origin;
  } catch {
    return true;
  }
}

export async function waitReady(page, timeout = READY_TIMEOUT_MS) {
  // state 'attached': <html> is always "visible" anyway, but attached avoids
  // any dependence on layout.
  await page.waitForSelector(READY_SELECTOR, { state: 'attached', timeout });
}

/**
 * Runs `fn(page, session)` on a fresh page (see `newPage`) and closes it afterwards, whether or
 * not `fn` throws. It asserts nothing itself: each test says which of the session's lists must
 * be empty.
 */
export async function onFreshPage(browser, baseUrl, fn, opts = {}) {
  const session = await newPage(browser, baseUrl, opts);
  try {
    return await fn(session.page, session);
  } finally {
    await session.close();
  }
}

/** Opens the page's own current URL afresh (as a shared link would be) and waits until it is ready. */
export async function reopen(page) {
  await page.goto(await page.evaluate(() => location.href));
  await waitReady(page);
}

/** Poll `fn` until it returns a truthy value; throws `message` after `timeout` ms. */
export async function poll(fn, { timeout = 10_000, interval = 100, message = 'condition not met' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() >= deadline) throw new Error(`${message} (after ${timeout} ms)`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * sha256 of a chart's pixels (via toDataURL): a cheap way to tell whether it was redrawn
 * differently. The chart is scrolled into view first, as a learner looking at it would: a chart
 * out of sight holds back its redraws for a moment (`OFF_SCREEN_REDRAW_MS`) and catches up when
 * it comes into view, a few animation frames later.
 */
export async function chartPixelsHash(page, selector) {
  const dataUrl = await page.locator(selector).first().evaluate(async (canvas) => {
    canvas.scrollIntoView({ block: 'nearest' });
    for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    return canvas.toDataURL();
  });
  return sha256(dataUrl);
}

/** Page object for the learning-rate lab (in the spirit of Leptos's todomvc e2e page objects). */
export class LearningRateLab {
  static PATH = '/learning-rate/';

  /** @param {import('playwright-core').Page} page @param {string} baseUrl */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = new URL(baseUrl).origin;
  }

  /** Navigate to the lab with `query` ('' | '?a=1' | 'a=1') and wait until ready. Returns the response. */
  async goto(query = '') {
    const q = query && !query.startsWith('?') ? `?${query}` : query;
    const response = await this.page.goto(this.baseUrl + LearningRateLab.PATH + q);
    await waitReady(this.page);
    return response;
  }

  async reload() {
    const response = await this.page.reload();
    await waitReady(this.page);
    return response;
  }

  /** The `<input type=range>` for parameter `key`. */
  slider(key) {
    return this.page.locator(`#ctl-${key}`);
  }

  /** The `<input type=number>` for parameter `key`. */
  number(key) {
    return this.page.locator(`#num-${key}`);
  }

  /**
   * Type a value into the number input and commit it. The app listens to
   * `change`; moving focus away (Tab) fires it. We use Tab rather than Enter
   * because Enter inside a <form> would trigger implicit submission.
   */
  async setNumber(key, value) {
    const input = this.number(key);
    await input.fill(String(value));
    await input.press('Tab');
  }

  /** The page's current query, read from the live document (the app rewrites it with history.replaceState). */
  async query() {
    return new URLSearchParams(await this.page.evaluate(() => location.search));
  }

  async href() {
    return this.page.evaluate(() => location.href);
  }

  async statusText() {
    return ((await this.page.locator('#run-status').textContent()) ?? '').trim();
  }

  /** One of running | converged | diverged | budget. */
  async status() {
    return this.page.locator('#run-status').getAttribute('data-status');
  }

  /** Wait until a run has finished (status present and not `running`). */
  async waitSettled(timeout = 10_000) {
    await this.page.waitForFunction(
      () => {
        const s = document.querySelector('#run-status')?.getAttribute('data-status');
        return !!s && s !== 'running';
      },
      null,
      { timeout },
    );
    return this.status();
  }

  async waitStatus(status, timeout = 10_000) {
    await this.page.waitForSelector(`#run-status[data-status="${status}"]`, { state: 'attached', timeout });
  }

  /** sha256 of the canvas pixels (see chartPixelsHash). */
  canvasHash(selector) {
    return chartPixelsHash(this.page, selector);
  }

  /** [{ id, value, min, max }] for every range input on the page. */
  async rangeInputs() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('input[type=range]')].map((el, i) => ({
        id: el.id || el.name || `#${i}`,
        value: el.value,
        min: el.min,
        max: el.max,
      })),
    );
  }
}

/** The release build the suites test: `$HYPERLAB_DIST`, or `dist/` at the repository's root. */
export function releaseDist() {
  const repoRoot = new URL('../..', import.meta.url).pathname;
  return process.env.HYPERLAB_DIST ? path.resolve(process.env.HYPERLAB_DIST) : path.join(repoRoot, 'dist');
}

/** Every lab the build has a page for: each has an embed route (the exam-prep hub has one too, but is not a lab). */
export function builtLabs(dist = releaseDist()) {
  return fs.readdirSync(path.join(dist, 'embed')).filter((d) => d !== 'practice').sort();
}

/**
 * The usual suite setup: a static server on the release build and one browser, started before
 * the tests and stopped after. `withPage(fn, opts)` runs `fn(page, session)` on a fresh page
 * and then requires zero console errors, page errors and foreign requests.
 */
export function useReleaseSite({ before, after }) {
  const dist = releaseDist();
  const suite = { server: null, browser: null };
  before(async () => {
    const { startServer } = await import('./server.mjs');
    suite.server = await startServer(dist);
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  suite.url = () => suite.server.url;
  suite.withPage = (fn, opts = {}) => onFreshPage(suite.browser, suite.server.url, async (page, session) => {
    await fn(page, session);
    const { deepEqual } = (await import('node:assert/strict')).default;
    deepEqual(session.consoleErrors, [], 'console errors');
    deepEqual(session.pageErrors, [], 'page errors');
    deepEqual(session.foreignRequests, [], 'foreign requests');
  }, opts);
  return suite;
}
