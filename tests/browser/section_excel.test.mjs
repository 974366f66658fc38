// Download Excel from the Waiting and Unmanaged sections through the real UI: a real .xlsx whose
// rows are the section's rows with the filters applied, in the section's order.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  apiGet,
  clickWidget,
  downloadTable,
  openSection,
  replaceText,
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

function unzipPart(file, part) {
  return execFileSync('unzip', ['-p', file, part], { maxBuffer: 64 << 20 }).toString('utf8');
}

const unescapeXml = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');

// The first sheet as rows of cell texts (shared and inline strings; numbers as written).
function readSheet(file) {
  // A file written row by row (constant memory) has inline strings and no shared-string part.
  const listing = execFileSync('unzip', ['-Z1', file]).toString('utf8').split('\n');
  const sharedXml = listing.includes('xl/sharedStrings.xml') ? unzipPart(file, 'xl/sharedStrings.xml') : '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unescapeXml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const sheet = unzipPart(file, 'xl/worksheets/sheet1.xml');
  // Cells are placed by their reference: a writer leaves empty cells out.
  const column = (ref) => [...ref].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const cells = [];
    for (const cell of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cell[2];
      const inner = cell[3] ?? '';
      const value = inner.match(/<v>([^<]*)<\/v>/)?.[1];
      let text = value ?? '';
      if (/t="s"/.test(attrs)) text = shared[Number(value)];
      else if (/t="inlineStr"/.test(attrs)) text = unescapeXml(inner.match(/<t[^>]*>([\s\S]*?)<\/t>/)?.[1] ?? '');
      else if (/t="str"/.test(attrs)) text = unescapeXml(value ?? '');
      cells[column(cell[1])] = text;
    }
    return Array.from(cells, (text) => text ?? '');
  });
}

test('Waiting downloads every waiting conversation, in queue order', async () => {
  const { page, problems } = browser;
  await openSection(page, 'waiting');
  const { saved } = await downloadTable(page, 'waiting');
  assert.match(path.basename(saved), /^waiting-conversations.*\.xlsx$/);
  const api = await apiGet(server.url, token, '/api/tables/waiting?page=1&page_size=100');
  const rows = readSheet(saved);
  const header = rows[0];
  const customer = header.indexOf('Customer');
  assert.ok(customer >= 0, `a Customer column in ${header}`);
  assert.equal(rows.length - 1, api.total, 'one line per waiting conversation under the header');
  assert.deepEqual(rows.slice(1).map((r) => r[customer]), api.rows.map((r) => r.customer));
  assert.deepEqual(problems, []);
});

test('the file holds the filtered rows only', async () => {
  const { page } = browser;
  const all = await apiGet(server.url, token, '/api/tables/waiting?page=1&page_size=100');
  const skillset = all.rows[0].skillset;
  await replaceText(page, 'waiting.skillset', skillset);
  await clickWidget(page, 'waiting.search');
  await waitForState(page, 'the filter applied', (s) =>
    !s.table.loading && s.table.filters.skillset === skillset);
  const { request, saved } = await downloadTable(page, 'waiting');
  assert.equal(new URL(request.url()).searchParams.get('skillset'), skillset);
  const api = await apiGet(server.url, token,
    `/api/tables/waiting?page=1&page_size=100&skillset=${encodeURIComponent(skillset)}`);
  assert.ok(api.total < all.total, 'the filter leaves some out');
  const rows = readSheet(saved);
  const column = rows[0].indexOf('Skillset');
  assert.equal(rows.length - 1, api.total);
  for (const row of rows.slice(1)) assert.equal(row[column], skillset);
});

test('Unmanaged downloads its rows with their status', async () => {
  const { page } = browser;
  await openSection(page, 'unmanaged');
  const { saved } = await downloadTable(page, 'unmanaged');
  const api = await apiGet(server.url, token, '/api/tables/unmanaged?page=1&page_size=100');
  const rows = readSheet(saved);
  assert.equal(rows.length - 1, api.total);
  const customer = rows[0].indexOf('Customer');
  assert.deepEqual(rows.slice(1).map((r) => r[customer]), api.rows.map((r) => r.customer));
});
