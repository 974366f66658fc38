// Fonts through the real UI. The atlas holds Latin, Greek and Cyrillic only; a customer's emoji is
// drawn by the browser's own text engine (issue 11: no emoji font is downloaded), in colour, and
// never as ImGui's missing-glyph sign. The demo data's "Ok 👍 perfect" is on page 2 of Active
// conversations at 10 rows a page, every row in view. A first visit fetches the two subset text
// fonts and nothing else in the way of fonts before its first frame, and stays small.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ARTIFACTS,
  clickWidget,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  testState,
  waitForState,
} from './helpers.mjs';
import {
  backgroundOf,
  compareInk,
  decodePng,
  inkOf,
  openReferencePage,
  parseColor,
  renderReference,
  reversed,
  saturatedShare,
} from './text_pixels.mjs';

const EMOJI_TEXT = 'Ok 👍 perfect';
// What a first visit may fetch before its first frame: the page, its script and wasm, the two
// text fonts (Latin, Greek, Cyrillic). Measured with issue 11: 387 KB on the wire (wasm 287 KB,
// script 38 KB, fonts 59 KB, gzip); a font for emoji (Symbola was 588 KB) or CJK cannot fit.
const FIRST_FRAME_BYTES = 400 * 1024;
const TEXT_FONTS = ['/fonts/NotoSans-Regular.ttf', '/fonts/NotoSans-Bold.ttf'];
// The build serves each file under a name holding its content's hash: "/fonts/X.<hash>.ttf".
const plainName = (pathname) => pathname.replace(/\.[0-9a-f]{12}\./, '.');

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

// Logs in, opens Active conversations and goes to the page holding EMOJI_TEXT; resolves with the
// state once that page is drawn and `ready(state)` holds.
async function openEmojiPage(page, ready) {
  await openApp(page, server.url);
  await logInThroughUi(page);
  await clickWidget(page, 'menu.active');
  await waitForState(page, 'the first page', (s) => s.section === 'active' && s.table?.page === 1 &&
    !s.table.loading && s.table.rows.length > 0);
  await clickWidget(page, 'table.next');
  const state = await waitForState(page, 'page 2 of Active conversations', (s) =>
    s.table?.page === 2 && !s.table.loading && s.table.rows.length > 0 && ready(s));
  assert.equal(state.table.page_size, 10);
  assert.ok(state.table.rows.some((row) => row.last_message === EMOJI_TEXT),
    `page 2 shows a customer writing "${EMOJI_TEXT}"`);
  return state;
}

test('a customer emoji is drawn by the browser, in colour, not as the missing-glyph sign', async () => {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await openEmojiPage(page, (s) => s.text_images?.some((image) => image.text === EMOJI_TEXT));
    // The pointer away from the rows (no hover, no tooltip), and a frame drawn after.
    const moved = await testState(page);
    await page.mouse.move(20, 780);
    const state = await waitForState(page, 'a frame with the pointer away', (s) => s.frame > moved.frame + 1 && s.text_images_pending === 0);
    assert.equal(state.missing_glyphs, 0, 'every character of the visible cells has a glyph');
    const images = state.text_images.filter((image) => image.text === EMOJI_TEXT);
    assert.equal(images.length, 1, `"${EMOJI_TEXT}" is drawn once, by the browser`);
    const [image] = images;
    assert.equal(image.rtl, false);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'emoji.png') });

    // In colour: a good share of the string's ink is saturated (the rest is the Latin text).
    const png = await page.screenshot({ clip: { x: image.x - 1, y: image.y - 1, width: image.w + 2, height: image.h + 2 } });
    fs.writeFileSync(path.join(ARTIFACTS, 'emoji-cell.png'), png);
    const reference = await openReferencePage(browser.context);
    const shown = await decodePng(reference, png);
    const background = backgroundOf(shown);
    const colour = saturatedShare(shown, background);
    assert.ok(colour.share >= 0.1, `${colour.saturated} of ${colour.inked} ink pixels are saturated colour`);

    // And as the browser draws the string in HTML (not in another order).
    const foreground = parseColor(image.color);
    const ink = inkOf(shown, background, foreground);
    const same = compareInk(ink, inkOf(await decodePng(reference,
      await renderReference(reference, image, background)), background, foreground));
    const other = compareInk(ink, inkOf(await decodePng(reference,
      await renderReference(reference, { ...image, text: reversed(image.text) }, background)), background, foreground));
    console.log(`"${EMOJI_TEXT}": colour ${(colour.share * 100).toFixed(0)}% of the ink, ` +
      `HTML score ${same.score} (reversed ${other.score})`);
    assert.ok(same.pass, `drawn as in HTML: ${JSON.stringify(same)}`);
    assert.ok(!other.pass, `not as its reverse: ${JSON.stringify(other)}`);
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.context.close();
  }
});

test('a first visit fetches little before its first frame, and no font but the two text fonts', async () => {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map();
    const finished = [];
    cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
    cdp.on('Network.loadingFinished', (event) => {
      finished.push({ url: urls.get(event.requestId) ?? '?', bytes: event.encodedDataLength });
    });
    await page.goto(server.url);
    await waitForState(page, 'the first frame', (s) => s.ready);
    const beforeReady = [...finished];
    const bytes = beforeReady.reduce((sum, r) => sum + r.bytes, 0);
    const list = beforeReady.map((r) => `${new URL(r.url).pathname} ${r.bytes} B`).join(', ');
    console.log(`before the first frame: ${bytes} bytes (${list})`);
    assert.ok(bytes < FIRST_FRAME_BYTES, `${bytes} bytes before the first frame: ${list}`);

    // Logged in, on the page with the emoji, once the network is quiet: still no other font.
    await logInThroughUi(page);
    await clickWidget(page, 'menu.active');
    await waitForState(page, 'Active conversations', (s) => s.section === 'active' && s.table && !s.table.loading);
    await clickWidget(page, 'table.next');
    await waitForState(page, 'page 2 with the emoji', (s) => s.table?.page === 2 &&
      s.text_images?.some((image) => image.text === EMOJI_TEXT));
    await page.waitForLoadState('networkidle');
    const fonts = finished.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/fonts/'));
    assert.ok(fonts.every((p) => p !== plainName(p)), `the fonts come by content-hashed names: ${fonts}`);
    assert.deepEqual([...new Set(fonts.map(plainName))].sort(), [...TEXT_FONTS].sort(), 'the fonts fetched');
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.context.close();
  }
});
