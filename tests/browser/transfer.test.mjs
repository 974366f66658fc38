// Transfers through the dialog against the real server: to a skillset immediately from
// Unmanaged, to a user exclusively from Waiting, and the warning for a skillset with no agent
// logged in. Every move is checked through the API, not only on screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  apiPost,
  clickWidget,
  openSection,
  startLoggedInConsole,
  waitForState,
} from './helpers.mjs';

let running;
let server;
let browser;
let token;

before(async () => {
  running = await startLoggedInConsole();
  ({ server, browser, token } = running);
});

after(async () => {
  await running?.stop();
});

// The conversation's row in the server's Waiting table (the demo's queue fits in one page).
async function waitingRow(id) {
  const page = await apiGet(server.url, token, '/api/tables/waiting?page=1&page_size=100');
  return page.rows.find((row) => row.id === id);
}

// Clicks Transfer and waits for the outcome: the dialog closes with a note, or stays to show the
// server's warning or refusal.
async function submitTransfer(page) {
  await clickWidget(page, 'transfer.submit');
  const state = await waitForState(page, 'the transfer\'s outcome', (s) =>
    (s.dialog === null && s.toasts.some((t) => /^Transferred /.test(t.text))) ||
    s.transfer?.done || s.transfer?.error);
  assert.equal(state.transfer?.error ?? null, null, 'the server took the transfer');
  return state;
}

async function openTransfer(page, row) {
  await clickWidget(page, `table.row.${row.id}.transfer`);
  return waitForState(page, 'the transfer dialog with its targets', (s) =>
    s.dialog === 'transfer' && s.transfer.conversation_id === row.id && s.transfer.targets_loaded);
}

test('an unmanaged conversation goes to a skillset at once', async () => {
  const { page, problems } = browser;
  const state = await openSection(page, 'unmanaged');
  const row = state.table.rows.find((r) => r.can_transfer);
  assert.ok(row, 'an unmanaged conversation that can be transferred');
  const targets = await apiGet(server.url, token, '/api/transfer-targets');
  const skillset = targets.skillsets.find((s) => s.ready_agents > 0) ??
    targets.skillsets.find((s) => s.logged_in_agents > 0);
  assert.ok(skillset, 'a skillset with an agent logged in');

  let dialog = await openTransfer(page, row);
  assert.equal(dialog.transfer.to, 'skillset');
  assert.equal(dialog.transfer.skillsets, targets.skillsets.length);
  await clickWidget(page, `transfer.skillset.${skillset.id}`);
  await clickWidget(page, 'transfer.mode.immediate');
  dialog = await waitForState(page, 'the choice', (s) =>
    s.transfer.target_id === skillset.id && s.transfer.mode === 'immediate');
  assert.equal(dialog.widgets['transfer.no_agent'], undefined, 'no warning: agents are logged in');
  await submitTransfer(page);

  // Queued for that skillset; immediate puts it at the head of the queue unless an agent took it.
  const after = await waitingRow(row.id);
  assert.ok(after, 'it is waiting now');
  assert.equal(after.skillset, skillset.name);
  if (after.status === 'waitlist') assert.equal(after.position, 1);
  const unmanaged = await apiGet(server.url, token, '/api/tables/unmanaged?page=1&page_size=100');
  assert.ok(!unmanaged.rows.some((r) => r.id === row.id), 'not unmanaged any more');
  // The table follows: the conversation is not unmanaged any more.
  await waitForState(page, 'the row to leave Unmanaged', (s) => !s.table.rows.some((r) => r.id === row.id));
  assert.deepEqual(problems, []);
});

test('a waiting conversation is reserved for one user', async () => {
  const { page, problems } = browser;
  const state = await openSection(page, 'waiting');
  const row = state.table.rows.find((r) => r.can_transfer && r.status === 'waitlist') ??
    state.table.rows.find((r) => r.can_transfer);
  const targets = await apiGet(server.url, token, '/api/transfer-targets');
  const user = targets.users.find((u) => u.name !== row.agent && u.skillsets.length > 0);

  await openTransfer(page, row);
  await clickWidget(page, 'transfer.to.user');
  await waitForState(page, 'the user list', (s) => s.transfer.to === 'user' && s.widgets[`transfer.user.${user.id}`]);
  await clickWidget(page, `transfer.user.${user.id}`);
  await clickWidget(page, 'transfer.mode.exclusive');
  await waitForState(page, 'the choice', (s) => s.transfer.target_id === user.id && s.transfer.mode === 'exclusive');
  await submitTransfer(page);

  const after = await waitingRow(row.id);
  assert.equal(after.agent, user.name, 'it is that user\'s now');
  assert.ok(['agent_queue', 'assigned'].includes(after.status), after.status);
  // The row now says whose it is.
  const shown = await waitForState(page, 'the row to show the user', (s) => {
    const r = s.table.rows.find((x) => x.id === row.id);
    return r && r.agent === user.name;
  });
  assert.ok(['agent_queue', 'assigned'].includes(shown.table.rows.find((x) => x.id === row.id).status));
  assert.deepEqual(problems, []);
});

test('a skillset with no agent logged in is warned about before and after', async () => {
  const { page, problems } = browser;
  const created = await apiPost(server.url, token, '/api/team/skillsets', { name: 'Nobody Here', menu_digit: null });
  assert.equal(created.status, 201);
  const skillsetId = (created.body.skillset ?? created.body).id;
  const state = await openSection(page, 'waiting');
  const row = state.table.rows.find((r) => r.can_transfer);
  await openTransfer(page, row);
  await waitForState(page, 'the new skillset listed', (s) => s.widgets[`transfer.skillset.${skillsetId}`]);
  await clickWidget(page, `transfer.skillset.${skillsetId}`);
  await waitForState(page, 'the warning before sending', (s) => s.widgets['transfer.no_agent']);
  const dialog = await submitTransfer(page);
  assert.equal(dialog.dialog, 'transfer', 'the dialog stays to show the warning');
  assert.match(dialog.transfer.warning, /Nobody Here/);
  assert.equal((await waitingRow(row.id)).skillset, 'Nobody Here');
  await clickWidget(page, 'transfer.close');
  assert.deepEqual(problems, []);
});
