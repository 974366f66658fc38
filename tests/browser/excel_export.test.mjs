// Download Excel from a browser in another time zone than the server's: the file's dates are on the
// administrator's wall clock, and a download cut short by Excel's row limit says so on screen.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ARTIFACTS,
  apiGet,
  apiLogin,
  clickWidget,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  tempDir,
  waitForState,
} from './helpers.mjs';

// UTC+5:45 all year, so no test date can fall on a daylight-saving change, and unlike any zone a
// test machine is likely to run in.
const ZONE = 'Asia/Kathmandu';
const ZONE_OFFSET_SECONDS = 5 * 3600 + 45 * 60;

let server;
let browser;
let token;

before(async () => {
  server = await startServer();
  token = await apiLogin(server.url);
  browser = await launchBrowser({ timezoneId: ZONE });
  await openApp(browser.page, `${server.url}/#/active`);
  await logInThroughUi(browser.page);
  await waitForState(browser.page, 'the active table',
    (s) => s.screen === 'menu' && s.section === 'active' && s.table?.rows.length > 0);
});

after(async () => {
  await browser?.context.close();
  await server?.stop();
});

// The numeric value of one cell of the first sheet (an Excel date serial for date cells).
function cellNumber(file, ref) {
  const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { maxBuffer: 64 << 20 })
    .toString('utf8');
  const match = sheet.match(new RegExp(`<c r="${ref}"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]+)</v>`));
  assert.ok(match, `cell ${ref} has a value`);
  return Number(match[1]);
}

async function download(page) {
  const requested = page.waitForRequest(/\/api\/tables\/active\.xlsx/);
  const downloaded = page.waitForEvent('download', { timeout: 30000 });
  await clickWidget(page, 'table.download');
  const request = await requested;
  const file = await downloaded;
  const saved = path.join(tempDir('download'), file.suggestedFilename());
  await file.saveAs(saved);
  return { request, saved };
}

test('the downloaded file has its dates on the browser\'s wall clock', async () => {
  const { page, problems } = browser;
  const { request, saved } = await download(page);
  // Chromium reports the zone by ICU's name, which may be the older spelling (Asia/Katmandu).
  const reported = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.match(reported, /^Asia\/Kath?mandu$/);
  assert.equal(new URL(request.url()).searchParams.get('time_zone'), reported);

  const api = await apiGet(server.url, token, '/api/tables/active?page=1&page_size=10');
  const startedAt = api.rows[0].started_at; // epoch seconds, UTC
  const expected = (startedAt + ZONE_OFFSET_SECONDS) / 86400 + 25569;
  assert.ok(Math.abs(cellNumber(saved, 'E2') - expected) < 1e-6,
    `E2 is ${cellNumber(saved, 'E2')}, the Kathmandu wall clock is ${expected}`);
  const toasts = (await waitForState(page, 'the saved note', (s) => s.toasts.length > 0)).toasts;
  assert.equal(toasts.at(-1).kind, 'info');
  assert.match(toasts.at(-1).text, /^Saved active-conversations-\d{8}-\d{4}\.xlsx$/);
  assert.deepEqual(problems, []);
});

test('a download cut short by Excel\'s row limit says how many rows were left out', async () => {
  const { page, problems } = browser;
  // A million rows are too many to make in a browser test: the server's side of the limit is
  // tested in tests/server; here its answer gets the headers it sends when the limit is reached.
  await page.route(/\/api\/tables\/active\.xlsx/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'x-export-rows': '1048575', 'x-export-rows-left-out': '23456' },
    });
  });
  await download(page);
  const state = await waitForState(page, 'the warning', (s) => s.toasts.some((t) => t.kind === 'warning'));
  const warning = state.toasts.find((t) => t.kind === 'warning');
  assert.match(warning.text, /with the first 1,048,575 rows/);
  assert.match(warning.text, /23,456 rows were left out/);
  assert.equal(state.screen, 'menu');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'export-rows-left-out.png') });
  await page.unroute(/\/api\/tables\/active\.xlsx/);
  assert.deepEqual(problems, []);
});
