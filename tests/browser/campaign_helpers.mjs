// What the campaign wizard specs share: finding a template's row, walking the Settings step,
// building a real .xlsx from the sample file the UI downloaded (unzip, new rows as inline
// strings, zip), and reading a draft through the API.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { apiPost, clickWidget, replaceText, tempDir, waitForState } from './helpers.mjs';

// Opens New outbound campaign and waits for the templates; syncs the catalogue first when the
// cache is empty.
export async function openTemplates(page, baseUrl, token) {
  await apiPost(baseUrl, token, '/api/templates/sync', {});
  await clickWidget(page, 'menu.campaigns_new');
  // A wizard a failed test left open is discarded first.
  const shown = await waitForState(page, 'the section', (s) => s.section === 'campaigns_new' && s.campaign && !s.campaign.loading);
  if (shown.campaign.open) {
    if (shown.dialog === 'campaign_picker') await clickWidget(page, 'campaign.picker.close');
    if (shown.dialog === 'campaign_remove') await clickWidget(page, 'campaign.remove_dialog.keep');
    await waitForState(page, 'no dialog', (s) => s.dialog === null);
    await clickWidget(page, 'campaign.cancel');
    await clickWidget(page, 'campaign.cancel_dialog.discard');
    await waitForState(page, 'the wizard discarded', (s) => !s.campaign.open);
  }
  return waitForState(page, 'the templates table', (s) => s.section === 'campaigns_new' &&
    s.table?.name === 'campaign_templates' && !s.table.loading && s.table.rows.length > 0, 30000);
}

export function templateRow(state, name, language) {
  const row = state.table.rows.find((r) => r.name === name && (!language || r.language === language));
  assert.ok(row, `the templates table lists ${name} ${language ?? ''}`);
  return row;
}

// Starts the wizard from a row's button and fills Settings (Immediate); resolves on Recipients.
// `includeActive` turns on "also send to customers who are in an active conversation".
export async function startWizard(page, rowId, source, name, { includeActive = false } = {}) {
  await clickWidget(page, `table.row.${rowId}.${source}`);
  await waitForState(page, 'the wizard at Settings', (s) => s.campaign?.open && s.campaign.step === 'settings');
  await replaceText(page, 'campaign.settings.name', name);
  await waitForState(page, 'the typed name', (s) => s.campaign.settings.name === name);
  if (includeActive) {
    await clickWidget(page, 'campaign.settings.include_active');
    await waitForState(page, 'the switch on', (s) => s.campaign.settings.include_active_conversations);
  }
  await clickWidget(page, 'campaign.next');
  return waitForState(page, 'the Recipients step', (s) => s.campaign.step === 'recipients' &&
    s.widgets[source === 'excel' ? 'campaign.excel.select' : 'campaign.customers.add']);
}

function xmlEscape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(index) {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// The path inside the package of the workbook's first sheet (through workbook.xml and its rels).
function firstSheetPath(dir) {
  const workbook = fs.readFileSync(path.join(dir, 'xl', 'workbook.xml'), 'utf8');
  const rid = workbook.match(/<sheet\b[^>]*\br:id="([^"]+)"/)?.[1];
  const rels = fs.readFileSync(path.join(dir, 'xl', '_rels', 'workbook.xml.rels'), 'utf8');
  const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0])
    .find((tag) => tag.includes(`Id="${rid}"`))?.match(/Target="([^"]+)"/)?.[1];
  assert.ok(target, 'the sample names its first sheet');
  return target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target);
}

