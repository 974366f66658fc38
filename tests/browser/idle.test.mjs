// An idle console costs next to nothing: with nothing changing it draws fewer than one frame a
// second, asks only the change feed (never a table page), and a hidden tab asks nothing at all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openSection, startLoggedInConsole, testState, waitForState } from './helpers.mjs';

let running;

before(async () => {
  running = await startLoggedInConsole();
});

after(async () => {
  await running?.stop();
});

// Records the page's requests by path while `measure` runs.
async function requestsDuring(page, measure) {
  const paths = [];
  const onRequest = (request) => paths.push(new URL(request.url()).pathname);
  page.on('request', onRequest);
  try {
    await measure();
  } finally {
    page.off('request', onRequest);
  }
  return paths;
}

// Fakes the tab being hidden or shown again, as the browser reports it to the page.
async function setHidden(page, hidden) {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { value: value ? 'hidden' : 'visible', configurable: true });
    Object.defineProperty(document, 'hidden', { value, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('an idle console on Active draws under one frame a second and fetches no page in 20 s', async () => {
  const { page } = running;
  await openSection(page, 'active');
  // The pointer leaves the page's widgets; the second after the last input still draws.
  await page.mouse.move(2, 2);
  await page.waitForTimeout(1500);
  const first = await testState(page);
  const started = Date.now();
  const paths = await requestsDuring(page, () => page.waitForTimeout(20000));
  const seconds = (Date.now() - started) / 1000;
  const last = await testState(page);
  const framesPerSecond = (last.frame - first.frame) / seconds;
  assert.ok(framesPerSecond < 1, `${framesPerSecond.toFixed(2)} frames a second while idle`);
  assert.equal(last.table.fetches, first.table.fetches, 'no page was fetched');
  assert.deepEqual(paths.filter((path) => path !== '/api/changes'), [], 'only the change feed was asked');
  const perMinute = (paths.length / seconds) * 60;
  assert.ok(perMinute >= 40 && perMinute <= 80, `${perMinute.toFixed(0)} change-feed questions a minute`);
  assert.ok(last.live.answers > first.live.answers + 10, 'the feed kept being answered');
});

test('a hidden tab asks nothing and draws nothing; shown again it asks at once', async () => {
  const { page } = running;
  await setHidden(page, true);
  await page.waitForTimeout(1500); // a question already on its way may still be answered
  const first = await testState(page);
  const paths = await requestsDuring(page, () => page.waitForTimeout(5000));
  const hidden = await testState(page);
  assert.deepEqual(paths, [], 'no request while hidden');
  assert.equal(hidden.live.answers, first.live.answers);
  assert.ok(hidden.frame - first.frame <= 1, `${hidden.frame - first.frame} frames drawn while hidden`);

  await setHidden(page, false);
  await waitForState(page, 'the feed asked again', (s) => s.live.answers > hidden.live.answers, 3000);
});
