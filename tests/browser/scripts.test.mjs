// Every script a customer writes in (issue 11), through the real UI against the server wired to
// the Meta simulator: customers write the messages of tests/data/scripts_corpus.json (Arabic with
// Latin words and numbers, Persian, Hebrew, CJK, Indic conjuncts, Thai, Georgian, Armenian,
// Ethiopic, emoji sequences), one per Active conversation, and new customers with names in those
// scripts write in to Unmanaged. Text the font atlas cannot draw is drawn by the browser's own
// text engine as images, which the hook lists in `text_images`. Checked:
//   - nothing is drawn from the atlas as the missing-glyph sign, every string the atlas cannot
//     draw is a browser image in its own row, with the right paragraph direction;
//   - each image looks like the same string rendered by plain HTML in another page of the same
//     browser, and unlike that string reversed or with its letters kept apart (text_pixels.mjs);
//   - emoji are in colour; a message wider than its cell is cut with "…" and shown whole, right
//     to left, in Info's transcript.
// The screenshots (console and HTML, per string) and the scores go to artifacts/scripts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ARTIFACTS,
  apiGet,
  clickWidget,
  openSection,
  startLoggedInConsole,
  testState,
  waitForState,
} from './helpers.mjs';
import {
  MAX_SCORE,
  backgroundOf,
  compareInk,
  decodePng,
  inkOf,
  openReferencePage,
  parseColor,
  renderReference,
  reversed,
  saturatedShare,
  unjoined,
} from './text_pixels.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = JSON.parse(fs.readFileSync(path.join(here, '..', 'data', 'scripts_corpus.json'), 'utf8'));
const OUT = path.join(ARTIFACTS, 'scripts');

// 20 rows a page (the page-size control's choice): every corpus message on the first page of
// Active conversations; the page is made tall enough to show all 20 rows at the usual width.
const PAGE_SIZE = 20;
const VIEWPORT = { width: 1280, height: 1200 };
// Of an emoji string's ink, at least this share is saturated colour (a monochrome glyph in the
// text colour has none).
const MIN_COLOUR_SHARE = 0.1;

let running;
let center;
let page;
let token;
let reference; // the page that renders strings in plain HTML
const activeRows = new Map(); // corpus message → its Active row
const unmanagedRows = new Map(); // corpus name → its Unmanaged row
const scores = [];

const digits = (phone) => String(phone).replace(/\D/g, '');
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
// Rows arrived and every string on screen is painted (the UI paints new strings for a limited
// time a frame, the rest in the next frames).
const settled = (s) => s.table && !s.table.loading && s.table.rows.length > 0 && s.text_images_pending === 0;

