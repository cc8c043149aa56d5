// End-to-end tests of the exam-prep hub (/practice/) on the release build: a practice answer
// right and wrong, a 5-question exam with its report, export then import in a fresh browser
// context, corrupted storage recovered with a notice, a keyboard-only run, the quiz-card embed,
// and (through useReleaseSite) zero console errors and no foreign requests.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { useReleaseSite, waitReady, poll } from './helpers.mjs';

const site = useReleaseSite({ before, after });
const BANK = JSON.parse(fs.readFileSync(new URL('../../crates/hyperlab-ml/data/questions.json', import.meta.url), 'utf8'));
const SINGLE = BANK.questions.filter((q) => q.format === 'single');
const [FIRST, SECOND] = SINGLE;

/** The hub's page object. */
class PracticeHub {
  constructor(page) {
    this.page = page;
  }
  async open(query = '') {
    await this.page.goto(`${site.url()}/practice/${query ? `?${query}` : ''}`);
    await waitReady(this.page);
  }
  card() {
    return this.page.locator('.question-card').first();
  }
  /** Option texts in the order they are shown. */
  async shownOptions() {
    return this.card().locator('.options li').allInnerTexts();
  }
  async choose(text) {
    await this.card().locator('label.option', { hasText: text }).first().click();
  }
  async submit() {
    await this.card().locator('button.submit').click();
  }
  feedback() {
    return this.card().locator('.feedback');
  }
  async tab(name) {
    await this.page.locator('.tabs [role="tab"]', { hasText: name }).click();
  }
  notice() {
    return this.page.locator('.practice-notice');
  }
}

const rightText = (q) => q.options.find((o) => o.correct).text;
const wrongText = (q) => q.options.find((o) => !o.correct).text;

