// Long use: every lab, used for a compressed twenty minutes, keeps DOM nodes, event listeners,
// JS heap and WebAssembly memory flat after warm-up (none grows by more than 5 %).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite } from './helpers.mjs';
import { soak } from './soak.mjs';

const LABS = ['learning-rate', 'regularization', 'training', 'cross-validation', 'search'];
const LIMIT_PCT = 5;
const site = useReleaseSite({ before, after });

describe('long use', () => {
  for (const lab of LABS) {
    it(`${lab}: nothing keeps growing`, async () => {
      await site.withPage(async (page) => {
        const { growth, samples } = await soak(page, `${site.url()}/${lab}/`);
        for (const [counter, pct] of Object.entries(growth)) {
          assert.ok(pct <= LIMIT_PCT, `${lab}: ${counter} grew ${pct.toFixed(1)} % after warm-up: ${JSON.stringify(samples.map((s) => s[counter]))}`);
        }
      });
    });
  }
});
