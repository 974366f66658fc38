// Benchmark: what drawing every script costs (issue 11). 100 customers write in, each in one of
// the corpus's scripts (tests/data/scripts_corpus.json: Arabic, Hebrew, CJK, Indic, Thai, emoji
// ...), through the simulator's signed webhooks; Unmanaged at 100 rows a page then shows 100
// cells the font atlas cannot draw, which the browser lays out and paints as images
// (web/widgets/browser_text). Prints, in Debian's chromium at 1440x900:
//   - bytes the page fetched before its first frame (the corpus needs no font download);
//   - the frame that first draws the 100 cells (each laid out and painted once) and the frames
//     after it (the images come from the cache), from the hook's frame_ms;
//   - texture bytes of the images on screen, and the page's JS heap.
//   node tests/bench/scripts_text_bench.mjs [redraws=60]
// Needs WACONSOLE_SERVER_BIN, WACONSOLE_METASIM_BIN, WACONSOLE_WEB_DIST and WACONSOLE_TEST_TMP
// (scripts/bench.sh sets them) and tests/browser/node_modules.
import fs from 'node:fs';
import path from 'node:path';

import {
  launchBrowser,
  logInThroughUi,
  startSimulatedCenter,
  testState,
  waitForState,
} from '../browser/helpers.mjs';

const redraws = Number(process.argv[2] ?? 60);
const corpus = JSON.parse(fs.readFileSync(
  path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'data', 'scripts_corpus.json'),
  'utf8'));
const texts = (Array.isArray(corpus) ? corpus : corpus.entries ?? corpus.messages)
  .map((entry) => entry.text ?? entry.message)
  .filter(Boolean);

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};
const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;
};

const center = await startSimulatedCenter();
const browser = await launchBrowser();
try {
  const { page } = browser;
  await page.setViewportSize({ width: 1440, height: 900 });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });

  // 100 new customers, each writing one corpus message: 100 Unmanaged conversations.
  for (let i = 0; i < 100; ++i) {
    await center.inbound(`3469${String(1000000 + i)}`, `${texts[i % texts.length]} ${i}`, `Bench ${i}`);
  }

  await page.goto(`${center.url}/#/unmanaged?page_size=100`);
  await waitForState(page, 'the UI to be ready', (s) => s.ready);
  const beforeFirstFrame = bytes;
  await logInThroughUi(page);
  const drawn = await waitForState(page, '100 rows in scripts drawn', (s) =>
    s.section === 'unmanaged' && s.table && !s.table.loading && s.table.rows.length === 100 &&
    s.text_images.length >= 10 && s.text_images_pending === 0, 60000);
  // frame_ms holds the recent frames; the longest is the one that painted the most (the UI paints
  // for about 12 ms a frame and leaves the rest to the next frames).
  const firstDraw = Math.max(...drawn.frame_ms);

  // Scrolls down through all 100 rows: each step paints the rows that come into view.
  const seen = new Set(drawn.text_images.map((image) => image.text));
  let scrolled = drawn;
  const scrollFrames = [];
  await page.mouse.move(700, 500);
  for (let step = 0; step < 40; ++step) {
    const before = scrolled.frame;
    await page.mouse.wheel(0, 240);
    scrolled = await waitForState(page, 'a scrolled frame', (s) => s.frame > before + 1 &&
      s.text_images_pending === 0);
    scrollFrames.push(...scrolled.frame_ms.slice(-Math.min(scrolled.frame_ms.length, scrolled.frame - before)));
    scrolled.text_images.forEach((image) => seen.add(image.text));
  }
  const textureBytes = scrolled.text_images.reduce((sum, image) => sum + image.w * image.h * 4, 0);

  // Redraws with nothing new to paint: the pointer moves over the table.
  const before = scrolled.frame;
  for (let i = 0; i < redraws; ++i) {
    await page.mouse.move(400 + (i % 20) * 30, 300 + (i % 10) * 20);
    await page.waitForTimeout(16);
  }
  const after = await waitForState(page, 'the redraws', (s) => s.frame > before + redraws / 2);
  const cached = after.frame_ms.slice(-Math.min(after.frame_ms.length, after.frame - before));
  const metrics = await cdp.send('Performance.getMetrics');
  const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const state = await testState(page);

  console.log(`cells drawn by the browser: ${seen.size} over the 100 rows, ` +
    `${after.text_images.length} on screen at once (missing glyphs on the atlas: ${state.missing_glyphs})`);
  console.log(`bytes fetched before the first frame: ${(beforeFirstFrame / 1024).toFixed(0)} KB ` +
    '(no font for any of these scripts)');
  console.log(`frame that first draws them: ${firstDraw.toFixed(1)} ms; while scrolling through ` +
    `the rest: median ${median(scrollFrames).toFixed(1)} ms, max ${Math.max(...scrollFrames).toFixed(1)} ms`);
  console.log(`frames after (images cached): median ${median(cached).toFixed(1)} ms, ` +
    `p95 ${percentile(cached, 0.95).toFixed(1)} ms over ${cached.length} frames`);
  console.log(`texture memory of the images on screen (device pixels): ${(textureBytes / 1024 / 1024).toFixed(2)} MB; ` +
    `JS heap ${(heap / 1024 / 1024).toFixed(1)} MB`);
} finally {
  await browser.context.close();
  await center.stop();
}
