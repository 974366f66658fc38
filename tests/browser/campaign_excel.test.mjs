// New outbound campaign from Excel through the real UI against the real server: the templates
// table (a paused template cannot start, and says why), the sample file downloaded through the
// UI and filled in as a real .xlsx, chosen through the browser's file picker and uploaded, a
// reload that reopens the wizard where it was, the live preview following typed text, the
// review's Messages and Rejected tabs, and Confirm — checked through the API.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  clickWidget,
  downloadTable,
  openApp,
  startLoggedInConsole,
  tempDir,
  waitForState,
} from './helpers.mjs';
import {
  apiStatus,
  chooseSource,
  fillSample,
  openTemplates,
  sampleHeader,
  startWizard,
  templateRow,
} from './campaign_helpers.mjs';

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

test('the templates table offers both wizards and a paused template says why it cannot start', async () => {
  const state = await openTemplates(page, server.url, token);
  assert.deepEqual(state.table.columns.slice(0, 3), ['name', 'language', 'category']);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  assert.equal(summer.can_start, true);
  assert.ok(state.widgets[`table.row.${summer.id}.excel`], 'Send from Excel');
  assert.ok(state.widgets[`table.row.${summer.id}.customers`], 'Send from customers');

  const paused = state.table.rows.find((r) => r.can_start === false);
  if (paused) {
    const name = `table.row.${paused.id}.excel`;
    const rect = state.widgets[name];
    assert.ok(rect, 'the disabled button is drawn');
    await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
    const shown = await waitForState(page, 'the refusal as a tooltip', (s) => s.tooltip === paused.start_refusal);
    assert.ok(shown.tooltip.length > 0);
    await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
    await page.waitForTimeout(300);
    const after = await waitForState(page, 'a frame', (s) => s.frame > shown.frame + 2);
    assert.equal(after.campaign.open, false, 'a paused template opens no wizard');
  }
  assert.deepEqual(problems, []);
});

