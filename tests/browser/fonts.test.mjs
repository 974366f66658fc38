// Fonts through the real UI: a customer's emoji is drawn from the emoji font (Symbola, merged into
// the body font after the first frame) and not as ImGui's missing-glyph sign, and without that
// font the same text is counted as missing, so the count is known to see it. The demo data's
// "Ok 👍 perfect" is on page 2 of Active conversations at 10 rows a page, every row in view.
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
  waitForState,
} from './helpers.mjs';

const EMOJI_TEXT = 'Ok 👍 perfect';

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

test('a customer emoji is drawn from the emoji font, not as the missing-glyph sign', async () => {
  const browser = await launchBrowser();
  try {
    const state = await openEmojiPage(browser.page, (s) => s.fonts.emoji);
    assert.equal(state.missing_glyphs, 0, 'every character of the visible cells has a glyph');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await browser.page.screenshot({ path: path.join(ARTIFACTS, 'emoji.png') });
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.context.close();
  }
});

test('without the emoji font the UI still works and the emoji counts as missing', async () => {
  const browser = await launchBrowser();
  try {
    await browser.page.route('**/fonts/Symbola-emoji.ttf', (route) => route.abort());
    const state = await openEmojiPage(browser.page, () => true);
    assert.equal(state.fonts.emoji, false);
    assert.equal(state.missing_glyphs, 1, 'the one emoji on the page has no glyph');
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.context.close();
  }
});
