// End-to-end tests of a lab embedded in someone else's page (another origin): it does no work
// while scrolled out of sight, and starts again when the reader scrolls to it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { useReleaseSite, poll, newPage } from './helpers.mjs';
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
