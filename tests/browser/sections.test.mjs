// The conversation sections through the real UI against the real server with its demo data:
// Unmanaged, Waiting, Conversation history and Message template sent each show the rows the API
// has, with their status icons; Waiting its queue positions and a ticking waited time; closed rows
// offer no Transfer and say why; History's agent, date and customer filters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  assertBeside,
  clickWidget,
  hashOf,
  openSection,
  replaceText,
  startLoggedInConsole,
  testState,
  waitForState,
} from './helpers.mjs';

let running;
let server;
let browser;
let token;

before(async () => {
  running = await startLoggedInConsole({ timezoneId: 'UTC' });
  ({ server, browser, token } = running);
});

after(async () => {
  await running?.stop();
});

const ids = (rows) => rows.map((row) => row.id);
const settled = (s) => s.table && !s.table.loading;
// The API's page for what the table asked.
const apiPage = (table, query = '') =>
  apiGet(server.url, token, `/api/tables/${table}?page=1&page_size=10${query}`);

// Opens a section and checks its first page against the API: ids in order, the columns, and
// what each status cell says.
async function checkSection(id, table, route, statusLabels) {
  const { page } = browser;
  const state = await openSection(page, id);
  assert.equal(hashOf(page), `#${route}`);
  const api = await apiPage(table);
  assert.ok(api.total > 0, `demo data has ${table} rows`);
  assert.equal(state.table.name, table);
  assert.equal(state.table.total, api.total);
  assert.deepEqual(ids(state.table.rows), ids(api.rows));
  assert.deepEqual(state.table.columns, api.columns.map((c) => c.key));
  for (const row of api.rows) {
    const cells = state.table.cells[String(row.id)];
    assert.ok(cells, `row ${row.id} is drawn`);
    assert.equal(cells.customer, row.customer);
    if (statusLabels) assert.equal(cells.status, statusLabels[row.status], `status of row ${row.id}`);
  }
  assert.ok(state.widgets['table.download'], 'Download Excel is drawn');
  assert.ok(state.widgets['table.page_size'], 'the page-size selector is drawn');
  return { state, api };
}

test('Unmanaged shows the bot\'s conversations with their window icon', async () => {
  const { state, api } = await checkSection('unmanaged', 'unmanaged', '/unmanaged',
    { window_open: 'Window open', closed: 'Closed' });
  for (const row of api.rows) {
    assert.ok(state.widgets[`table.row.${row.id}.transfer`], 'Transfer on every row');
    assert.ok(state.widgets[`table.row.${row.id}.info`], 'Info on every row');
  }
  assert.deepEqual(browser.problems, []);
});

test('a closed unmanaged conversation offers no Transfer and says why', async () => {
  const { page } = browser;
  // The closed ones are the oldest: on the last page.
  await clickWidget(page, 'table.last');
  const state = await waitForState(page, 'the last page', (s) =>
    settled(s) && s.table.page > 1 && s.table.rows.some((row) => row.status === 'closed'));
  const closed = state.table.rows.find((row) => row.status === 'closed');
  assert.ok(closed, 'the demo has a closed unmanaged conversation');
  assert.equal(closed.can_transfer, false);
  assert.ok(closed.transfer_refusal, 'the row says why');
  const rect = state.widgets[`table.row.${closed.id}.transfer`];
  await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
  const hovered = await waitForState(page, 'the reason as a tooltip', (s) => s.tooltip !== null);
  assert.equal(hovered.tooltip, closed.transfer_refusal);
  // A click does nothing.
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await page.waitForTimeout(300);
  assert.equal((await testState(page)).dialog, null);
  await clickWidget(page, 'table.first');
  await waitForState(page, 'the first page', (s) => settled(s) && s.table.page === 1);
});

test('Waiting shows the queue: status, position and a waited time that ticks', async () => {
  const { page } = browser;
  const { state, api } = await checkSection('waiting', 'waiting', '/waiting',
    { assigned: 'Assigned', agent_queue: 'Agent\'s queue', waitlist: 'Waitlist' });
  const statuses = new Set(api.rows.map((row) => row.status));
  assert.ok(statuses.size >= 2, `the first page mixes statuses: ${[...statuses]}`);
  for (const row of api.rows) {
    // An assigned conversation is out of the queue: no position.
    assert.equal(state.table.cells[String(row.id)].position, row.position === null ? '' : String(row.position));
  }
  assert.ok(api.rows.some((row) => row.position === 1), 'the head of a queue is on the first page');
  // The waited cell counts on by itself, without a refetch.
  const row = api.rows[0];
  const first = state.table.cells[String(row.id)].waited;
  const fetches = state.table.fetches;
  const later = await waitForState(page, 'the waited time to tick', (s) =>
    s.table.cells[String(row.id)].waited !== first, 5000);
  assert.equal(later.table.fetches, fetches, 'no page was fetched for the clock');
});

