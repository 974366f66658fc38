// New outbound campaign from customers through the real UI: a name already used is refused next
// to the field, customers added one by one through the search picker and all at once with Add
// all (server-side), a number deleted after a question, variables bound to a customer field and
// to typed text, the review's tabs with their counts, and Confirm — checked through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  assertBeside,
  clickWidget,
  replaceText,
  startLoggedInConsole,
  testState,
  waitForState,
} from './helpers.mjs';
import { apiStatus, chooseSource, openTemplates, startWizard, templateRow } from './campaign_helpers.mjs';

let running;
let server;
let page;
let problems;
let token;

before(async () => {
  running = await startLoggedInConsole({ simulated: true });
  ({ server, page, token } = running);
  ({ problems } = running.browser);
});

after(async () => {
  await running?.stop();
});

test('a customers campaign: picker, Add all, delete, variables, review tabs, confirm', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  const name = `Summer customers ${Date.now()}`;
  state = await startWizard(page, summer.id, 'customers', name, { includeActive: true });
  assert.equal(state.campaign.draft.settings.include_active_conversations, true, 'the switch was saved');
  const draftId = state.campaign.draft_id;
  assert.equal(state.table?.name, 'draft_recipients');
  assert.ok(state.widgets['campaign.customers.add']);

  // One customer through the picker, found by phone.
  const everyone = (await apiGet(server.url, token, '/api/customers?search=&limit=20')).customers;
  const first = everyone.find((c) => !c.opted_out) ?? everyone[0];
  await clickWidget(page, 'campaign.customers.add');
  await waitForState(page, 'the picker', (s) => s.dialog === 'campaign_picker');
  await clickWidget(page, 'campaign.picker.search');
  await page.keyboard.type(first.phone.replace('+', ''));
  state = await waitForState(page, 'the customer found', (s) =>
    s.campaign.customers.picker.customers.some((c) => c.id === first.id) && s.widgets[`campaign.picker.customer.${first.id}.add`]);
  await clickWidget(page, `campaign.picker.customer.${first.id}.add`);
  state = await waitForState(page, 'one recipient', (s) => s.campaign.draft.recipients === 1);
  assert.match(state.campaign.customers.picker.message, /Added 1 customer/);

  // Add all customers matching a first name, added by the server.
  const firstName = first.name.split(' ')[0];
  const matching = (await apiGet(server.url, token, `/api/customers?search=${encodeURIComponent(firstName)}&limit=100`)).customers;
  await replaceText(page, 'campaign.picker.search', firstName);
  await waitForState(page, 'the search typed', (s) => s.campaign.customers.picker.search === firstName);
  await clickWidget(page, 'campaign.picker.add_all');
  const expected = new Set([first.id, ...matching.map((c) => c.id)]).size;
  state = await waitForState(page, 'Add all done', (s) => s.campaign.draft.recipients === expected && !s.campaign.customers.picker.adding);
  await clickWidget(page, 'campaign.picker.close');
  state = await waitForState(page, 'the table of recipients', (s) => s.dialog === null &&
    s.table?.name === 'draft_recipients' && !s.table.loading && s.table.total === expected);

  // Delete one number: asked first.
  const removed = state.table.rows[state.table.rows.length - 1];
  await clickWidget(page, `table.row.${removed.id}.remove`);
  await waitForState(page, 'the delete question', (s) => s.dialog === 'campaign_remove');
  await clickWidget(page, 'campaign.remove_dialog.delete');
  state = await waitForState(page, 'one fewer', (s) => s.campaign.draft.recipients === expected - 1 &&
    !s.table.loading && s.table.total === expected - 1);
  assert.ok(!state.table.rows.some((r) => r.id === removed.id));

  // Variables: {{1}} from the customer's name, {{2}} typed.
  await clickWidget(page, 'campaign.next');
  await waitForState(page, 'Variables', (s) => s.campaign.step === 'variables' && s.campaign.variables.samples.length > 0);
  await chooseSource(page, '1', 'name');
  await chooseSource(page, '2', 'text');
  await clickWidget(page, 'campaign.variables.2.text');
  await page.keyboard.type('25%');
  const sampleName = (await waitForState(page, 'the sample', (s) => s.campaign.variables.samples.length > 0))
    .campaign.variables.samples[0].fields.name;
  state = await waitForState(page, 'the preview with the name and the text', (s) =>
    s.campaign.variables.preview.body === `Hi ${sampleName}, enjoy 25% off everything until Sunday.`);

  // Review: the tabs count every recipient once.
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'the review', (s) => s.campaign.step === 'review' && s.campaign.review.review &&
    s.table?.name === 'draft_messages' && !s.table.loading, 30000);
  const review = state.campaign.review.review;
  assert.equal(review.messages + review.rejected, expected - 1);
  assert.ok(review.messages > 0, `something to send: ${JSON.stringify(review)}`);
  assert.equal(state.table.total, review.messages);
  await clickWidget(page, 'campaign.review.tab.rejected');
  state = await waitForState(page, 'the rejected tab', (s) => s.table?.name === 'draft_rejected' && !s.table.loading);
  assert.equal(state.table.total, review.rejected);
  await clickWidget(page, 'campaign.review.tab.messages');
  await waitForState(page, 'the messages tab', (s) => s.table?.name === 'draft_messages');

  await clickWidget(page, 'campaign.confirm');
  state = await waitForState(page, 'confirmed', (s) => !s.campaign.open && s.campaign.campaign, 30000)
    .catch(async (error) => {
      const s = await testState(page);
      console.log(JSON.stringify({ review: s.campaign.review, error: s.campaign.error, toasts: s.toasts, widgets: Object.keys(s.widgets).filter((w) => w.startsWith('campaign')) }));
      throw error;
    });
  assert.equal(state.campaign.campaign.name, name);
  assert.equal(state.campaign.campaign.recipients, review.messages);
  assert.equal((await apiStatus(server.url, token, `/api/campaign-drafts/${draftId}`)).status, 404);

  // The same name again: refused next to the name field.
  state = await openTemplates(page, server.url, token);
  await clickWidget(page, `table.row.${summer.id}.customers`);
  await waitForState(page, 'a new wizard', (s) => s.campaign?.open && s.campaign.step === 'settings');
  await replaceText(page, 'campaign.settings.name', name.toUpperCase());
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'the name refused', (s) => s.campaign.settings.errors.name &&
    s.widgets['campaign.settings.name.error']);
  assert.equal(state.campaign.step, 'settings');
  assertBeside(state.widgets, 'campaign.settings.name', 'campaign.settings.name.error');
  await clickWidget(page, 'campaign.cancel');
  await clickWidget(page, 'campaign.cancel_dialog.discard');
  await waitForState(page, 'the wizard closed', (s) => !s.campaign.open);
  assert.deepEqual(problems, []);
});