// Waits until the server's table holds what `ready(rows)` wants.
async function untilApi(what, pathAndQuery, ready) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const api = await apiGet(center.url, token, pathAndQuery);
    if (ready(api.rows)) return api;
    assert.ok(Date.now() < deadline, `the server has ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

before(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  assert.ok(corpus.messages.length <= PAGE_SIZE, 'every corpus message fits on one page');
  running = await startLoggedInConsole({ simulated: true });
  ({ server: center, page, token } = running);
  await page.setViewportSize(VIEWPORT);

  // Each message is written by the customer of a different Active conversation.
  const active = await apiGet(center.url, token, `/api/tables/active?page=1&page_size=${PAGE_SIZE}`);
  assert.ok(active.rows.length >= corpus.messages.length, 'the demo data has enough Active conversations');
  for (const [i, entry] of corpus.messages.entries()) {
    const row = active.rows[i];
    activeRows.set(entry.text, row);
    await center.inbound(digits(row.phone), entry.text);
  }
  await untilApi('every corpus message', `/api/tables/active?page=1&page_size=${PAGE_SIZE}`, (rows) =>
    corpus.messages.every((entry) => rows.some((r) => r.id === activeRows.get(entry.text).id &&
      r.last_message === entry.text)));

  // New customers, named in each script, write in: new Unmanaged conversations (the newest first).
  for (const [i, entry] of corpus.names.entries()) {
    await center.inbound(`3461100${String(i).padStart(4, '0')}`, 'Hola', entry.text);
  }
  const unmanaged = await untilApi('every corpus name', `/api/tables/unmanaged?page=1&page_size=${PAGE_SIZE}`,
    (rows) => corpus.names.every((entry) => rows.some((r) => r.customer === entry.text)));
  for (const entry of corpus.names) {
    unmanagedRows.set(entry.text, unmanaged.rows.find((r) => r.customer === entry.text));
  }
  reference = await openReferencePage(running.browser.context);
  // The console stays the page in front: while the new page was in front, clicks on the console
  // only moved the keyboard focus (a section, a page size, Close were never taken).
  await page.bringToFront();
});

after(async () => {
  if (scores.length > 0) {
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'scores.json'), `${JSON.stringify(scores, null, 2)}\n`);
  }
  await reference?.close().catch(() => {});
  await running?.stop();
});

// Shows the section at PAGE_SIZE rows a page (through the page-size control) and waits until
// `ready(state)`.
async function showSection(section, what, ready) {
  await openSection(page, section);
  let state = await testState(page);
  if (state.table.page_size !== PAGE_SIZE) {
    await clickWidget(page, 'table.page_size');
    await clickWidget(page, `table.page_size.option.${PAGE_SIZE}`);
  }
  state = await waitForState(page, what, (s) => s.section === section && settled(s) &&
    s.table.page === 1 && s.table.page_size === PAGE_SIZE && ready(s), 20000);
  return state;
}

// The pointer goes where it covers nothing (the sidebar below the menu): no row is hovered and no
// tooltip shows while pixels are read. Resolves with a state drawn after that.
async function parkPointer() {
  const before = await testState(page);
  await page.mouse.move(20, VIEWPORT.height - 20);
  return waitForState(page, 'a frame with the pointer parked', (s) => s.frame > before.frame + 1 &&
    s.text_images_pending === 0);
}

// The images of `text` in the last frame.
const imagesOf = (state, text) => state.text_images.filter((image) => image.text === text);

// The console's pixels of `seen` (with a pixel around it) and where it is now. The layout can
// move between reading the state and the screenshot (CI once caught images 2 px off), so the
// place is read before and after the screenshot until both agree, five tries at most. A cut
// text changes with its cell's width (CI once caught "…ORD" drawn where "…ORD-4" had been
// read), so an image is also found by its cell (same font and row, overlapping), and what is
// compared is the text drawn then.
async function screenshotOf(seen) {
  const sameCell = (i) => i.font === seen.font && i.y === seen.y && i.x < seen.x + seen.w &&
    seen.x < i.x + i.w;
  const find = (state) => state.text_images.find((i) => i.text === seen.text && i.font === seen.font) ??
    state.text_images.find(sameCell);
  const same = (a, b) => a && b && a.text === b.text && a.x === b.x && a.y === b.y && a.w === b.w &&
    a.h === b.h;
  let shot;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const image = find(await testState(page)) ?? seen;
    const clip = { x: image.x - 1, y: image.y - 1, width: image.w + 2, height: image.h + 2 };
    shot = { image, png: await page.screenshot({ clip }) };
    if (same(image, find(await testState(page)))) break;
  }
  return shot;
}

// The console's pixels of `seen` against plain HTML renderings of the same string, of it
// reversed and (`joins`) of it unjoined. Saves every PNG; returns the scores.
async function compareWithHtml(seen, entry, label) {
  const { image, png: consolePng } = await screenshotOf(seen);
  const name = slug(label);
  fs.writeFileSync(path.join(OUT, `${name}.console.png`), consolePng);
  const consoleImage = await decodePng(reference, consolePng);
  const background = backgroundOf(consoleImage);
  const foreground = parseColor(image.color);
  assert.ok(foreground, `the hook's colour "${image.color}" is a CSS colour`);
  const consoleInk = inkOf(consoleImage, background, foreground);
  const variants = { match: image.text, reversed: reversed(image.text) };
  if (entry.joins) variants.unjoined = unjoined(image.text);
  assert.notEqual(variants.reversed, image.text, `"${image.text}" reversed is another string`);
  const result = { label, text: image.text, font: image.font, color: image.color, rtl: image.rtl,
    background: `rgb(${background.join(',')})` };
  for (const [variant, text] of Object.entries(variants)) {
    const png = await renderReference(reference,
      { text, font: image.font, color: image.color, rtl: image.rtl }, background);
    fs.writeFileSync(path.join(OUT, `${name}.html-${variant}.png`), png);
    const compared = compareInk(consoleInk, inkOf(await decodePng(reference, png), background, foreground));
    result[variant] = { score: compared.score, pass: compared.pass, console_box: compared.boxA,
      html_box: compared.boxB, shift: compared.shift };
  }
  result.colour = saturatedShare(consoleImage, background);
  scores.push(result);
  return result;
}

