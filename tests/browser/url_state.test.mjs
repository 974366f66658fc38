// The view survives: the URL holds the section, the page, the page size and the filters, so a
// reload, back / forward and a link restore it; the title names the section; after login the
// section asked for, else the last one used, opens; a second tab of the browser is logged in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  busiestSection,
  clickWidget,
  hashOf,
  launchBrowser,
  logInThroughUi,
  openApp,
  replaceText,
  startLoggedInConsole,
  waitForState,
} from './helpers.mjs';

let running;

before(async () => {
  running = await startLoggedInConsole();
});

after(async () => {
  await running?.stop();
});

const settled = (s) => s.table && !s.table.loading && s.table.rows.length > 0;

test('page, page size and filters go into the URL and a reload restores them', async () => {
  const { page } = running;
  await clickWidget(page, 'menu.history');
  await waitForState(page, 'history', (s) => s.section === 'history' && settled(s));
  assert.equal(await page.title(), 'Conversation history · waconsole');
  await replaceText(page, 'history.customer', '+34');
  await page.keyboard.press('Enter');
  await waitForState(page, 'filtered', (s) => s.table.filters.customer === '+34' && settled(s));
  await clickWidget(page, 'table.next');
  await waitForState(page, 'page 2', (s) => s.table.page === 2 && settled(s));
  await waitForState(page, 'the view in the URL', () => hashOf(page) === '#/history?page=2&customer=%2B34');

  await page.reload();
  const state = await waitForState(page, 'the view after the reload',
    (s) => s.ready && s.screen === 'menu' && s.section === 'history' && settled(s));
  assert.equal(state.table.page, 2);
  assert.equal(state.table.filters.customer, '+34');
  assert.equal(hashOf(page), '#/history?page=2&customer=%2B34');
});

test('a link with a view opens it, and back returns to the view before', async () => {
  const { page } = running;
  await page.goto(`${running.server.url}/#/unmanaged?page_size=20&page=2`);
  let state = await waitForState(page, 'the linked view',
    (s) => s.section === 'unmanaged' && s.table.page === 2 && s.table.page_size === 20 && !s.table.loading);
  assert.equal(await page.title(), 'Unmanaged conversations · waconsole');
  await page.goBack();
  state = await waitForState(page, 'history page 2 again', (s) => s.section === 'history' && s.table.page === 2 && settled(s));
  assert.equal(state.table.filters.customer, '+34');
});

test('a second tab of the browser opens logged in, on the section its link names', async () => {
  const second = await running.browser.context.newPage();
  try {
    await openApp(second, `${running.server.url}/#/waiting`);
    const state = await waitForState(second, 'the second tab logged in',
      (s) => s.screen === 'menu' && s.section === 'waiting' && settled(s));
    assert.equal(state.user.email, 'admin@waconsole.local');
  } finally {
    await second.close();
  }
});

test('after logging in again the console opens the section last used', async () => {
  const { page } = running;
  await clickWidget(page, 'menu.templates_sent');
  await waitForState(page, 'templates sent', (s) => s.section === 'templates_sent');
  await clickWidget(page, 'menu.logout');
  await waitForState(page, 'logged out', (s) => s.screen === 'login');
  // A fresh tab with no section in its link: the one last used opens.
  const fresh = await running.browser.context.newPage();
  try {
    await openApp(fresh, running.server.url);
    await logInThroughUi(fresh);
    await waitForState(fresh, 'the last section', (s) => s.screen === 'menu' && s.section === 'templates_sent');
  } finally {
    await fresh.close();
  }
});

test('a first login in a browser opens the busiest live section, not an empty one', async () => {
  const { counts } = await apiGet(running.server.url, running.token, '/api/table-counts');
  const busiest = busiestSection(counts);
  assert.ok(busiest, `the demo data has live conversations: ${JSON.stringify(counts)}`);
  // A browser that never used the console: nothing in its storage, no section in the link.
  const other = await launchBrowser();
  try {
    await openApp(other.page, running.server.url);
    await logInThroughUi(other.page);
    const state = await waitForState(other.page, `the busiest section (${busiest})`,
      (s) => s.screen === 'menu' && s.section === busiest && settled(s));
    assert.ok(state.table.total > 0);
    assert.equal(hashOf(other.page), `#/${busiest}`);
  } finally {
    await other.context.close();
  }
});
