// Long use: every lab, used for a compressed twenty minutes, keeps DOM nodes, event listeners,
// JS heap and WebAssembly memory flat after warm-up (none grows by more than 5 %).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { useReleaseSite, builtLabs } from './helpers.mjs';
import { soak } from './soak.mjs';

const LABS = builtLabs();
const LIMIT_PCT = 5;
const site = useReleaseSite({ before, after });

describe('long use', () => {
  for (const lab of LABS) {
    it(`${lab}: nothing keeps growing`, async () => {
      await site.withPage(async (page) => {
        let { growth, samples } = await soak(page, `${site.url()}/${lab}/`);
        // A leak keeps growing however long the lab is used; a counter that only follows the
        // lab's state (and the machine's load) does not. So a first run over the limit is
        // confirmed by a run twice as long before the test fails.
        if (Object.values(growth).some((pct) => pct > LIMIT_PCT)) {
          ({ growth, samples } = await soak(page, `${site.url()}/${lab}/`, { actions: 300 }));
        }
        for (const [counter, pct] of Object.entries(growth)) {
          assert.ok(pct <= LIMIT_PCT, `${lab}: ${counter} grew ${pct.toFixed(1)} % after warm-up: ${JSON.stringify(samples.map((s) => s[counter]))}`);
        }
      });
    });
  }
});
