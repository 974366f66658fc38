// Transfers through the dialog against the real server: to a skillset immediately from
// Unmanaged, to a user exclusively from Waiting, and the warning for a skillset with no agent
// logged in. Every move is checked through the API, not only on screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  apiLogin,
  apiPost,
  clickWidget,
  launchBrowser,
  logInThroughUi,
  openApp,
  openSection,
  startServer,
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
  await waitForState(browser.page, 'the menu', (s) => s.screen === 'menu');
});

after(async () => {
  await browser?.context.close();
  await server?.stop();
});

const conversation = async (id) => (await apiGet(server.url, token, `/api/conversations/${id}`)).conversation;

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
  const skillset = targets.skillsets.find((s) => s.ready_agents > 0);
  assert.ok(skillset, 'a skillset with a ready agent');

  let dialog = await openTransfer(page, row);
  assert.equal(dialog.transfer.to, 'skillset');
  assert.equal(dialog.transfer.skillsets, targets.skillsets.length);
  await clickWidget(page, `transfer.skillset.${skillset.id}`);
  await clickWidget(page, 'transfer.mode.immediate');
  dialog = await waitForState(page, 'the choice', (s) =>
    s.transfer.target_id === skillset.id && s.transfer.mode === 'immediate');
  assert.equal(dialog.widgets['transfer.no_agent'], undefined, 'no warning: agents are logged in');
  await clickWidget(page, 'transfer.submit');
  dialog = await waitForState(page, 'the transfer done', (s) => s.transfer?.done || s.transfer?.error);
  assert.equal(dialog.transfer.error, null);

  const after = await conversation(row.id);
  assert.notEqual(after.state, 'bot', 'it left the bot');
  assert.equal(after.skillset?.id, skillset.id);
  assert.equal(after.transfers.at(-1).mode, 'immediate');
  assert.equal(after.transfers.at(-1).to_skillset, skillset.name);
  // The table follows (the conversation is not unmanaged any more) while the dialog stays open.
  const moved = await waitForState(page, 'the row to leave Unmanaged', (s) =>
    !s.table.rows.some((r) => r.id === row.id));
  assert.equal(moved.dialog, 'transfer');
  await clickWidget(page, 'transfer.close');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);
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
  await clickWidget(page, 'transfer.submit');
  const dialog = await waitForState(page, 'the transfer done', (s) => s.transfer?.done || s.transfer?.error);
  assert.equal(dialog.transfer.error, null);

  const after = await conversation(row.id);
  const last = after.transfers.at(-1);
  assert.equal(last.mode, 'exclusive');
  assert.equal(last.to_user, user.name);
  assert.ok(['waiting', 'active'].includes(after.state));
  assert.equal(after.agent?.id ?? user.id, user.id, 'nobody else has it');
  await clickWidget(page, 'transfer.close');
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
  await clickWidget(page, 'transfer.submit');
  const dialog = await waitForState(page, 'the transfer done', (s) => s.transfer?.done || s.transfer?.error);
  assert.equal(dialog.transfer.error, null);
  assert.match(dialog.transfer.warning, /Nobody Here/);
  assert.equal((await conversation(row.id)).skillset?.id, skillsetId);
  await clickWidget(page, 'transfer.close');
  assert.deepEqual(problems, []);
});
