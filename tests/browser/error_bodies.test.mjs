// Answers that are not the API's error shape (a proxy's {"error":{"code":502}}, a bare string, an
// HTML page) show a readable message and never stop the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ADMIN_PASSWORD,
  clickWidget,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  testState,
  waitForState,
} from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.context.close();
  await server?.stop();
});

// Bodies seen from proxies and gateways, with the status they came with.
const FOREIGN_BODIES = [
  { status: 502, type: 'application/json', body: '{"error":{"code":502}}' },
  { status: 502, type: 'application/json', body: '{"error":{"code":502,"message":{"text":"Bad gateway"}}}' },
  { status: 503, type: 'application/json', body: '{"error":"x"}' },
  { status: 500, type: 'application/json', body: '{"error":{"code":["x"],"message":null,"fields":[{"field":1}]}}' },
  { status: 502, type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  { status: 504, type: 'application/json', body: '' },
];

// The page is alive: still drawing frames and not showing the shell's "stopped" note.
async function assertAlive(page) {
  const before = (await testState(page)).frame;
  await page.mouse.move(10, 10);
  await page.mouse.move(20, 20);
  await waitForState(page, 'another frame', (s) => s.frame > before);
  const status = await page.evaluate(() => document.getElementById('status').className);
  assert.notEqual(status, 'failed', 'the page aborted');
}

test('a login answered with a foreign error body shows a readable message', async () => {
  const { page, problems } = browser;
  for (const answer of FOREIGN_BODIES) {
    await page.route('**/api/login', (route) =>
      route.fulfill({ status: answer.status, contentType: answer.type, body: answer.body }));
    await openApp(page, server.url); // a fresh login screen each time
    await logInThroughUi(page);
    const state = await waitForState(page, `the error for ${answer.body}`, (s) => s.error);
    assert.equal(state.screen, 'login');
    assert.equal(state.error, `The server failed (HTTP ${answer.status}). Try again.`, answer.body);
    await assertAlive(page);
    await page.unroute('**/api/login');
  }
  assert.deepEqual(problems, []);
});

test('after those answers the real server still logs in, and a foreign body on the table and '
  + 'the download is shown too', async () => {
  const { page, problems } = browser;
  await clickWidget(page, 'login.password');
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await waitForState(page, 'the menu', (s) => s.screen === 'menu');
  await clickWidget(page, 'menu.active');
  await waitForState(page, 'the active table', (s) => s.table?.rows.length > 0);

  await page.route(/\/api\/tables\/active\?/, (route) =>
    route.fulfill({ status: 502, contentType: 'application/json', body: '{"error":{"code":502}}' }));
  // The table is fetched again when the change feed says it changed or when it is shown again
  // (an idle console fetches no page): showing it again asks for it.
  await clickWidget(page, 'menu.history');
  await waitForState(page, 'History', (s) => s.section === 'history');
  await clickWidget(page, 'menu.active');
  const failed = await waitForState(page, 'the table error', (s) => s.section === 'active' && s.table?.error, 10000);
  assert.equal(failed.table.error, 'The server failed (HTTP 502). Try again.');
  await assertAlive(page);

  await page.route(/\/api\/tables\/active\.xlsx/, (route) =>
    route.fulfill({ status: 502, contentType: 'application/json', body: '{"error":{"code":502}}' }));
  await clickWidget(page, 'table.download');
  const toast = await waitForState(page, 'the download error',
    (s) => s.toasts?.some((t) => t.kind === 'error'));
  assert.deepEqual(toast.toasts.filter((t) => t.kind === 'error').map((t) => t.text),
    ['Download failed: The server failed (HTTP 502). Try again.']);
  await assertAlive(page);

  await page.unroute(/\/api\/tables\/active\?/);
  await waitForState(page, 'the table back', (s) => s.table && s.table.error === null, 10000);
  assert.deepEqual(problems, []);
});
