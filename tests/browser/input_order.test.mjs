// Every click and key counts, however fast: ImGui reads input once a frame, and the page queues
// the browser's events so each press and release is seen. Clicks here are zero-delay (press and
// release together, the pointer never moved there first) and typing has no delay between keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  consoleBeforeLogin,
  openApp,
  testState,
  waitForState,
} from './helpers.mjs';

// Filled by before(): the server and a browser on the login screen.
const running = consoleBeforeLogin();

// A click at the middle of a widget with no move before it and no delay inside it.
async function quickClick(page, name) {
  const state = await waitForState(page, `widget ${name}`, (s) => s.widgets && s.widgets[name]);
  const rect = state.widgets[name];
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2, { delay: 0 });
}

// Lets the page go idle, so the next event finds no frame running.
const idle = (page) => page.waitForTimeout(1500);

test('a zero-delay click and fast typing log in', async () => {
  const { page } = running.browser;
  await openApp(page, running.server.url);
  await waitForState(page, 'the login screen', (s) => s.screen === 'login' && s.widgets['login.email']);
  await idle(page);
  await quickClick(page, 'login.email');
  await page.keyboard.type(ADMIN_EMAIL, { delay: 0 });
  await quickClick(page, 'login.password');
  await page.keyboard.type(ADMIN_PASSWORD, { delay: 0 });
  await page.keyboard.press('Enter', { delay: 0 });
  const state = await waitForState(page, 'the menu', (s) => s.screen === 'menu');
  assert.equal(state.user.email, ADMIN_EMAIL);
});

test('ten zero-delay clicks from idle each land', async () => {
  const { page } = running.browser;
  for (let i = 0; i < 10; ++i) {
    const section = i % 2 === 0 ? 'unmanaged' : 'history';
    await idle(page);
    await quickClick(page, `menu.${section}`);
    await waitForState(page, `section ${section} (click ${i + 1})`, (s) => s.section === section, 3000);
  }
});

test('three zero-delay clicks on Next in a row turn three pages', async () => {
  const { page } = running.browser;
  await waitForState(page, 'history rows', (s) => s.section === 'history' && s.table.rows.length > 0 && !s.table.loading);
  await idle(page);
  const rect = (await testState(page)).widgets['table.next'];
  for (let i = 0; i < 3; ++i) await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2, { delay: 0 });
  const state = await waitForState(page, 'page 4', (s) => s.table.page === 4 && !s.table.loading, 5000);
  assert.equal(state.table.page, 4);
});

test('a zero-delay click on a row\'s button opens it without hovering first', async () => {
  const { page } = running.browser;
  const state = await testState(page);
  const row = state.table.rows[0];
  await idle(page);
  await quickClick(page, `table.row.${row.id}.info`);
  await waitForState(page, 'the Info dialog', (s) => s.dialog === 'info', 5000);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);
});

test('a zero-delay double click on a row opens its Info; a right click offers Info too', async () => {
  const { page } = running.browser;
  await quickClick(page, 'menu.history');
  const state = await waitForState(page, 'history rows', (s) => s.section === 'history' && s.table.rows.length > 1 && !s.table.loading);
  const row = state.table.rows[1];
  const rect = state.widgets[`table.row.${row.id}`];
  await idle(page);
  await page.mouse.dblclick(rect.x + 10, rect.y + rect.h / 2, { delay: 0 });
  let info = await waitForState(page, 'the Info dialog', (s) => s.dialog === 'info', 5000);
  assert.equal(info.info.conversation_id, row.id);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);

  await idle(page);
  await page.mouse.click(rect.x + 10, rect.y + rect.h / 2, { button: 'right', delay: 0 });
  await waitForState(page, 'the row selected and its menu', (s) => s.table.selected === row.id && s.widgets[`table.row.${row.id}.menu.info`]);
  await quickClick(page, `table.row.${row.id}.menu.info`);
  info = await waitForState(page, 'the Info dialog from the menu', (s) => s.dialog === 'info', 5000);
  assert.equal(info.info.conversation_id, row.id);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);
});

test('typing, Backspace and Enter without delay all reach the field in order', async () => {
  const { page } = running.browser;
  await quickClick(page, 'menu.unmanaged');
  await waitForState(page, 'unmanaged', (s) => s.section === 'unmanaged' && s.widgets['unmanaged.customer']);
  await idle(page);
  await quickClick(page, 'unmanaged.customer');
  await page.keyboard.type('Zoxy', { delay: 0 });
  await page.keyboard.press('Backspace', { delay: 0 });
  await page.keyboard.press('Backspace', { delay: 0 });
  await page.keyboard.type('e', { delay: 0 });
  await page.keyboard.press('Enter', { delay: 0 });
  const state = await waitForState(page, 'the filter applied', (s) => s.table.filters.customer !== undefined, 5000);
  assert.equal(state.table.filters.customer, 'Zoe');
});

// Text that comes with no key press — an input method's (Chinese, Japanese, Korean), an accent
// from a dead key, an on-screen keyboard's, insertText here — goes through the page's hidden text
// entry into the field being edited, once, in order with the keys typed around it.
test('text from an input method reaches the field once, between typed keys', async () => {
  const { page } = running.browser;
  await quickClick(page, 'unmanaged.customer');
  await page.keyboard.press('Control+A', { delay: 0 });
  await page.keyboard.press('Backspace', { delay: 0 });
  await page.keyboard.type('ab', { delay: 0 });
  await page.keyboard.insertText('مرحبا 你好');
  await page.keyboard.type('cë', { delay: 0 });
  await page.keyboard.press('Enter', { delay: 0 });
  const state = await waitForState(page, 'the filter applied',
    (s) => (s.table.filters.customer ?? '').endsWith('ë'), 5000);
  assert.equal(state.table.filters.customer, 'abمرحبا 你好cë');
  // Editing is over: the focus is back on the canvas, so keys go to the console again.
  await page.waitForFunction(() => document.activeElement?.id === 'canvas', null, { timeout: 5000 });
});
