// Campaign delivery in Outbound history, against the real server wired to the Meta simulator, in a
// browser whose clock is India's (UTC+5:30, so a local time is never the server's UTC): a
// customer's answer counts in the Replied column and the View's funnel; Retry failed on a campaign
// with retryable failures (the simulator's own daily limit: 131048) and one that is not
// (unreachable: 131026) opens the wizard's Review on the retryable ones, says what was held back,
// survives a reload, and Confirm makes the "(retry)" campaign; with nothing retryable the View
// shows the server's reason; a campaign paused by the daily messaging limit (Meta's
// business_capability_update) says until when and why, in the table and in the View, and can be
// cancelled. The pause comes last: the limit stays for the rest of the server's life.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { confirmOrderCampaign } from './campaign_helpers.mjs';
import {
  apiGet,
  apiPost,
  clickWidget,
  startLoggedInConsole,
  waitForState,
} from './helpers.mjs';

const TIME_ZONE = 'Asia/Kolkata';

let running;
let page;
let token;
let baseUrl;
let simUrl;

before(async () => {
  running = await startLoggedInConsole({
    simulated: true,
    simArgs: ['--status-delay-ms', '100'],
    timezoneId: TIME_ZONE,
  });
  ({ page, token } = running);
  baseUrl = running.server.url;
  simUrl = running.server.simUrl;
});

after(async () => {
  await running?.stop();
});

async function simPost(path, body) {
  const response = await fetch(`${simUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.text()}`);
}

async function apiCampaign(id) {
  const table = await apiGet(baseUrl, token, '/api/tables/campaigns?page_size=100');
  return table.rows.find((r) => r.id === id);
}

// Resolves with the campaign's history row once `predicate(row)` holds.
async function campaignWhen(id, what, predicate, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let row;
  while (Date.now() < deadline) {
    row = await apiCampaign(id);
    if (row && predicate(row)) return row;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`campaign ${id} never ${what}: ${JSON.stringify(row)}`);
}

const historyRow = (s, id) => s.table?.name === 'campaigns' ? s.table.rows.find((r) => r.id === id) : undefined;

// Outbound history with the campaign's row drawn.
async function openHistory(id) {
  await clickWidget(page, 'menu.campaigns_history');
  return waitForState(page, 'the campaign in the history', (s) => s.section === 'campaigns_history' &&
    s.dialog === null && historyRow(s, id) && s.widgets[`table.row.${id}.view`], 20000);
}

async function openView(id) {
  await clickWidget(page, `table.row.${id}.view`);
  return waitForState(page, 'the View', (s) => s.dialog === 'campaign_view' && s.campaign_view.campaign_id === id);
}

// An epoch time as the UI writes a time soon to come, on India's clock: "14:30" today,
// "tomorrow 14:30", else "2026-03-05 14:30".
function localClock(epochSeconds) {
  const parts = (seconds) => {
    const list = new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(seconds * 1000));
    const get = (type) => list.find((p) => p.type === type).value;
    return { date: `${get('year')}-${get('month')}-${get('day')}`, clock: `${get('hour')}:${get('minute')}` };
  };
  const at = parts(epochSeconds);
  const now = Date.now() / 1000;
  if (at.date === parts(now).date) return at.clock;
  if (at.date === parts(now + 86400).date) return `tomorrow ${at.clock}`; // India has no DST
  return `${at.date} ${at.clock}`;
}

