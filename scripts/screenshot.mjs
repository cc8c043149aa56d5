// Screenshots for looking at pages by eye: node scripts/screenshot.mjs <url-path> <out.png> [width] [theme]
// Serves dist/ itself, so it needs a built site.
import { startServer } from '../tests/e2e/server.mjs';
import { launch, waitReady } from '../tests/e2e/helpers.mjs';

const [path = '/', out = 'shot.png', width = '1280', theme = 'light'] = process.argv.slice(2);
const server = await startServer(new URL('../dist', import.meta.url).pathname);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: Number(width), height: 900 }, colorScheme: theme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[console.${m.type()}] ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(server.url + path);
  await waitReady(page).catch((e) => console.log('not ready:', e.message));
  await page.waitForTimeout(Number(process.env.WAIT ?? 1500));
  await page.screenshot({ path: out, fullPage: process.env.FULL !== '0' });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await server.close();
}
