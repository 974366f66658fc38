// Outbound history against the real server wired to the Meta simulator, sending slowly
// (--meta-mps 2; the simulator reads every message): a campaign confirmed through the API appears in the history table and its sent
// count rises live while it sends, with the selected row kept; View shows the progress and rate,
// then the funnel with the API's counts and the recipients; Export downloads the detail as .xlsx;
// Cancel, asked first, ends a second campaign cancelled (checked through the API).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';

import {
  apiGet,
  apiPost,
  clickWidget,
  downloadTable,
  startLoggedInConsole,
  waitForState,
} from './helpers.mjs';

let running;
let page;
let token;
let baseUrl;

// Messages per second the server sends at: slow enough to watch a campaign send.
const MPS = 2;

before(async () => {
  // Every message is read, its statuses soon after the send: the counts settle once it is sent.
  running = await startLoggedInConsole({
    simulated: true,
    extraArgs: ['--meta-mps', String(MPS)],
    simArgs: ['--read-percent', '100', '--status-delay-ms', '200'],
  });
  ({ page, token } = running);
  baseUrl = running.server.url;
});

after(async () => {
  await running?.stop();
});

// The id of order_update (es_MX) once the catalogue is synced from the simulator.
async function templateId() {
  await apiPost(baseUrl, token, '/api/templates/sync', {});
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const table = await apiGet(baseUrl, token, '/api/tables/campaign_templates?page_size=100');
    const row = table.rows.find((r) => r.name === 'order_update' && r.language === 'es_MX');
    if (row) return row.id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('order_update es_MX never reached the templates table');
}

// Draft, settings, a CSV of `count` numbers starting at `first`, Confirm; resolves with the
// campaign the server answered.
async function confirmCampaign(name, first, count) {
  const draft = await apiPost(baseUrl, token, '/api/campaign-drafts', { template_id: await templateId(), source: 'excel' });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const path = `/api/campaign-drafts/${draft.body.draft.id}`;
  const settings = await apiPost(baseUrl, token, `${path}/settings`, { name });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  let csv = 'phone,Var1,Var2,Button 3 var\n';
  for (let i = 0; i < count; ++i) csv += `+34622${first + i},Ana,P-${i},P\n`;
  const upload = await fetch(`${baseUrl}${path}/upload?file_name=x.csv`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: csv,
  });
  assert.equal(upload.status, 200, await upload.text());
  const confirm = await apiPost(baseUrl, token, `${path}/confirm`, {});
  assert.equal(confirm.status, 201, JSON.stringify(confirm.body));
  return confirm.body.campaign;
}

async function apiCampaign(id) {
  const table = await apiGet(baseUrl, token, '/api/tables/campaigns?page_size=100');
  return table.rows.find((r) => r.id === id);
}

const historyRow = (s, id) => s.table?.name === 'campaigns' ? s.table.rows.find((r) => r.id === id) : undefined;