test('an Excel campaign: sample, upload through the picker, reload, preview, review, confirm', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  const name = `Summer Excel ${Date.now()}`;
  state = await startWizard(page, summer.id, 'excel', name);
  const draftId = state.campaign.draft_id;
  assert.ok(draftId > 0);
  assert.equal(state.campaign.draft.settings.name, name, 'the server kept the settings');
  assert.equal(state.campaign.draft.settings.time_zone !== undefined, true);

  // Download sample file: a real .xlsx with the template's columns.
  const downloaded = page.waitForEvent('download', { timeout: 30000 });
  await clickWidget(page, 'campaign.excel.sample');
  const file = await downloaded;
  const samplePath = path.join(tempDir('sample-download'), file.suggestedFilename());
  await file.saveAs(samplePath);
  assert.match(file.suggestedFilename(), /\.xlsx$/);
  const header = sampleHeader(samplePath);
  assert.deepEqual(header.slice(0, 4), ['phone', 'name', 'Var1', 'Var2']);

  // Filled in: two good rows, a number with letters and a duplicate of the first.
  const xlsx = fillSample(samplePath, [
    ['phone', 'name', 'Var1', 'Var2'],
    ['+34 611 900 001', 'Ana', 'Ana', '20%'],
    ['0034611900002', 'Luis', 'Luis', '15%'],
    ['61190abc', 'Bad', 'Bad', '10%'],
    ['+34611900001', 'Ana again', 'Ana', '20%'],
  ]);
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
  await clickWidget(page, 'campaign.excel.select');
  await (await chooser).setFiles(xlsx);
  state = await waitForState(page, 'the upload taken', (s) => s.campaign.draft?.upload?.rows === 4 &&
    !s.campaign.upload.uploading, 30000);
  assert.equal(state.campaign.draft.upload.file_name, 'recipients.xlsx');
  assert.deepEqual(state.campaign.draft.fields.slice(0, 4), ['phone', 'name', 'Var1', 'Var2']);
  assert.equal(state.campaign.upload.total, fs.statSync(xlsx).size, 'the whole file was sent');
  assert.equal(state.campaign.upload.error, null);
  assert.ok(state.widgets['campaign.excel.result'], 'the result is shown');

  // A reload reopens the wizard at its step with the upload.
  await page.reload();
  await waitForState(page, 'the UI after the reload', (s) => s.ready);
  state = await waitForState(page, 'the wizard reopened', (s) => s.campaign?.open &&
    s.campaign.draft_id === draftId && s.campaign.step === 'recipients', 30000);
  assert.equal(state.campaign.draft.upload.rows, 4);

  // Variables: bound to the file's columns by default; the preview is the first row's message.
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'the preview of the first row', (s) => s.campaign.step === 'variables' &&
    s.campaign.variables.samples.length > 0 && s.campaign.variables.preview.body.includes('Ana'));
  assert.equal(state.campaign.variables.preview.body, 'Hi Ana, enjoy 20% off everything until Sunday.');
  assert.equal(state.campaign.variables.preview.header, 'Summer sale');
  assert.equal(state.campaign.variables.preview.footer, 'Reply STOP to opt out');
  assert.deepEqual(state.campaign.variables.preview.buttons.map((b) => b.text), ['Show me', 'Stop promotions', 'Call us']);
  assert.ok(state.widgets['campaign.preview'], 'the bubble is drawn');
  assert.ok(state.widgets['campaign.preview.body_count']);

  // Typed text for {{2}}: the preview follows each key.
  await chooseSource(page, '2', 'text');
  await clickWidget(page, 'campaign.variables.2.text');
  await page.keyboard.type('3');
  await waitForState(page, 'the preview after one key', (s) => s.campaign.variables.preview.body.includes('enjoy 3 off'));
  await page.keyboard.type('0% extra');
  state = await waitForState(page, 'the preview after typing', (s) =>
    s.campaign.variables.preview.body === 'Hi Ana, enjoy 30% extra off everything until Sunday.');
  assert.equal(state.campaign.variables.preview.body_characters, state.campaign.variables.preview.body.length);

  // Arabic as an input method gives it (no key presses): it reaches the field, and the bubble is
  // drawn by the browser's text engine (joined, right to left), not as missing glyphs. Then it
  // is taken out again, one Backspace per character.
  const arabic = ' ٣٠٪ خصم';
  await page.keyboard.insertText(arabic);
  state = await waitForState(page, 'the preview with Arabic', (s) =>
    s.campaign.variables.preview.body === `Hi Ana, enjoy 30% extra${arabic} off everything until Sunday.`);
  assert.ok(state.text_images.some((image) => image.text.includes(arabic.trim())),
    `the bubble is drawn by the browser: ${JSON.stringify(state.text_images)}`);
  assert.equal(state.missing_glyphs, 0);
  for (let i = 0; i < Array.from(arabic).length; ++i) await page.keyboard.press('Backspace');
  state = await waitForState(page, 'the preview without it', (s) =>
    s.campaign.variables.preview.body === 'Hi Ana, enjoy 30% extra off everything until Sunday.');

  // Review: two messages, two rejected rows, each tab a table.
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'the review', (s) => s.campaign.step === 'review' && s.campaign.review.review &&
    s.table?.name === 'draft_messages' && !s.table.loading && s.table.rows.length > 0, 30000);
  const review = state.campaign.review.review;
  assert.equal(review.messages, 2);
  assert.equal(review.rejected, 2);
  assert.equal(review.category, 'MARKETING');
  assert.equal(review.billed, true);
  assert.equal(state.table.total, 2);
  assert.ok(state.table.rows.every((row) => row.text.includes('30% extra')), 'the typed text is in every message');
  assert.ok(state.widgets['campaign.review.summary'] && state.widgets['campaign.review.limit']);
  const { saved } = await downloadTable(page, 'draft_messages');
  assert.ok(fs.statSync(saved).size > 0);
  await clickWidget(page, 'campaign.review.tab.rejected');
  state = await waitForState(page, 'the rejected tab', (s) => s.table?.name === 'draft_rejected' &&
    !s.table.loading && s.table.total === 2);
  assert.ok(state.table.rows.every((row) => typeof row.reason === 'string' && row.reason.length > 0));

  // Confirm: the campaign exists and the draft is gone.
  await clickWidget(page, 'campaign.confirm');
  state = await waitForState(page, 'the campaign confirmed', (s) => !s.campaign.open && s.campaign.campaign, 30000);
  assert.equal(state.campaign.campaign.name, name);
  assert.equal(state.campaign.campaign.recipients, 2);
  assert.equal(state.campaign.campaign.rejected, 2);
  assert.ok(state.toasts.some((t) => t.kind === 'info' && t.text.includes(name)));
  assert.equal(state.table?.name, 'campaign_templates', 'back to the templates table');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('waconsole.campaign_draft')), null);
  const draft = await apiStatus(server.url, token, `/api/campaign-drafts/${draftId}`);
  assert.equal(draft.status, 404, 'Confirm deleted the draft');
  assert.deepEqual(problems, []);
});

test('Cancel asks first, then discards the draft on the server', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  await clickWidget(page, `table.row.${summer.id}.excel`);
  state = await waitForState(page, 'the wizard', (s) => s.campaign?.open && s.campaign.step === 'settings');
  const draftId = state.campaign.draft_id;
  // Next with no name: the field says so, nothing moves.
  await clickWidget(page, 'campaign.next');
  await waitForState(page, 'the name error', (s) => s.widgets['campaign.settings.name.error']);
  assert.equal((await waitForState(page, 'still Settings', (s) => s.campaign.step === 'settings')).campaign.open, true);

  await clickWidget(page, 'campaign.cancel');
  await waitForState(page, 'the cancel dialog', (s) => s.dialog === 'campaign_cancel');
  await clickWidget(page, 'campaign.cancel_dialog.keep');
  state = await waitForState(page, 'the dialog closed', (s) => s.dialog === null);
  assert.equal(state.campaign.open, true, 'Keep editing keeps the wizard');
  await clickWidget(page, 'campaign.cancel');
  await waitForState(page, 'the cancel dialog', (s) => s.dialog === 'campaign_cancel');
  await clickWidget(page, 'campaign.cancel_dialog.discard');
  await waitForState(page, 'the templates table again', (s) => !s.campaign.open && s.table?.name === 'campaign_templates');
  assert.equal((await apiStatus(server.url, token, `/api/campaign-drafts/${draftId}`)).status, 404);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('waconsole.campaign_draft')), null);
});

