// Info through the real UI against the server wired to the Meta simulator and an SMTP sink: the
// overview and the newest page of the transcript; older pages fetched as the reader scrolls up
// through a long conversation, frames staying quick; a closed conversation's close details; and
// Send via e-mail: the address checked, a message that arrives, a failure that is shown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  assertBeside,
  clickWidget,
  openSection,
  replaceText,
  startLoggedInConsole,
  startSmtpSink,
  testState,
  waitForState,
} from './helpers.mjs';

const EXTRA_MESSAGES = 260; // more than one page (200) of the transcript

let sink;
let running;
let center;
let browser;
let token;
let longRow; // the Active row whose conversation got the extra messages

before(async () => {
  sink = await startSmtpSink();
  running = await startLoggedInConsole({
    simulated: true,
    extraArgs: ['--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port), '--smtp-security', 'none',
      '--smtp-from', 'console@waconsole.local'],
  });
  ({ server: center, browser, token } = running);
  const active = await apiGet(center.url, token, '/api/tables/active?page=1&page_size=10');
  longRow = active.rows[0];
  // The customer writes a lot, a few messages at a time.
  const from = String(longRow.phone).replace(/\D/g, '');
  for (let sent = 0; sent < EXTRA_MESSAGES; sent += 10) {
    await Promise.all(Array.from({ length: 10 }, (_, i) => center.inbound(from, `message ${sent + i + 1}`)));
  }
  for (const deadline = Date.now() + 20000; ;) {
    const info = await apiGet(center.url, token, `/api/conversations/${longRow.id}`);
    if (info.conversation.message_count >= EXTRA_MESSAGES) break;
    assert.ok(Date.now() < deadline, 'the server took the messages');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

after(async () => {
  await running?.stop();
  await sink?.close();
});

test('Info opens with the overview and the newest page of the transcript', async () => {
  const { page, problems } = browser;
  await openSection(page, 'active');
  await clickWidget(page, `table.row.${longRow.id}.info`);
  const api = (await apiGet(center.url, token, `/api/conversations/${longRow.id}`)).conversation;
  const newest = await apiGet(center.url, token, `/api/conversations/${longRow.id}/messages?limit=200`);
  const state = await waitForState(page, 'the overview and transcript', (s) =>
    s.dialog === 'info' && s.info.conversation && s.info.transcript.loaded > 0 && s.info.shown.Customer);
  assert.equal(state.info.conversation_id, longRow.id);
  assert.ok(state.info.shown.Customer.startsWith(api.customer.name));
  assert.equal(state.info.shown.Agent, api.agent.name);
  assert.equal(state.info.shown.Skillset, api.skillset.name);
  assert.equal(state.info.shown.State, 'Active');
  assert.equal(state.info.shown.Messages, api.message_count.toLocaleString('en-US'));
  assert.equal(state.info.transcript.loaded, newest.messages.length);
  assert.equal(state.info.transcript.last_id, newest.messages.at(-1).id);
  assert.equal(state.info.transcript.first_id, newest.messages[0].id);
  assert.equal(state.info.transcript.more, true, 'older messages are there to fetch');
  assert.ok(state.info.transcript.drawn < state.info.transcript.loaded, 'only the visible messages are drawn');
  assert.deepEqual(problems, []);
});

test('scrolling up fetches the older pages until the first message, frames staying quick', async () => {
  const { page } = browser;
  const all = (await apiGet(center.url, token, `/api/conversations/${longRow.id}`)).conversation.message_count;
  let state = await testState(page);
  const rect = state.widgets['info.transcript'];
  await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
  const deadline = Date.now() + 30000;
  while (state.info.transcript.loaded < all || state.info.transcript.scroll_y > 0) {
    assert.ok(Date.now() < deadline, `scrolled to the start: ${JSON.stringify(state.info.transcript)}`);
    await page.mouse.wheel(0, -4000);
    await page.waitForTimeout(60);
    state = await testState(page);
  }
  assert.equal(state.info.transcript.more, false);
  assert.ok(state.info.transcript.pages_fetched >= 2);
  const oldest = await apiGet(center.url, token,
    `/api/conversations/${longRow.id}/messages?before=${state.info.transcript.first_id + 1}&limit=1`);
  assert.equal(oldest.more, false, 'the first message of the conversation is loaded');
  const sorted = [...state.frame_ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  assert.ok(median < 25, `median frame ${median} ms while scrolling`);
});

test('Send via e-mail checks the address in the browser first', async () => {
  const { page } = browser;
  await clickWidget(page, 'info.email');
  await waitForState(page, 'the e-mail form', (s) => s.info.email.open);
  let asked = 0;
  const count = (request) => { if (/\/email$/.test(request.url())) asked += 1; };
  page.on('request', count);
  await replaceText(page, 'info.email.to', 'someone@');
  await clickWidget(page, 'info.email.send');
  const state = await waitForState(page, 'the address error next to the field', (s) =>
    s.info.email.to_error && s.widgets['info.email.to.error']);
  assertBeside(state.widgets, 'info.email.to', 'info.email.to.error');
  await page.waitForTimeout(300);
  page.off('request', count);
  assert.equal(asked, 0, 'nothing was sent');
  assert.equal(sink.messages.length, 0);
});

test('a sent e-mail arrives with the body and the transcript', async () => {
  const { page } = browser;
  await replaceText(page, 'info.email.to', 'supervisor@example.com');
  await clickWidget(page, 'info.email.body');
  await page.keyboard.type('Please look at this one.');
  await clickWidget(page, 'info.email.send');
  const state = await waitForState(page, 'the e-mail sent', (s) =>
    !s.info.email.open && s.toasts.some((t) => /Sent the conversation to supervisor@example.com/.test(t.text)), 20000);
  assert.equal(state.dialog, 'info', 'Info stays open');
  assert.equal(sink.messages.length, 1);
  const mail = sink.messages[0];
  assert.match(mail.to.join(' '), /supervisor@example\.com/);
  assert.match(mail.data, /^To:.*supervisor@example\.com/mi);
  // The text part is base64 (UTF-8 bodies travel safely that way): decode it.
  const [headers, encoded] = mail.data.split('\r\n\r\n');
  assert.match(headers, /Content-Transfer-Encoding: base64/i);
  const text = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8');
  assert.match(text, /Please look at this one\./);
  assert.match(text, new RegExp(`message ${EXTRA_MESSAGES}\\b`), 'the transcript is in it');
});

test('an e-mail the SMTP server does not take is shown as failed', async () => {
  const { page } = browser;
  await sink.close(); // nobody listens any more
  await clickWidget(page, 'info.email');
  await waitForState(page, 'the e-mail form', (s) => s.info.email.open);
  await replaceText(page, 'info.email.to', 'supervisor@example.com');
  await clickWidget(page, 'info.email.send');
  const state = await waitForState(page, 'the failure', (s) => s.info.email.error, 40000);
  assert.ok(state.widgets['info.email.error'], 'shown in the form');
  assert.ok(state.toasts.some((t) => t.kind === 'error' && /was not sent/.test(t.text)));
  assert.equal(state.info.email.open, true, 'the form stays to try again');
  await clickWidget(page, 'info.email.cancel');
  await clickWidget(page, 'info.close');
  await waitForState(page, 'Info closed', (s) => s.dialog === null);
});

test('Info of a closed conversation shows when and why it closed and the licence type', async () => {
  const { page, problems } = browser;
  const state = await openSection(page, 'history');
  const row = state.table.rows[0];
  await clickWidget(page, `table.row.${row.id}.info`);
  const api = (await apiGet(center.url, token, `/api/conversations/${row.id}`)).conversation;
  const info = await waitForState(page, 'the closed overview', (s) => s.info?.shown?.['Close reason']);
  assert.equal(info.info.shown.State, 'Closed');
  assert.equal(info.info.shown['Close reason'], api.close_reason);
  assert.equal(info.info.shown['Licence type'], api.licence_type);
  assert.notEqual(info.info.shown['Closed at'], '—');
  await clickWidget(page, 'info.close');
  assert.deepEqual(problems, []);
});
