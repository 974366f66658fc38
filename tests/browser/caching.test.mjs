// A repeat visit takes the UI's content-named files from the browser's cache without asking
// (immutable) and revalidates only index.html (ETag, 304): measured on the wire with Chromium's
// own network events.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { consoleBeforeLogin, openApp } from './helpers.mjs';

const running = consoleBeforeLogin();
let cdp;
let responses = [];

async function watchNetwork() {
  cdp = await running.browser.context.newCDPSession(running.browser.page);
  await cdp.send('Network.enable');
  const byId = new Map();
  const fromCache = new Set();
  cdp.on('Network.requestServedFromCache', (event) => fromCache.add(event.requestId));
  cdp.on('Network.responseReceived', (event) => {
    byId.set(event.requestId, { url: event.response.url, status: event.response.status,
      cacheControl: event.response.headers['Cache-Control'] ?? event.response.headers['cache-control'] ?? '',
      cached: fromCache.has(event.requestId) || event.response.fromDiskCache === true });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const response = byId.get(event.requestId);
    if (response) responses.push({ ...response, bytes: event.encodedDataLength });
  });
}

after(async () => {
  await cdp?.detach().catch(() => {});
});

// Opens the console as a visit would and returns what came over the wire for it.
async function visit() {
  responses = [];
  await openApp(running.browser.page, `${running.server.url}/`);
  // The fonts and the rest arrive after the first frame: let them finish.
  await running.browser.page.waitForLoadState('networkidle');
  return responses.filter((r) => !new URL(r.url).pathname.startsWith('/api/'));
}

const total = (list) => list.reduce((sum, r) => sum + r.bytes, 0);

const CONTENT_NAMED = /\.[0-9a-f]{12}\.(js|css|wasm|ttf)$/;

test('a second visit costs under 50 KB: the hashed files come from the cache unasked, the page is revalidated', async () => {
  await watchNetwork();
  const first = await visit();
  const describe = (list) => list.map((r) => `${new URL(r.url).pathname} ${r.status} ${r.bytes} B${r.cached ? ' (cache)' : ''}`);
  const wasm = first.find((r) => r.url.endsWith('.wasm'));
  assert.ok(wasm && wasm.bytes > 100 * 1024, 'the first visit downloads the wasm');
  assert.ok(total(first) > 200 * 1024, `the first visit downloads the UI (${total(first)} bytes)`);
  // Everything but the page itself is named after its content and may be kept for good.
  const files = first.filter((r) => new URL(r.url).pathname !== '/');
  assert.ok(files.length >= 5, `script, wasm, shell and fonts: ${describe(first)}`);
  for (const r of files) {
    assert.match(new URL(r.url).pathname, CONTENT_NAMED, `${r.url} is not content-named`);
    assert.equal(r.cacheControl, 'public, max-age=31536000, immutable', r.url);
  }
  const page = first.find((r) => new URL(r.url).pathname === '/');
  assert.equal(page?.cacheControl, 'no-cache', 'index.html is always revalidated');

  const second = await visit();
  const seen = describe(second);
  assert.ok(second.some((r) => r.url.endsWith('.wasm')), `the wasm is loaded: ${seen}`);
  for (const r of second) {
    if (CONTENT_NAMED.test(new URL(r.url).pathname)) {
      assert.ok(r.cached && r.bytes === 0, `${new URL(r.url).pathname} was asked for again: ${seen.join(', ')}`);
    } else {
      assert.ok(r.bytes < 2048, `${new URL(r.url).pathname} came whole again: ${seen.join(', ')}`);
    }
  }
  const again = second.find((r) => new URL(r.url).pathname === '/');
  // Chromium reports a 304 as the cached 200; the bytes on the wire tell: headers only.
  assert.ok(again && again.bytes < page.bytes - 500, `index.html is revalidated, not sent again: ${seen.join(', ')}`);
  assert.ok(total(second) < 50 * 1024, `the second visit moved ${total(second)} bytes: ${seen.join(', ')}`);
  console.log(`first visit ${total(first)} bytes, second visit ${total(second)} bytes (${seen.join(', ')})`);
});