describe('exam-prep hub', { timeout: 180_000 }, () => {
  it('a practice answer right, then wrong, with every explanation and the prove-it link', async () => {
    await site.withPage(async (page) => {
      const hub = new PracticeHub(page);
      await hub.open(`tab=practice&q=${FIRST.id}`);
      assert.equal(await hub.card().getAttribute('data-question-id'), FIRST.id);
      await hub.choose(rightText(FIRST));
      await hub.submit();
      assert.equal(await hub.feedback().getAttribute('data-right'), 'true');
      assert.equal(await hub.feedback().locator('.feedback-option').count(), FIRST.options.length);
      if (FIRST.lab) {
        const href = await hub.feedback().locator('a', { hasText: FIRST.check ? 'Prove it in the lab' : 'Open the related lab' }).getAttribute('href');
        // A one-answer question whose right option has its own state opens that state.
        const right = FIRST.options.find((o) => o.correct);
        const moves = Object.fromEntries((right.set ?? '').split('&').filter(Boolean).map((kv) => kv.split('=')));
        const expected = new URLSearchParams(FIRST.prove ?? '');
        for (const [k, v] of Object.entries(moves)) expected.set(k, v);
        const got = new URL(href, 'http://x');
        assert.equal(got.pathname, `/${FIRST.lab}/`);
        assert.deepEqual(Object.fromEntries(got.searchParams), Object.fromEntries(expected));
      }
      await hub.card().locator('button.next').click();
      await poll(async () => (await hub.card().getAttribute('data-question-id')) !== FIRST.id);

      await hub.open(`tab=practice&q=${SECOND.id}`);
      await hub.choose(wrongText(SECOND));
      await hub.submit();
      assert.equal(await hub.feedback().getAttribute('data-right'), 'false');
      assert.match(await hub.feedback().innerText(), /Not quite/);
      for (const o of SECOND.options) assert.ok((await hub.feedback().innerText()).includes(o.why), `explanation of ${o.text}`);
      // Coming back from the lab keeps the place: the URL holds the question.
      assert.equal(new URL(page.url()).searchParams.get('q'), SECOND.id);
    });
  });

  it('an exam of 5 questions is submitted and its report shown', async () => {
    await site.withPage(async (page) => {
      const hub = new PracticeHub(page);
      await hub.open('tab=exam');
      await page.selectOption('#exam-length', '5');
      await page.click('button.start-exam');
      assert.match(await page.innerText('.exam-clock'), /time left \d+:\d\d/);
      assert.equal(await page.locator('.exam-nav-item').count(), 5);
      await page.locator('button.flag').click();
      assert.equal(await page.locator('.exam-nav-item').first().getAttribute('data-flagged'), 'true');
      // Answer the first question with its first shown option, leave the rest blank.
      const first = page.locator('.exam-question input').first();
      if (await first.count()) await first.check();
      assert.match(await page.innerText('.exam-question .question-meta'), /Question 1 of 5/);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      assert.match(await page.innerText('.exam-question .question-meta'), /Question 2 of 5/, '"Next" moves to question 2');
      await page.locator('.exam-nav-item').nth(4).click();
      assert.match(await page.innerText('.exam-question .question-meta'), /Question 5 of 5/);
      assert.equal(await page.locator('.exam-question .feedback').count(), 0, 'no feedback before submit');
      await page.click('button.submit-exam');
      await page.locator('.exam-report').waitFor();
      assert.match(await page.innerText('#report-heading'), /Score: \d of 5/);
      assert.ok(await page.locator('.report-tables table').count() === 2);
      assert.ok(await page.locator('.exam-review-item').count() >= 1, 'wrong or flagged answers are reviewed');
    });
  });

  it('export, then import into a fresh browser context', async () => {
    let exported = '';
    await site.withPage(async (page) => {
      const hub = new PracticeHub(page);
      await hub.open(`tab=practice&q=${FIRST.id}`);
      await page.evaluate(() => localStorage.clear());
      await hub.open(`tab=practice&q=${FIRST.id}`);
      await hub.choose(wrongText(FIRST));
      await hub.submit();
      await hub.tab('Progress');
      const href = await page.getAttribute('a.export', 'href');
      assert.ok(href.startsWith('data:text/plain'));
      exported = decodeURIComponent(href.slice(href.indexOf(',') + 1));
      assert.match(exported, /^hyperlab-practice v1\n/);
      assert.ok(exported.includes(`q\t${FIRST.id}\t1\t`), exported);
    });
    await site.withPage(async (page) => {
      const hub = new PracticeHub(page);
      await hub.open('tab=progress');
      await page.setInputFiles('#import-file', { name: 'hyperlab-progress.txt', mimeType: 'text/plain', buffer: Buffer.from(exported) });
      await poll(async () => /Imported 1 answered question/.test(await hub.notice().innerText().catch(() => '')));
      assert.ok((await page.evaluate(() => localStorage.getItem('hyperlab.practice'))).includes(FIRST.id));
      await hub.tab('Review');
      assert.match(await page.innerText('.tab-panel'), /comes back in 1 day|due for review/);
    });
  });

  it('corrupted storage is reset with a notice and the hub still works', async () => {
    await site.withPage(async (page) => {
      const hub = new PracticeHub(page);
      await hub.open();
      await page.evaluate(() => localStorage.setItem('hyperlab.practice', 'hyperlab-practice v99\nq\tx'));
      await hub.open();
      assert.match(await hub.notice().innerText(), /newer version of Hyperlab/);
      await page.evaluate(() => localStorage.setItem('hyperlab.practice', '{"not":"ours"}'));
      await hub.open();
      assert.match(await hub.notice().innerText(), /not Hyperlab practice data/);
      assert.equal(await page.evaluate(() => localStorage.getItem('hyperlab.practice')), 'hyperlab-practice v1\n');
      await hub.choose((await hub.shownOptions())[0].replace(/^\d+\s*/, '').trim());
      assert.equal(await hub.card().locator('button.submit').isEnabled(), true);
    });
  });

  it('works by keyboard alone: number keys pick, Enter submits, Enter goes on', async () => {
    await site.withPage(async (page) => {
      const hub = new PracticeHub(page);
      await hub.open(`tab=practice&q=${FIRST.id}`);
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => !!document.activeElement?.closest('.question-card'))) break;
      }
      assert.ok(await page.evaluate(() => !!document.activeElement?.closest('.question-card')), 'focus reaches the card');
      const shown = await hub.shownOptions();
      const n = shown.findIndex((t) => t.includes(rightText(FIRST))) + 1;
      await page.keyboard.press(String(n));
      await page.keyboard.press('Enter');
      assert.equal(await hub.feedback().getAttribute('data-right'), 'true');
      await page.keyboard.press('Enter');
      await poll(async () => (await hub.card().getAttribute('data-question-id')) !== FIRST.id);
    }, { width: 375, height: 800 });
  });

  it('the quiz card embed shows one question without the site around it', async () => {
    await site.withPage(async (page) => {
      await page.goto(`${site.url()}/embed/practice/?q=${SECOND.id}`);
      await waitReady(page);
      assert.equal(await page.locator('header.site-header').count(), 0);
      assert.equal(await page.locator('.question-card').getAttribute('data-question-id'), SECOND.id);
      await page.locator('label.option', { hasText: rightText(SECOND) }).first().click();
      await page.locator('button.submit').click();
      assert.equal(await page.getAttribute('.feedback', 'data-right'), 'true');
    });
  });
});
