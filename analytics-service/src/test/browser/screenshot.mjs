// Takes the screenshot of README.md and docs/analytics.md of a running dashboard, with one order's timeline open:
//   node screenshot.mjs http://localhost:8085/ ../../../../docs/dashboard.png
import { chromium } from 'playwright-core';

const [url, path] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1680, height: 1050 } });
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection"][data-state="live"]');
  await page.waitForSelector('[data-testid="high-value"] li[data-order-id]');
  await page.click('[data-testid="high-value"] li[data-order-id]');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline"]').dataset.step);
  await page.waitForTimeout(2500); // a few live ticks and feed events, as a person would see them
  await page.screenshot({ path, fullPage: true });
} finally {
  await browser.close();
}