test('a file the server refuses shows its reason and keeps the step', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  state = await startWizard(page, summer.id, 'excel', `Refused ${Date.now()}`);
  const notXlsx = path.join(tempDir('bad-upload'), 'clients.xlsx');
  fs.writeFileSync(notXlsx, 'this is not a spreadsheet');
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
  await clickWidget(page, 'campaign.excel.select');
  await (await chooser).setFiles(notXlsx);
  state = await waitForState(page, 'the refusal', (s) => s.campaign.upload.error && !s.campaign.upload.uploading, 30000);
  assert.ok(state.widgets['campaign.excel.error'], 'the refusal is on screen');
  assert.equal(state.campaign.draft.upload, null, 'nothing stored');
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'Next refused', (s) => s.campaign.error);
  assert.equal(state.campaign.step, 'recipients');
  await clickWidget(page, 'campaign.cancel');
  await clickWidget(page, 'campaign.cancel_dialog.discard');
  await waitForState(page, 'the wizard closed', (s) => !s.campaign.open);
});

test('a CSV dropped onto the page is uploaded; a body over 1,024 characters shows red and is rejected', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  state = await startWizard(page, summer.id, 'excel', `Dropped ${Date.now()}`);
  const long = 'x'.repeat(1000);
  const csv = `phone;name;Var1;Var2\r\n+34611900011;Marta;Marta;${long}\r\n+34611900012;Pau;Pau;12%\r\n`;
  // A real drop: a DataTransfer holding a File, dragged over and dropped on the canvas.
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return data;
  }, csv);
  await page.dispatchEvent('canvas', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('canvas', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('canvas', 'drop', { dataTransfer: transfer });
  state = await waitForState(page, 'the dropped file taken', (s) => s.campaign.draft?.upload?.rows === 2 &&
    !s.campaign.upload.uploading, 30000);
  assert.equal(state.campaign.draft.upload.file_name, 'dropped.csv');
  assert.equal(state.campaign.upload.total, Buffer.byteLength(csv));
  assert.equal(page.url().startsWith(server.url), true, 'the browser did not open the file instead');

  // The first row's message is over Meta's limit: the count says so, and the review rejects it.
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'the long preview', (s) => s.campaign.step === 'variables' &&
    s.campaign.variables.preview.body.includes(long));
  assert.equal(state.campaign.variables.preview.body_over, true);
  assert.ok(state.campaign.variables.preview.body_characters > 1024);
  assert.ok(state.widgets['campaign.preview.body_count']);
  await clickWidget(page, 'campaign.next');
  state = await waitForState(page, 'the review', (s) => s.campaign.step === 'review' && s.campaign.review.review, 30000);
  assert.equal(state.campaign.review.review.messages, 1);
  assert.equal(state.campaign.review.review.rejected, 1);
  await clickWidget(page, 'campaign.cancel');
  await clickWidget(page, 'campaign.cancel_dialog.discard');
  await waitForState(page, 'the wizard closed', (s) => !s.campaign.open);
});

test('a large upload shows its progress bar while the bytes go out', async () => {
  let state = await openTemplates(page, server.url, token);
  const summer = templateRow(state, 'summer_sale', 'en_US');
  state = await startWizard(page, summer.id, 'excel', `Progress ${Date.now()}`);
  const lines = ['phone,name,Var1,Var2'];
  for (let i = 0; i < 20000; i += 1) lines.push(`+3461${1000000 + i},Name ${i},Name ${i},10%`);
  const file = path.join(tempDir('large-upload'), 'large.csv');
  fs.writeFileSync(file, lines.join('\r\n'));
  // A slow uplink, so the bar is seen part way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
  await clickWidget(page, 'campaign.excel.select');
  await (await chooser).setFiles(file);
  state = await waitForState(page, 'the bar part way', (s) => s.campaign.upload.uploading &&
    s.widgets['campaign.excel.progress'] && s.campaign.upload.loaded > 0 &&
    s.campaign.upload.loaded < s.campaign.upload.total, 30000);
  assert.equal(state.campaign.upload.total, fs.statSync(file).size);
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  state = await waitForState(page, 'the upload taken', (s) => s.campaign.draft?.upload?.rows === 20000 &&
    !s.campaign.upload.uploading, 60000);
  assert.equal(state.widgets['campaign.excel.progress'], undefined, 'the bar is gone');
  await cdp.detach();
  await clickWidget(page, 'campaign.cancel');
  await clickWidget(page, 'campaign.cancel_dialog.discard');
  await waitForState(page, 'the wizard closed', (s) => !s.campaign.open);
});
