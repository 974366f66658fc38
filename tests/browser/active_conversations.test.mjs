// Active conversations through the real UI: the table matches the API, the page size and pages
// change, Excel downloads as a real file, and the back button returns to the previous section.
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
  hashOf,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  tempDir,
  testState,
  waitForFirstSection,
  waitForState,
} from './helpers.mjs';

let server;
let browser;
let token;

before(async () => {
  server = await startServer();
  token = await apiLogin(server.url);
  browser = await launchBrowser();
  await openApp(browser.page, server.url);
  await logInThroughUi(browser.page);
  // The first login settles on the busiest section; then the user goes to the first section,
  // which the back button test below returns to.
  await waitForFirstSection(browser.page);
  await clickWidget(browser.page, 'menu.campaigns_new');
  await waitForState(browser.page, 'the first section', (s) => s.section === 'campaigns_new');
});

after(async () => {
  await browser?.context.close();
  await server?.stop();
});

const ids = (rows) => rows.map((row) => row.id);
const settled = (s) => s.table && !s.table.loading && s.table.rows.length > 0;

test('the first page of Active conversations matches the API', async () => {
  const { page } = browser;
  await clickWidget(page, 'menu.active');
  const state = await waitForState(page, 'the active table', (s) => s.section === 'active' && settled(s));
  assert.equal(hashOf(page), '#/active');

  const api = await apiGet(server.url, token, '/api/tables/active?page=1&page_size=10');
  assert.ok(api.total >= 35, `demo data has at least 35 active conversations, got ${api.total}`);
  assert.equal(state.table.total, api.total);
  assert.equal(state.table.page, 1);
  assert.equal(state.table.page_size, 10);
  assert.equal(state.table.rows.length, 10);
  assert.deepEqual(ids(state.table.rows), ids(api.rows));
  assert.deepEqual(state.table.rows.map((r) => r.customer), api.rows.map((r) => r.customer));
  assert.equal(state.table.error, null);
  assert.ok(state.widgets['table.download'], 'Download Excel is drawn');
  assert.ok(state.widgets['table.prev'] && state.widgets['table.next'], 'the pager is drawn');
});

test('the 24-hour window status says how long the window stays open', async () => {
  const { page } = browser;
  const state = await waitForState(page, 'the active table', (s) => s.section === 'active' && settled(s));
  const now = Date.now() / 1000;
  let open = 0;
  for (const row of state.table.rows) {
    const shown = state.table.cells[String(row.id)].status;
    if (row.status !== 'window_open') {
      assert.equal(shown, 'Window closed');
      continue;
    }
    open += 1;
    const match = shown.match(/^Open · (?:(\d+) h )?(\d+) m left$/);
    assert.ok(match, `"${shown}" says the time left`);
    const left = (Number(match[1] ?? 0) * 60 + Number(match[2])) * 60;
    const expected = row.last_message_at + 24 * 3600 - now;
    assert.ok(Math.abs(left - expected) <= 120, `${shown} for a window closing in ${Math.round(expected)} s`);
  }
  assert.ok(open > 0, 'the demo data has open windows on the first page');
});

test('the page-size selector shows 20 rows and keeps the section', async () => {
  const { page } = browser;
  await clickWidget(page, 'table.page_size');
  await clickWidget(page, 'table.page_size.option.20');
  const state = await waitForState(page, '20 rows', (s) => settled(s) && s.table.page_size === 20);
  assert.equal(state.table.rows.length, 20);
  assert.equal(state.table.page, 1);
  assert.equal(state.section, 'active');
  await waitForState(page, 'the page size in the URL', () => hashOf(page) === '#/active?page_size=20');
  assert.equal(state.widgets['table.page_size.option.20'], undefined, 'the popup closed');

  const api = await apiGet(server.url, token, '/api/tables/active?page=1&page_size=20');
  assert.deepEqual(ids(state.table.rows), ids(api.rows));
});

test('Next shows the second page', async () => {
  const { page } = browser;
  await clickWidget(page, 'table.next');
  const state = await waitForState(page, 'page 2', (s) => settled(s) && s.table.page === 2);
  const api = await apiGet(server.url, token, '/api/tables/active?page=2&page_size=20');
  assert.equal(state.table.rows.length, Math.min(20, api.total - 20));
  assert.deepEqual(ids(state.table.rows), ids(api.rows));

  await clickWidget(page, 'table.prev');
  await waitForState(page, 'page 1 again', (s) => settled(s) && s.table.page === 1);
});

test('Download Excel saves an .xlsx with every active conversation', async () => {
  const { page } = browser;
  const download = page.waitForEvent('download', { timeout: 30000 });
  await clickWidget(page, 'table.download');
  const file = await download;
  assert.match(file.suggestedFilename(), /\.xlsx$/);
  const saved = path.join(tempDir('download'), file.suggestedFilename());
  await file.saveAs(saved);

  const unzip = (...args) => execFileSync('unzip', [...args], { maxBuffer: 64 << 20 }).toString('utf8');
  const parts = unzip('-Z1', saved).split('\n');
  const sheet = unzip('-p', saved, 'xl/worksheets/sheet1.xml');
  // Text cells are either shared strings or inline strings (a streaming writer uses the latter).
  const text = parts.includes('xl/sharedStrings.xml')
    ? unzip('-p', saved, 'xl/sharedStrings.xml') + sheet
    : sheet;
  assert.ok(text.includes('Zoë Ñúñez'), 'the sheet names the customer Zoë Ñúñez');
  assert.ok(text.includes('Алексей Смирнов'), 'the sheet names the customer Алексей Смирнов');
  const rows = (sheet.match(/<row[\s>]/g) ?? []).length;
  const { total } = (await testState(page)).table;
  assert.equal(rows, total + 1, 'one header row plus one row per conversation');
});

test('the screen is drawn and saved as an artifact', async () => {
  const { page, problems } = browser;
  await waitForState(page, 'a settled table', settled);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'active.png') });
  assert.deepEqual(problems, []);
});

test('an idle page is not redrawn at full frame rate', async () => {
  const { page } = browser;
  await waitForState(page, 'a settled table', settled);
  await page.waitForTimeout(1500); // let the frames after the last input run out
  const before = (await testState(page)).frame;
  await page.waitForTimeout(3000);
  const after = (await testState(page)).frame;
  // An idle page draws only when something changes (idle.test.mjs holds it under one a second);
  // a page drawing on every animation frame would show about 180.
  assert.ok(after - before <= 40, `${after - before} frames in 3 s of idling`);
});

test('the back button returns to the previous section', async () => {
  const { page } = browser;
  await page.goBack();
  const state = await waitForState(page, 'the previous section', (s) => s.section === 'campaigns_new');
  assert.equal(hashOf(page), '#/campaigns/new');
  assert.equal(state.table?.name, 'campaign_templates');
  assert.equal(state.screen, 'menu');

  await page.goForward();
  await waitForState(page, 'Active conversations again', (s) => s.section === 'active' && settled(s));
});

test('a reload keeps the session and the section', async () => {
  const { page } = browser;
  await page.reload();
  const state = await waitForState(page, 'the section after the reload',
    (s) => s.ready && s.screen === 'menu' && s.section === 'active' && settled(s));
  assert.equal(state.user.email, 'admin@waconsole.local');
  assert.equal(hashOf(page), '#/active?page_size=20');
  assert.equal(state.table.page_size, 20, 'the page size came back from the URL');
});
