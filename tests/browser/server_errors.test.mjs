// Failures are visible: an ended session returns to the login screen, and a server that stops
// answering shows an error on the table.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';

import {
  ARTIFACTS,
  clickWidget,
  hashOf,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  waitForState,
} from './helpers.mjs';

let server;
let browser;

beforeEach(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await openApp(browser.page, server.url);
  await logInThroughUi(browser.page);
  await waitForState(browser.page, 'the menu', (s) => s.screen === 'menu');
  await clickWidget(browser.page, 'menu.active');
  await waitForState(browser.page, 'the active table', (s) => s.table && s.table.rows.length > 0);
});

afterEach(async () => {
  await browser?.context.close();
  await server?.stop();
});

test('a session ended on the server sends the UI back to the login screen', async () => {
  const { page } = browser;
  // The token the UI keeps for this tab; logging it out behind the UI's back ends its session.
  const token = await page.evaluate(() => sessionStorage.getItem('waconsole.token'));
  assert.ok(token);
  const response = await fetch(`${server.url}/api/logout`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.ok(response.ok);

  // The next background refresh gets a 401.
  const state = await waitForState(page, 'the login screen', (s) => s.screen === 'login', 20000);
  assert.match(state.error, /session/i);
  assert.equal(state.user, null);
  await waitForState(page, '#/login', () => hashOf(page) === '#/login');
});

test('a server that stops answering shows a visible error on the table', async () => {
  const { page } = browser;
  await server.stop();
  const state = await waitForState(page, 'the table error', (s) => s.table?.error, 20000);
  assert.match(state.table.error, /could not be reached/i);
  assert.equal(state.error, state.table.error);
  assert.equal(state.screen, 'menu', 'a network failure does not log the user out');
  const banner = state.widgets['table.error'];
  assert.ok(banner && banner.w > 0 && banner.h > 0, 'the error banner is drawn');
  assert.ok(state.widgets['table.retry'], 'a Retry button is offered');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'server-error.png') });
});