test('a customer\'s answer counts in the Replied column and as the View\'s replied stage', async () => {
  const phones = ['+34622500001', '+34622500002', '+34622500003'];
  const campaign = await confirmOrderCampaign(baseUrl, token, 'Replies', phones);
  await campaignWhen(campaign.id, 'delivered to all', (r) => r.status === 'completed' && r.delivered === 3);
  // The first recipient writes back within the reply window.
  await running.server.inbound('34622500001', 'Gracias, ¿cuándo llega?', 'Ana');
  const api = await campaignWhen(campaign.id, 'replied', (r) => r.replied === 1);

  let state = await openHistory(campaign.id);
  assert.ok(state.table.columns.includes('replied'), JSON.stringify(state.table.columns));
  state = await waitForState(page, 'Replied 1 in the table',
    (s) => s.table.cells[String(campaign.id)]?.replied === '1');
  assert.equal(historyRow(state, campaign.id).replied, api.replied);

  state = await openView(campaign.id);
  state = await waitForState(page, 'the funnel with the reply', (s) => s.campaign_view.funnel.replied === 1 &&
    s.widgets['campaign_view.funnel.replied']);
  assert.equal(state.campaign_view.funnel.percent.replied, 100 / 3);
  assert.equal(state.campaign_view.retry.refusal, 'No message of this campaign failed.');
  assert.equal(state.campaign_view.pause, null);
  // The recipients table has the server's replied_at column: a time for the one who answered.
  state = await waitForState(page, 'the recipients', (s) => s.table?.name === 'campaign_recipients' &&
    s.table.rows.length === 3);
  assert.ok(state.table.columns.includes('replied_at'), JSON.stringify(state.table.columns));
  const replied = state.table.rows.filter((r) => r.replied_at !== null).map((r) => r.phone);
  assert.deepEqual(replied, ['+34622500001']);
  await clickWidget(page, 'campaign_view.close');
  await waitForState(page, 'the View closed', (s) => s.dialog === null);
});

test('Retry failed opens the wizard\'s Review on the retryable failures, and Confirm makes the (retry) campaign', async () => {
  // The simulator's own daily limit of 1 customer (it has reached some already; the server is not
  // told): its recipients fail with 131048, retryable; 600003 is not on WhatsApp (131026), not.
  await simPost('/_sim/config', { daily_limit: 1, unreachable_numbers: ['34622600003'] });
  const phones = ['+34622600001', '+34622600002', '+34622600003'];
  const campaign = await confirmOrderCampaign(baseUrl, token, 'Retry me', phones);
  const ended = await campaignWhen(campaign.id, 'ended with its failures',
    (r) => r.status === 'completed' && r.sent + r.failed === 3 && r.failed >= 2);
  const retryable = ended.failed - 1;

  await openHistory(campaign.id);
  let state = await openView(campaign.id);
  state = await waitForState(page, 'Retry failed offered', (s) => s.campaign_view.retry.refusal === null &&
    s.campaign_view.funnel.failed === ended.failed);
  await clickWidget(page, 'campaign_view.retry');
  state = await waitForState(page, 'the wizard at Review', (s) => s.section === 'campaigns_new' &&
    s.campaign?.open && s.campaign.step === 'review' && s.campaign.review?.review !== null &&
    !s.campaign.review.loading, 20000);
  assert.equal(state.dialog, null, 'the View is closed');
  assert.equal(state.campaign.draft.settings.name, 'Retry me (retry)');
  assert.equal(state.campaign.review.review.messages, retryable);
  assert.equal(state.campaign.review.review.rejected, 0);
  assert.equal(state.campaign.retry.of, campaign.id);
  assert.equal(state.campaign.retry.recipients, retryable);
  assert.equal(state.campaign.retry.held_back.length, 1);
  assert.equal(state.campaign.retry.held_back[0].code, 131026);
  assert.equal(state.campaign.retry.held_back[0].count, 1);
  assert.ok(state.widgets['campaign.review.retry'] && state.widgets['campaign.review.held_back'],
    'the retry and what it held back are drawn');
  state = await waitForState(page, 'the messages to retry', (s) => s.table?.name === 'draft_messages' &&
    s.table.total === retryable && s.table.rows.length === retryable);
  assert.ok(state.table.rows.every((r) => r.phone !== '+34622600003'), 'the unreachable one is held back');

  // A reload reopens the same draft at Review, still saying what was held back.
  const draftId = state.campaign.draft_id;
  await page.reload();
  await waitForState(page, 'the UI after the reload', (s) => s.ready);
  state = await waitForState(page, 'the wizard reopened at Review', (s) => s.campaign?.open &&
    s.campaign.draft_id === draftId && s.campaign.step === 'review' && s.campaign.review?.review !== null &&
    !s.campaign.review.loading, 20000);
  assert.equal(state.campaign.retry?.held_back?.[0]?.code, 131026);

  // Confirm: the retry is a campaign of its own, tied to the first.
  await simPost('/_sim/config', { daily_limit: 0 });
  await clickWidget(page, 'campaign.confirm');
  state = await waitForState(page, 'the retry confirmed', (s) => !s.campaign.open &&
    s.campaign.campaign?.name === 'Retry me (retry)', 20000);
  const retry = await campaignWhen(state.campaign.campaign.id, 'listed', () => true);
  assert.equal(retry.retry_of, campaign.id);
  assert.equal(retry.recipients, retryable);
  assert.ok(state.toasts.some((t) => t.kind === 'info' && t.text.startsWith('Campaign Retry me (retry) started')),
    JSON.stringify(state.toasts));
});