test('Scheduled takes a date from the calendar and a time, checked as typed', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  await clickWidget(page, `table.row.${summer.id}.customers`);
  await waitForState(page, 'the wizard', (s) => s.campaign?.open && s.campaign.step === 'settings');
  await replaceText(page, 'campaign.settings.name', `Scheduled ${Date.now()}`);
  await clickWidget(page, 'campaign.settings.mode.scheduled');
  await waitForState(page, 'the date and time fields', (s) => s.widgets['campaign.settings.date'] && s.widgets['campaign.settings.time']);
  await clickWidget(page, 'campaign.settings.time');
  await page.keyboard.type('25:99');
  await waitForState(page, 'the time refused as typed', (s) => s.widgets['campaign.settings.scheduled_time.error']);
  await replaceText(page, 'campaign.settings.time', '10:30');
  await clickWidget(page, 'campaign.settings.date.calendar');
  await clickWidget(page, 'campaign.settings.date.next_month');
  // The days move with the month: their rectangles are read once the new month is drawn.
  const turned = await testState(page);
  await waitForState(page, 'the next month drawn', (s) => s.frame > turned.frame + 3);
  await clickWidget(page, 'campaign.settings.date.day.15');
  state = await waitForState(page, 'a date picked', (s) => /^\d{4}-\d{2}-15$/.test(s.campaign.settings.scheduled_date));
  assert.equal(state.campaign.settings.scheduled_time, '10:30');
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'Recipients', (s) => s.campaign.step === 'recipients');
  assert.equal(state.campaign.draft.settings.mode, 'scheduled');
  assert.equal(state.campaign.draft.settings.scheduled_time, '10:30');
  assert.ok(state.campaign.draft.settings.time_zone.length > 0, 'the browser\'s time zone was sent');
  await clickWidget(page, 'campaign.cancel');
  await clickWidget(page, 'campaign.cancel_dialog.discard');
  await waitForState(page, 'the wizard closed', (s) => !s.campaign.open);
});