test('a sending campaign counts up live in the history, and View shows its funnel and Export', async () => {
  const recipients = 20;
  const campaign = await confirmCampaign('Live history', 100001, recipients);
  await clickWidget(page, 'menu.campaigns_history');
  let state = await waitForState(page, 'the campaign in the history',
    (s) => s.section === 'campaigns_history' && historyRow(s, campaign.id), 20000);
  assert.ok(state.widgets['outbound_history.new'], 'New outbound campaign is drawn');
  await clickWidget(page, `table.row.${campaign.id}`);
  await waitForState(page, 'the row selected', (s) => s.table.selected === campaign.id);

  // The sent count rises while the table is on screen, nobody touching it.
  const seen = new Set();
  state = await waitForState(page, 'two different sent counts while sending', (s) => {
    const row = historyRow(s, campaign.id);
    if (row && row.status === 'sending') seen.add(row.sent);
    return seen.size >= 2;
  }, 30000);
  const row = historyRow(state, campaign.id);
  assert.equal(state.table.selected, campaign.id, 'the selection is kept across refreshes');
  assert.equal(state.table.page, 1);
  assert.match(state.table.cells[String(campaign.id)].status, /^Sending \d+ \/ 20$/);
  assert.ok(row.sent > 0 && row.sent < recipients, `part way: ${row.sent}`);
  assert.ok(state.widgets[`table.row.${campaign.id}.cancel`], 'Cancel is offered while it sends');

  // View while it sends: progress and a rate near the server's pace.
  await clickWidget(page, `table.row.${campaign.id}.view`);
  state = await waitForState(page, 'the View with a send rate', (s) => s.dialog === 'campaign_view' &&
    s.campaign_view.rate !== null && s.campaign_view.progress !== null, 20000);
  assert.equal(state.campaign_view.campaign_id, campaign.id);
  assert.ok(state.campaign_view.rate > 0 && state.campaign_view.rate < MPS * 3, `rate ${state.campaign_view.rate}`);
  assert.ok(state.widgets['campaign_view.progress'], 'the progress bar is drawn');
  assert.equal(state.table.name, 'campaign_recipients', 'the View\'s recipients are the table');

  // Finished: the funnel says what the API says (statuses still arrive, so wait for agreement).
  let api;
  state = await waitForState(page, 'the funnel matching the API', async (s) => {
    api = await apiCampaign(campaign.id);
    const funnel = s.campaign_view?.funnel;
    return api.status === 'completed' && api.read === recipients && funnel &&
      ['recipients', 'sent', 'delivered', 'read', 'failed'].every((key) => funnel[key] === api[key]);
  }, 40000);
  assert.equal(state.campaign_view.funnel.recipients, recipients);
  assert.equal(state.campaign_view.funnel.sent + state.campaign_view.funnel.failed + api.unknown, recipients);
  assert.equal(state.campaign_view.funnel.percent.sent, (100 * api.sent) / recipients);
  for (const stage of ['recipients', 'sent', 'delivered', 'read', 'failed']) {
    assert.ok(state.widgets[`campaign_view.funnel.${stage}`], `the ${stage} bar is drawn`);
  }
  // The errors are counted by paging through the recipients once the counts settle.
  state = await waitForState(page, 'the errors counted', (s) => s.campaign_view.errors.complete &&
    !s.campaign_view.errors.counting, 20000);
  const grouped = state.campaign_view.errors.groups.reduce((sum, group) => sum + group.count, 0);
  assert.equal(grouped, api.failed + api.unknown, 'every failed or unknown recipient is in a group');

  state = await waitForState(page, 'the recipients', (s) => s.table?.name === 'campaign_recipients' &&
    s.table.total === recipients && s.table.rows.length === 10);
  assert.deepEqual(state.table.filters, { campaign: String(campaign.id) });
  assert.equal(state.table.rows[0].phone, '+34622100001');
  assert.match(state.table.rows[0].text, /Ana/);

  // Export: the campaign's detail as a real .xlsx.
  const { request, saved } = await downloadTable(page, 'campaign_recipients');
  assert.match(request.url(), new RegExp(`campaign=${campaign.id}`));
  const bytes = fs.readFileSync(saved);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file');
  assert.match(saved, /\.xlsx$/);

  await clickWidget(page, 'campaign_view.close');
  state = await waitForState(page, 'the history again', (s) => s.dialog === null &&
    s.table?.name === 'campaigns' && s.table.cells[String(campaign.id)]?.status === 'Completed');
  assert.equal(state.campaign_view, null);
  assert.equal(state.widgets[`table.row.${campaign.id}.cancel`] !== undefined, true, 'drawn, disabled');
});

test('Cancel asks first and ends a sending campaign cancelled', async () => {
  const campaign = await confirmCampaign('To cancel', 200001, 40);
  await waitForState(page, 'the second campaign in the history', (s) => {
    const row = historyRow(s, campaign.id);
    return row && (row.status === 'queued' || row.status === 'sending');
  }, 20000);
  await clickWidget(page, `table.row.${campaign.id}.cancel`);
  let state = await waitForState(page, 'the question', (s) => s.dialog === 'campaign_cancel');
  assert.equal(state.campaign_cancel.campaign_id, campaign.id);

  // Keep it first: nothing happens.
  await clickWidget(page, 'outbound_history.cancel_dialog.keep');
  await waitForState(page, 'the question gone', (s) => s.dialog === null);
  assert.notEqual((await apiCampaign(campaign.id)).status, 'cancelled');

  await clickWidget(page, `table.row.${campaign.id}.cancel`);
  await waitForState(page, 'the question again', (s) => s.dialog === 'campaign_cancel');
  await clickWidget(page, 'outbound_history.cancel_dialog.confirm');
  state = await waitForState(page, 'the campaign cancelled in the table', (s) => s.dialog === null &&
    historyRow(s, campaign.id)?.status === 'cancelled');
  assert.equal(state.table.cells[String(campaign.id)].status, 'Cancelled');
  assert.ok(state.toasts.some((t) => t.kind === 'info' && t.text.startsWith('Cancelled To cancel')), JSON.stringify(state.toasts));
  const api = await apiCampaign(campaign.id);
  assert.equal(api.status, 'cancelled');
  assert.ok(api.sent < 40, `not all sent: ${api.sent}`);

  // Cancelling again is refused by the server (409); the UI no longer offers it.
  const again = await apiPost(baseUrl, token, `/api/campaigns/${campaign.id}/cancel`, {});
  assert.equal(again.status, 409);
});
