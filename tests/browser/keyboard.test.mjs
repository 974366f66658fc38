// The console by keyboard alone: Tab and Shift+Tab go through everything clickable with a visible
// focus ring, Enter and Space press what has the focus, arrows move in the menu, Escape closes
// dialogs and pickers, PageDown / PageUp turn the table's page and "/" goes to the first filter.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  ARTIFACTS,
  clickWidget,
  consoleBeforeLogin,
  openApp,
  testState,
  waitForState,
} from './helpers.mjs';

// Filled by before(): the server and a browser on the login screen.
const running = consoleBeforeLogin();

// Presses `key` until the focus is on `widget` (at most `limit` times); fails naming where it went.
async function tabTo(page, widget, key = 'Tab', limit = 60) {
  const seen = [];
  for (let i = 0; i < limit; ++i) {
    await page.keyboard.press(key);
    const state = await waitForState(page, 'a frame after the key', async (s) => s.focus !== undefined);
    // The frame after the key press has moved the focus.
    const settled = await waitForState(page, 'the focus to move', (s) => s.frame > state.frame);
    seen.push(settled.focus);
    if (settled.focus === widget) return settled;
  }
  throw new Error(`${widget} never got the focus; it went through ${seen.join(', ')}`);
}

// The pixels around a widget, as PNG bytes.
async function around(page, widget) {
  const rect = (await testState(page)).widgets[widget];
  return page.screenshot({ clip: { x: rect.x - 4, y: rect.y - 4, width: rect.w + 8, height: rect.h + 8 } });
}

test('Tab goes from the email to the password and the Log in button, Shift+Tab back, Enter logs in', async () => {
  const { page } = running.browser;
  await openApp(page, running.server.url);
  const start = await waitForState(page, 'the email field focused', (s) => s.screen === 'login' && s.focus === 'login.email');
  const unfocused = await around(page, 'login.submit');
  await page.keyboard.type(ADMIN_EMAIL);
  await tabTo(page, 'login.password');
  await page.keyboard.type(ADMIN_PASSWORD);
  await tabTo(page, 'login.submit');
  // The ring: the pixels around the button differ from when it had no focus.
  const focused = await around(page, 'login.submit');
  assert.ok(!unfocused.equals(focused), 'the focused button is drawn with a ring');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'focus-ring.png') });
  await tabTo(page, 'login.password', 'Shift+Tab');
  await tabTo(page, 'login.submit');
  assert.equal(start.screen, 'login');
  await page.keyboard.press('Enter');
  const state = await waitForState(page, 'the menu', (s) => s.screen === 'menu');
  assert.equal(state.user.email, ADMIN_EMAIL);
});

test('the menu is reached by Tab, arrows move in it, Enter and Space open a section', async () => {
  const { page } = running.browser;
  await waitForState(page, 'the menu drawn', (s) => s.widgets['menu.active']);
  await tabTo(page, 'menu.waiting');
  await page.keyboard.press('Enter');
  await waitForState(page, 'Waiting opened', (s) => s.section === 'waiting');
  await page.keyboard.press('ArrowDown');
  await waitForState(page, 'the focus on Active', (s) => s.focus === 'menu.active');
  await page.keyboard.press('Space');
  await waitForState(page, 'Active opened', (s) => s.section === 'active' && s.table.rows.length > 0);
  // Everything in the header, the menu and the table's toolbar and pager is on the way round
  // (the pager is last; after it Tab wraps to the header).
  const stops = new Set();
  for (let i = 0; i < 80 && !(stops.has('table.next') && stops.has('menu.logout')); ++i) {
    await page.keyboard.press('Tab');
    const state = await waitForState(page, 'a focus', (s) => s.focus);
    stops.add(state.focus);
  }
  for (const widget of ['menu.logout', 'menu.history', 'table.download', 'table.page_size', 'table.next']) {
    assert.ok(stops.has(widget), `${widget} is reached by Tab (went through ${[...stops].join(', ')})`);
  }
});

test('PageDown and PageUp turn the page; "/" puts the caret in the first filter', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.history');
  await waitForState(page, 'history rows', (s) => s.section === 'history' && s.table.rows.length > 0 && !s.table.loading);
  await page.keyboard.press('PageDown');
  await waitForState(page, 'page 2', (s) => s.table.page === 2 && !s.table.loading);
  await page.keyboard.press('PageUp');
  await waitForState(page, 'page 1', (s) => s.table.page === 1 && !s.table.loading);

  await clickWidget(page, 'menu.unmanaged');
  await waitForState(page, 'unmanaged rows', (s) => s.section === 'unmanaged' && s.table.rows.length > 0);
  await page.keyboard.press('/');
  await waitForState(page, 'the customer filter focused', (s) => s.focus === 'unmanaged.customer');
  await page.keyboard.type('Zoe');
  await page.keyboard.press('Enter');
  const state = await waitForState(page, 'the filter applied', (s) => s.table.filters.customer);
  assert.equal(state.table.filters.customer, 'Zoe', 'the "/" itself was not typed');
});

test('Escape closes a dialog and a picker', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.active');
  const state = await waitForState(page, 'active rows', (s) => s.section === 'active' && s.table.rows.length > 0 && !s.table.loading);
  await clickWidget(page, `table.row.${state.table.rows[0].id}.info`);
  await waitForState(page, 'the Info dialog', (s) => s.dialog === 'info');
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);

  await clickWidget(page, 'table.page_size');
  await waitForState(page, 'the page sizes listed', (s) => s.widgets['table.page_size.option.20']);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the list closed', (s) => !s.widgets['table.page_size.option.20']);
});
