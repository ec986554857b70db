// Drives the analytics dashboard in Debian's headless Chromium for DashboardBrowserIT.
//
//   node dashboard-check.mjs <expectations.json>
//
// expectations: { url, completedOrder, inFlightOrder, burstCustomer, cancelReason, minCompleted, minCancelled,
//                 screenshot?, failureScreenshot }
// Prints READY once the page is live and its counters are read; the test then places the orders. Prints PASS and
// exits 0 when the page shows them, or prints FAIL: <why> and exits 1.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const TIMEOUT = 60_000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // The test may run as root (CI), where Chromium's sandbox cannot start.
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1680, height: 1050 } });
const testId = (id) => `[data-testid="${id}"]`;
const number = async (id) => Number((await page.textContent(testId(id))).replace(/[^0-9.]/g, ''));

async function step(description, action) {
  try {
    return await action();
  } catch (error) {
    throw new Error(`${description}: ${error.message.split('\n')[0]}`);
  }
}

try {
  await step('open the dashboard', () => page.goto(expected.url, { waitUntil: 'domcontentloaded' }));
  await step('go live', () => page.waitForSelector(`${testId('connection')}[data-state="live"]`, { timeout: TIMEOUT }));
  await step('show the counters', () => page.waitForFunction(
    (id) => document.querySelector(id).textContent !== '–', testId('completed-total'), { timeout: TIMEOUT }));
  const before = { completed: await number('completed-total'), cancelled: await number('cancelled-total') };
  console.log('READY ' + JSON.stringify(before));

  await step(`count ${expected.minCompleted} more completed orders`, () => page.waitForFunction(
    ([id, n]) => Number(document.querySelector(id).textContent) >= n,
    [testId('completed-total'), before.completed + expected.minCompleted], { timeout: TIMEOUT }));
  await step(`count ${expected.minCancelled} more cancelled orders`, () => page.waitForFunction(
    ([id, n]) => Number(document.querySelector(id).textContent) >= n,
    [testId('cancelled-total'), before.cancelled + expected.minCancelled], { timeout: TIMEOUT }));
  await step(`show cancellations for ${expected.cancelReason} in the outcomes`, () =>
    page.waitForSelector(testId('outcome-' + expected.cancelReason), { timeout: TIMEOUT }));
  await step('show the order waiting for payment as in flight', () => page.waitForFunction(
    (id) => Number(document.querySelector(id).textContent) >= 1, testId('step-RESERVED'), { timeout: TIMEOUT }));
  await step('list the completion in the feed', () => page.waitForSelector(
    `${testId('feed')} li[data-order-id="${expected.completedOrder}"][data-event-type="OrderCompleted"]`,
    { timeout: TIMEOUT }));
  await step('list the high-value order', () => page.waitForSelector(
    `${testId('high-value')} li[data-order-id="${expected.completedOrder}"]`, { timeout: TIMEOUT }));
  await step('list the burst alert', () => page.waitForSelector(
    `${testId('bursts')} li[data-customer-id="${expected.burstCustomer}"]`, { timeout: TIMEOUT }));
  await step('show revenue', () => page.waitForSelector(`${testId('revenue')} .column`, { timeout: TIMEOUT }));

  await step('open the timeline from the feed', () =>
    page.click(`${testId('feed')} li[data-order-id="${expected.completedOrder}"][data-event-type="OrderCompleted"]`));
  await step('show the whole saga in the timeline', () => page.waitForFunction(
    ([panel, entries, orderId]) => {
      const timeline = document.querySelector(panel);
      return timeline.dataset.orderId === orderId && timeline.dataset.step === 'COMPLETED'
        && document.querySelectorAll(entries + ' li').length === 5;
    },
    [testId('timeline'), testId('timeline-entries'), expected.completedOrder], { timeout: TIMEOUT }));
  const entries = await page.$$eval(`${testId('timeline-entries')} li`, (items) => items.map((li) => li.dataset.eventType));
  const saga = ['OrderPlaced', 'InventoryReserved', 'PaymentCompleted', 'ShipmentScheduled', 'OrderCompleted'];
  if (entries.join() !== saga.join()) {
    throw new Error(`timeline shows ${entries.join(', ')} instead of ${saga.join(', ')}`);
  }

  if (expected.screenshot) {
    await page.waitForTimeout(3000); // orders keep flowing in screenshot mode: let a few stats ticks land
    await page.screenshot({ path: expected.screenshot, fullPage: true });
  }
  console.log('PASS');
  await browser.close();
} catch (error) {
  console.log('FAIL: ' + error.message);
  await page.screenshot({ path: expected.failureScreenshot, fullPage: true }).catch(() => {});
  await browser.close();
  process.exit(1);
}