test('Retry failed with nothing that may go again shows the server\'s reason in the View', async () => {
  await simPost('/_sim/config', { unreachable_numbers: ['34622700001', '34622700002'] });
  const campaign = await confirmOrderCampaign(baseUrl, token, 'Unreachable', ['+34622700001', '+34622700002']);
  await campaignWhen(campaign.id, 'failed', (r) => r.status === 'completed' && r.failed === 2);
  await openHistory(campaign.id);
  await openView(campaign.id);
  await waitForState(page, 'Retry failed offered', (s) => s.campaign_view.retry.refusal === null);
  await clickWidget(page, 'campaign_view.retry');
  const state = await waitForState(page, 'the refusal', (s) => s.campaign_view?.retry.error !== null &&
    !s.campaign_view.retry.loading);
  assert.equal(state.dialog, 'campaign_view', 'the View stays');
  assert.equal(state.section, 'campaigns_history');
  assert.match(state.campaign_view.retry.error,
    /^Not retried: no failure of this campaign can be sent again now: 2 for Meta will not deliver it if sent again \(131026\)$/);
  assert.ok(state.widgets['campaign_view.retry_error'], 'the reason is drawn');
  await clickWidget(page, 'campaign_view.close');
  await waitForState(page, 'the View closed', (s) => s.dialog === null);
});

test('a campaign paused by the daily messaging limit says until when and why, and can be cancelled', async () => {
  // Meta lowers the limit to 1 customer a day; this server's templates reached more already.
  await simPost('/_sim/capability', { max_daily_conversations_per_business: 1 });
  const campaign = await confirmOrderCampaign(baseUrl, token, 'Held back', ['+34622800001', '+34622800002']);
  const paused = await campaignWhen(campaign.id, 'paused', (r) => r.status === 'paused' && r.resume_at !== null);
  assert.match(paused.pause_reason, /daily messaging limit of 1 customers/);
  const label = `Paused until ${localClock(paused.resume_at)}`;
  const sentence = `${label}: ${paused.pause_reason}.`;

  let state = await openHistory(campaign.id);
  state = await waitForState(page, 'the paused label', (s) => s.table.cells[String(campaign.id)]?.status === label);
  // Its tooltip says why.
  const rect = state.widgets[`table.cell.${campaign.id}.status`];
  assert.ok(rect, 'the paused status cell is drawn');
  await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
  state = await waitForState(page, 'the tooltip', (s) => s.tooltip === sentence);

  state = await openView(campaign.id);
  assert.equal(state.campaign_view.pause, sentence);
  assert.ok(state.widgets['campaign_view.pause'], 'the pause is drawn in the View');
  assert.equal(state.campaign_view.retry.refusal, 'Failed messages can be retried once the campaign has ended.');
  await clickWidget(page, 'campaign_view.close');
  await waitForState(page, 'the View closed', (s) => s.dialog === null);

  // A paused campaign can still be cancelled.
  await clickWidget(page, `table.row.${campaign.id}.cancel`);
  await waitForState(page, 'the question', (s) => s.dialog === 'campaign_cancel');
  await clickWidget(page, 'outbound_history.cancel_dialog.confirm');
  state = await waitForState(page, 'cancelled', (s) => s.dialog === null &&
    historyRow(s, campaign.id)?.status === 'cancelled');
  assert.equal(state.table.cells[String(campaign.id)].status, 'Cancelled');
  assert.equal((await apiCampaign(campaign.id)).status, 'cancelled');
  const stillThere = await apiPost(baseUrl, token, `/api/campaigns/${campaign.id}/cancel`, {});
  assert.equal(stillThere.status, 409);
});
