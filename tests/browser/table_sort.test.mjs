// Sorting a table by a column header: a click (or Enter on the header reached by Tab) sorts the
// rows as the API does for that sort, from page 1; the URL keeps the sort through paging and a
// reload; a second click reverses it; on Waiting a third returns to the queue order; the Excel
// download asks for the rows in the sort shown; a link with a sort the table lacks opens it in
// its own order with a warning.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  clickWidget,
  downloadTable,
  hashOf,
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

const ids = (rows) => rows.map((row) => row.id);

// The hook's table once the rows of `sort` (page `page`) are shown and nothing more is loading.
function sortedRows(page, sort, number = 1) {
  return waitForState(page, `page ${number} sorted by "${sort}"`,
    (s) => s.table && !s.table.loading && s.table.rows_sort === sort && s.table.page === number &&
      s.table.rows.length > 0);
}

async function apiIds(table, query) {
  const answer = await apiGet(running.server.url, running.token, `/api/tables/${table}?page_size=10&${query}`);
  return ids(answer.rows);
}

test('a click on a header sorts the rows as the API does, the URL keeps it through paging and a reload, a second click reverses it', async () => {
  const { page } = running;
  await clickWidget(page, 'menu.active');
  let state = await sortedRows(page, '-started_at');
  assert.deepEqual(state.table.sortable, ['started_at', 'last_message_at']);
  assert.ok(state.widgets['table.header.last_message_at'], 'the sortable header is reported');
  assert.equal(state.widgets['table.header.customer'], undefined, 'a text column does not sort');
  assert.equal(hashOf(page), '#/active');

  // The first click on a time: newest first.
  await clickWidget(page, 'table.header.last_message_at');
  state = await sortedRows(page, '-last_message_at');
  assert.deepEqual(ids(state.table.rows), await apiIds('active', 'sort=-last_message_at'));
  assert.equal(state.table.sort, '-last_message_at');
  await waitForState(page, 'the sort in the URL', () => hashOf(page) === '#/active?sort=-last_message_at');

  await clickWidget(page, 'table.next');
  state = await sortedRows(page, '-last_message_at', 2);
  assert.deepEqual(ids(state.table.rows), await apiIds('active', 'sort=-last_message_at&page=2'));
  await waitForState(page, 'page 2 in the URL', () => hashOf(page) === '#/active?page=2&sort=-last_message_at');

  await page.reload();
  state = await waitForState(page, 'the sorted page 2 after the reload',
    (s) => s.ready && s.screen === 'menu' && s.section === 'active' && s.table && !s.table.loading &&
      s.table.rows_sort === '-last_message_at' && s.table.page === 2 && s.table.rows.length > 0);
  assert.deepEqual(ids(state.table.rows), await apiIds('active', 'sort=-last_message_at&page=2'));
  assert.equal(hashOf(page), '#/active?page=2&sort=-last_message_at');

  // Again: oldest first, from page 1.
  await clickWidget(page, 'table.header.last_message_at');
  state = await sortedRows(page, 'last_message_at');
  const ascending = await apiIds('active', 'sort=last_message_at');
  assert.deepEqual(ids(state.table.rows), ascending);
  assert.notDeepEqual(ascending, await apiIds('active', 'sort=-last_message_at'), 'the two ways differ');
  await waitForState(page, 'the reversed sort in the URL', () => hashOf(page) === '#/active?sort=last_message_at');

  // The download asks for the rows in the order shown.
  const { request } = await downloadTable(page, 'active');
  assert.equal(new URL(request.url()).searchParams.get('sort'), 'last_message_at');

  // The table's own order again: its column's header, newest first; the URL is plain.
  await clickWidget(page, 'table.header.started_at');
  state = await sortedRows(page, '-started_at');
  assert.equal(state.table.sort, '');
  assert.deepEqual(ids(state.table.rows), await apiIds('active', ''));
  await waitForState(page, 'the plain URL', () => hashOf(page) === '#/active');
});

test('on Waiting a header reached by Tab sorts with Enter, and a third press returns to the queue order', async () => {
  const { page } = running;
  await clickWidget(page, 'menu.waiting');
  let state = await sortedRows(page, '');
  const queueOrder = ids(state.table.rows);
  assert.deepEqual(queueOrder, await apiIds('waiting', ''));

  // Tab until the header has the focus, then Enter.
  for (let i = 0; i < 80 && state.focus !== 'table.header.waiting_since'; ++i) {
    await page.keyboard.press('Tab');
    const pressed = state.frame;
    state = await waitForState(page, 'the focus to move', (s) => s.frame > pressed && s.focus !== undefined);
  }
  assert.equal(state.focus, 'table.header.waiting_since');
  await page.keyboard.press('Enter');
  state = await sortedRows(page, '-waiting_since');
  assert.deepEqual(ids(state.table.rows), await apiIds('waiting', 'sort=-waiting_since'));

  await clickWidget(page, 'table.header.waiting_since');
  state = await sortedRows(page, 'waiting_since');
  assert.deepEqual(ids(state.table.rows), await apiIds('waiting', 'sort=waiting_since'));
  await waitForState(page, 'the sort in the URL', () => hashOf(page) === '#/waiting?sort=waiting_since');

  await clickWidget(page, 'table.header.waiting_since');
  state = await sortedRows(page, '');
  assert.deepEqual(ids(state.table.rows), queueOrder);
  await waitForState(page, 'the plain URL', () => hashOf(page) === '#/waiting');
});

test('a link with a sort opens the table sorted, and back and forward restore each sort', async () => {
  const { page } = running;
  await page.goto(`${running.server.url}/#/history?sort=started_at`);
  let state = await sortedRows(page, 'started_at');
  assert.deepEqual(ids(state.table.rows), await apiIds('history', 'sort=started_at'));
  await page.goto(`${running.server.url}/#/active?sort=-last_message_at`);
  state = await sortedRows(page, '-last_message_at');
  assert.equal(state.section, 'active');
  await page.goBack();
  state = await sortedRows(page, 'started_at');
  assert.equal(state.section, 'history');
  await page.goForward();
  state = await sortedRows(page, '-last_message_at');
  assert.equal(state.section, 'active');
});

test('a link with a sort the table does not have opens it in its own order and says why', async () => {
  const { page } = running;
  await page.goto(`${running.server.url}/#/active?sort=customer`);
  const state = await sortedRows(page, '-started_at');
  assert.equal(state.section, 'active');
  assert.equal(state.table.sort, '');
  assert.equal(state.table.error, null);
  assert.deepEqual(ids(state.table.rows), await apiIds('active', ''));
  await waitForState(page, 'the toast', (s) => s.toasts.some((toast) => toast.kind === 'warning' &&
    toast.text.startsWith("Shown in the table's own order:") && toast.text.includes('started_at, last_message_at')));
  await waitForState(page, 'the plain URL', () => hashOf(page) === '#/active');
});