// The comparisons' verdicts: the match passes, the reversed and unjoined renderings fail.
function verdictProblems(results) {
  const problems = [];
  for (const r of results) {
    const box = (v) => `${v.console_box?.w}x${v.console_box?.h} vs ${v.html_box?.w}x${v.html_box?.h}`;
    if (!r.match.pass) {
      problems.push(`${r.label}: differs from its HTML rendering (score ${r.match.score}, boxes ${box(r.match)})`);
    }
    if (r.reversed.pass) problems.push(`${r.label}: also matches itself reversed (score ${r.reversed.score})`);
    if (r.unjoined?.pass) problems.push(`${r.label}: also matches itself unjoined (score ${r.unjoined.score})`);
  }
  return problems;
}

function printScores(title, results) {
  const cell = (v) => (v ? `${v.score.toFixed(3)}${v.pass ? ' same' : ' differs'}` : '-');
  console.log(`${title}: difference from the HTML rendering (the same at most ${MAX_SCORE} with ` +
    'boxes within 2 px; the string itself must be the same, reversed and unjoined must differ):');
  for (const r of results) {
    console.log(`  ${r.label.padEnd(28)} match ${cell(r.match).padEnd(13)} reversed ${cell(r.reversed).padEnd(13)} ` +
      `unjoined ${cell(r.unjoined).padEnd(13)} colour ${(r.colour.share * 100).toFixed(0)}%`);
  }
}

// Checks the cells of `rows` (corpus entry → row) in `state`; returns [entry, image] pairs for the
// entries drawn by the browser.
function checkDrawn(state, entries, rows, column) {
  const problems = [];
  const drawn = [];
  for (const entry of entries) {
    const row = rows.get(entry.text);
    const cell = state.table.cells[String(row.id)];
    if (cell?.[column] !== entry.text) {
      problems.push(`${entry.script}: row ${row.id}'s ${column} cell shows ${JSON.stringify(cell?.[column])}`);
      continue;
    }
    const images = entry.long ? state.text_images.filter((image) => image.text.endsWith('…') &&
      entry.text.startsWith(image.text.slice(0, -1))) : imagesOf(state, entry.text);
    if (images.length === 0) {
      // Only a control may be drawn from the atlas (it has Greek and Cyrillic).
      if (!entry.atlas) problems.push(`${entry.script}: "${entry.text}" is not among the browser's images`);
      continue;
    }
    if (images.length > 1) problems.push(`${entry.script}: "${entry.text}" is drawn ${images.length} times`);
    const [image] = images;
    if (image.rtl !== entry.rtl) problems.push(`${entry.script}: rtl ${image.rtl}, expected ${entry.rtl}`);
    const band = state.widgets[`table.row.${row.id}`];
    const middle = image.y + image.h / 2;
    if (!band || middle < band.y || middle > band.y + band.h) {
      problems.push(`${entry.script}: the image (y ${image.y}, h ${image.h}) is not in row ${row.id}'s band ${JSON.stringify(band)}`);
    }
    drawn.push([entry, image]);
  }
  return { problems, drawn };
}

test('every script\'s message is drawn by the browser in its row, no glyph missing', async () => {
  const state = await showSection('active', 'every corpus message on screen', (s) =>
    corpus.messages.every((entry) => s.table.cells[String(activeRows.get(entry.text).id)]?.last_message === entry.text &&
      s.widgets[`table.row.${activeRows.get(entry.text).id}`]));
  await page.screenshot({ path: path.join(OUT, 'active.png') });
  assert.equal(state.missing_glyphs, 0, 'no character is drawn from the atlas as the missing-glyph sign');
  assert.ok(Array.isArray(state.text_images), 'the hook lists text_images');
  for (const image of state.text_images) {
    assert.equal(typeof image.text, 'string');
    assert.equal(typeof image.font, 'string');
    assert.equal(typeof image.rtl, 'boolean');
    assert.ok(parseColor(image.color), `colour ${image.color}`);
    for (const key of ['x', 'y', 'w', 'h']) assert.equal(typeof image[key], 'number', `${key} of ${image.text}`);
    assert.ok(image.w > 0 && image.h > 0, `"${image.text}" has a size`);
  }
  const { problems } = checkDrawn(state, corpus.messages, activeRows, 'last_message');
  assert.deepEqual(problems, []);
  // Every other message fits its cell; the long one is cut (asserted in checkDrawn).
  const long = corpus.messages.filter((entry) => entry.long);
  if (long.length > 0) assert.ok(state.table.cut.includes('last_message'), 'the long message is cut');
  assert.deepEqual(running.browser.problems, []);
});

