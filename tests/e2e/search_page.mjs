// What the search lab's two e2e files ask of its page: a chart's pixels (hashed), its text
// alternative, and the moment Bayesian optimization has spent its budget.

import { poll, chartPixelsHash } from './helpers.mjs';

export const hash = (page, name) => chartPixelsHash(page, `canvas[data-chart="${name}"]`);
export const label = (page, name) => page.getAttribute(`canvas[data-chart="${name}"]`, 'aria-label');
export const boDone = (page) => poll(async () => (await page.getAttribute('#bo-status', 'data-done')) === 'true', { timeout: 30_000, message: 'Bayesian optimization did not finish' });