test('Waiting\'s skillset filter shows that skillset\'s queue', async () => {
  const { page } = browser;
  const all = await apiGet(server.url, token, '/api/tables/waiting?page=1&page_size=100');
  const skillset = all.rows[0].skillset;
  await replaceText(page, 'waiting.skillset', skillset);
  await clickWidget(page, 'waiting.search');
  // The filter shows in the state a frame before its page arrives: wait for the rows too.
  const state = await waitForState(page, 'the filtered queue', (s) =>
    settled(s) && s.table.filters.skillset === skillset && s.table.rows.length > 0 &&
    s.table.rows.every((r) => r.skillset === skillset));
  const api = await apiPage('waiting', `&skillset=${encodeURIComponent(skillset)}`);
  assert.deepEqual(ids(state.table.rows), ids(api.rows));
  for (const row of state.table.rows) assert.equal(row.skillset, skillset);
  await replaceText(page, 'waiting.skillset', '');
  await clickWidget(page, 'waiting.search');
  await waitForState(page, 'the whole queue', (s) => settled(s) && s.table.filters.skillset === undefined);
});

test('Conversation history shows closed conversations', async () => {
  await checkSection('history', 'history', '/history');
});

test('History filters by a picked agent, a date range and a customer', async () => {
  const { page } = browser;
  const team = await apiGet(server.url, token, '/api/team');
  const newest = (await apiPage('history')).rows[0];
  const agent = team.agents.find((a) => a.name === newest.agent);
  assert.ok(agent, `the agent of the newest closed conversation (${newest.agent})`);

  await clickWidget(page, 'history.agent.toggle');
  await clickWidget(page, `history.agent.option.${agent.id}`);
  const day = new Date(newest.closed_at * 1000).toISOString().slice(0, 10);
  await replaceText(page, 'history.from', day);
  await replaceText(page, 'history.to', day);
  const asked = page.waitForRequest((request) => /\/api\/tables\/history\?/.test(request.url()));
  await clickWidget(page, 'history.search');
  const params = new URL((await asked).url()).searchParams;
  assert.equal(params.get('agent_id'), String(agent.id));
  assert.equal(params.get('from'), day);
  assert.equal(params.get('to'), day);
  assert.equal(params.get('page'), '1');

  const query = `&agent_id=${agent.id}&from=${day}&to=${day}&time_zone=UTC`;
  const api = await apiPage('history', query);
  assert.ok(api.total > 0 && api.rows.some((row) => row.id === newest.id));
  const state = await waitForState(page, 'the filtered history', (s) =>
    settled(s) && s.table.filters.agent_id === String(agent.id) && s.table.total === api.total &&
    s.table.rows.every((r) => r.agent === agent.name));
  assert.deepEqual(ids(state.table.rows), ids(api.rows));
  for (const row of state.table.rows) assert.equal(row.agent, agent.name);

  // The customer's phone narrows it to that customer (typed: digits are what a keyboard types
  // everywhere).
  await replaceText(page, 'history.customer', newest.phone);
  await clickWidget(page, 'history.search');
  const byCustomer = await waitForState(page, 'the customer filter', (s) =>
    settled(s) && s.table.filters.customer === newest.phone);
  assert.ok(byCustomer.table.rows.some((row) => row.id === newest.id));
  for (const row of byCustomer.table.rows) assert.equal(row.customer, newest.customer);
});

test('History refuses a date range that ends before it starts', async () => {
  const { page } = browser;
  const before = await testState(page);
  await replaceText(page, 'history.from', '2026-03-10');
  await replaceText(page, 'history.to', '2026-03-01');
  await clickWidget(page, 'history.search');
  const state = await waitForState(page, 'the error under To', (s) => s.widgets['history.to.error']);
  assertBeside(state.widgets, 'history.to', 'history.to.error');
  assert.deepEqual(state.table.filters, before.table.filters, 'the filters were not applied');
});

test('Message template sent shows the unanswered templates', async () => {
  const { state, api } = await checkSection('templates_sent', 'templates_sent', '/templates-sent');
  for (const row of api.rows) {
    assert.equal(state.table.cells[String(row.id)].template, row.template);
  }
  assert.deepEqual(browser.problems, []);
});