// Writes `rows` (arrays of strings, the header first) into the first sheet of the sample .xlsx
// at `samplePath` and zips it again as a new .xlsx; returns its path.
export function fillSample(samplePath, rows, fileName = 'recipients.xlsx') {
  const dir = tempDir('xlsx');
  execFileSync('unzip', ['-q', samplePath, '-d', dir]);
  const sheetPath = path.join(dir, firstSheetPath(dir));
  const sheet = fs.readFileSync(sheetPath, 'utf8');
  const data = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((value, c) =>
    `<c r="${columnName(c)}${r + 1}" t="inlineStr"><is><t>${xmlEscape(value)}</t></is></c>`).join('')}</row>`).join('');
  const replaced = sheet.replace(/<sheetData\s*\/>|<sheetData>[\s\S]*?<\/sheetData>/, `<sheetData>${data}</sheetData>`)
    .replace(/<dimension\b[^>]*\/>/, '');
  assert.notEqual(replaced, sheet, 'the sample has a sheetData to replace');
  fs.writeFileSync(sheetPath, replaced);
  const out = path.join(tempDir('upload'), fileName);
  execFileSync('zip', ['-q', '-X', '-r', out, '.'], { cwd: dir });
  return out;
}

// The header row of the sample's first sheet (shared or inline strings).
export function sampleHeader(samplePath) {
  const dir = tempDir('sample');
  execFileSync('unzip', ['-q', samplePath, '-d', dir]);
  const sheet = fs.readFileSync(path.join(dir, firstSheetPath(dir)), 'utf8');
  const sharedPath = path.join(dir, 'xl', 'sharedStrings.xml');
  const shared = fs.existsSync(sharedPath)
    ? [...fs.readFileSync(sharedPath, 'utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)]
      .map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''))
    : [];
  const firstRow = sheet.match(/<row\b[^>]*>([\s\S]*?)<\/row>/)?.[1] ?? '';
  return [...firstRow.matchAll(/<c\b([^>]*)>([\s\S]*?)<\/c>/g)].map(([, attrs, inner]) => {
    if (/t="s"/.test(attrs)) return shared[Number(inner.match(/<v>(\d+)<\/v>/)[1])];
    return [...inner.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('') || inner.match(/<v>([^<]*)<\/v>/)?.[1];
  });
}

// GET on the API that resolves with { status, body } whatever the status.
export async function apiStatus(baseUrl, token, pathAndQuery) {
  const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  return { status: response.status, body };
}

// Picks `option` ("text" or a field name) in a variable's source combo.
export async function chooseSource(page, variable, option) {
  await clickWidget(page, `campaign.variables.${variable}.source`);
  await clickWidget(page, `campaign.variables.${variable}.source.option.${option}`);
  await waitForState(page, `variable ${variable} bound to ${option}`, (s) => {
    const binding = s.campaign.variables.bindings[variable];
    return option === 'text' ? binding?.source === 'text' : binding?.source === 'field' && binding.value === option;
  });
}

// The id of order_update (es_MX), a utility template, once the catalogue is synced from the
// simulator.
export async function orderUpdateId(baseUrl, token) {
  await apiPost(baseUrl, token, '/api/templates/sync', {});
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const response = await apiStatus(baseUrl, token, '/api/tables/campaign_templates?page_size=100');
    const row = response.body?.rows?.find((r) => r.name === 'order_update' && r.language === 'es_MX');
    if (row) return row.id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('order_update es_MX never reached the templates table');
}

// An order_update campaign to `phones` (E.164) made through the API: draft, settings, a CSV
// upload, Confirm. Resolves with the campaign the server answered.
export async function confirmOrderCampaign(baseUrl, token, name, phones) {
  const draft = await apiPost(baseUrl, token, '/api/campaign-drafts',
    { template_id: await orderUpdateId(baseUrl, token), source: 'excel' });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const draftPath = `/api/campaign-drafts/${draft.body.draft.id}`;
  const settings = await apiPost(baseUrl, token, `${draftPath}/settings`, { name });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  const csv = 'phone,Var1,Var2,Button 3 var\n' +
    phones.map((phone, i) => `${phone},Ana,P-${i},P\n`).join('');
  const upload = await fetch(`${baseUrl}${draftPath}/upload?file_name=x.csv`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: csv,
  });
  assert.equal(upload.status, 200, await upload.text());
  const confirm = await apiPost(baseUrl, token, `${draftPath}/confirm`, {});
  assert.equal(confirm.status, 201, JSON.stringify(confirm.body));
  return confirm.body.campaign;
}