test('each script looks as the browser draws it in HTML, and not reversed or unjoined', async () => {
  const state = await parkPointer();
  const { problems, drawn } = checkDrawn(state, corpus.messages, activeRows, 'last_message');
  assert.deepEqual(problems, []);
  const results = [];
  for (const [i, [entry, image]] of drawn.entries()) {
    results.push(await compareWithHtml(image, entry, `message ${i + 1} ${entry.script}${entry.long ? ' cut' : ''}`));
  }
  printScores('Active, last customer message', results);
  assert.deepEqual(verdictProblems(results), []);
});

test('emoji are drawn in colour', async () => {
  const state = await parkPointer();
  const problems = [];
  const shares = [];
  for (const entry of corpus.messages.filter((e) => e.colour)) {
    const [image] = imagesOf(state, entry.text);
    if (!image) {
      problems.push(`${entry.script}: "${entry.text}" is not among the browser's images`);
      continue;
    }
    const png = await page.screenshot({ clip: { x: image.x, y: image.y, width: image.w, height: image.h } });
    const decoded = await decodePng(reference, png);
    const colour = saturatedShare(decoded, backgroundOf(decoded));
    shares.push(`${entry.script} ${(colour.share * 100).toFixed(0)}%`);
    if (colour.share < MIN_COLOUR_SHARE) {
      problems.push(`${entry.script}: ${colour.saturated} of ${colour.inked} ink pixels are saturated colour`);
    }
  }
  console.log(`saturated share of the emoji messages' ink: ${shares.join(', ')}`);
  assert.deepEqual(problems, []);
});

test('customers\' names in every script are drawn by the browser too', async () => {
  const state = await showSection('unmanaged', 'every corpus name on screen', (s) =>
    corpus.names.every((entry) => s.table.cells[String(unmanagedRows.get(entry.text).id)]?.customer === entry.text &&
      s.widgets[`table.row.${unmanagedRows.get(entry.text).id}`]));
  assert.equal(state.missing_glyphs, 0);
  const { problems } = checkDrawn(state, corpus.names, unmanagedRows, 'customer');
  assert.deepEqual(problems, []);
  const parked = await parkPointer();
  await page.screenshot({ path: path.join(OUT, 'unmanaged.png') });
  const { drawn } = checkDrawn(parked, corpus.names, unmanagedRows, 'customer');
  const results = [];
  for (const [i, [entry, image]] of drawn.entries()) {
    results.push(await compareWithHtml(image, entry, `name ${i + 1} ${entry.script}`));
  }
  printScores('Unmanaged, customer', results);
  const colourProblems = results.filter((r) => corpus.names.some((e) => e.colour && e.text === r.text) &&
    r.colour.share < MIN_COLOUR_SHARE).map((r) => `${r.label}: colour share ${r.colour.share}`);
  assert.deepEqual([...verdictProblems(results), ...colourProblems], []);
  assert.deepEqual(running.browser.problems, []);
});

test('Info shows the long Arabic message whole, right to left, through the browser', async () => {
  const entry = corpus.messages.find((e) => e.script === 'Arabic' && e.long);
  assert.ok(entry, 'the corpus has a long Arabic message');
  const row = activeRows.get(entry.text);
  await showSection('active', 'the Arabic conversation\'s row', (s) => s.widgets[`table.row.${row.id}.info`]);
  await clickWidget(page, `table.row.${row.id}.info`);
  await waitForState(page, 'Info with the Arabic message in its transcript', (s) =>
    s.dialog === 'info' && s.info.conversation_id === row.id && s.info.transcript.loaded > 0 &&
    imagesOf(s, entry.text).length > 0);
  const state = await parkPointer();
  await page.screenshot({ path: path.join(OUT, 'info.png') });
  assert.equal(state.missing_glyphs, 0, 'no glyph of the table or the transcript is missing');
  const transcript = state.widgets['info.transcript'];
  assert.ok(transcript, 'the transcript is drawn');
  const inside = (image) => image.x >= transcript.x && image.x + image.w <= transcript.x + transcript.w &&
    image.y >= transcript.y && image.y + image.h <= transcript.y + transcript.h;
  const images = imagesOf(state, entry.text).filter(inside);
  assert.equal(images.length, 1, `the message is drawn once in the transcript, whole (one line, not cut): ${
    JSON.stringify(state.text_images.filter(inside))}`);
  const [image] = images;
  assert.equal(image.rtl, true, 'its paragraph reads right to left');
  const result = await compareWithHtml(image, entry, 'info Arabic');
  printScores('Info transcript', [result]);
  assert.deepEqual(verdictProblems([result]), []);
  await clickWidget(page, 'info.close');
  await waitForState(page, 'Info closed', (s) => s.dialog === null);
  assert.deepEqual(running.browser.problems, []);
});
