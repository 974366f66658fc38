// A repeat visit revalidates the UI's files instead of downloading them again (ETag, 304):
// measured on the wire with Chromium's own network events.
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
  cdp.on('Network.responseReceived', (event) => {
    byId.set(event.requestId, { url: event.response.url, status: event.response.status });
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

test('a second visit costs under 50 KB: every file is revalidated, none comes again', async () => {
  await watchNetwork();
  const first = await visit();
  const wasm = first.find((r) => r.url.endsWith('.wasm'));
  assert.ok(wasm && wasm.bytes > 100 * 1024, 'the first visit downloads the wasm');
  assert.ok(total(first) > 200 * 1024, `the first visit downloads the UI (${total(first)} bytes)`);

  const second = await visit();
  const files = second.map((r) => `${new URL(r.url).pathname} ${r.status} ${r.bytes} B`);
  // Chromium shows a revalidated fetch() as the cached 200; the bytes on the wire tell.
  assert.ok(second.some((r) => r.url.endsWith('.wasm')), `the wasm is asked for: ${files}`);
  for (const r of second) {
    assert.ok(r.bytes < 2048, `${new URL(r.url).pathname} came whole again: ${files.join(', ')}`);
  }
  assert.ok(total(second) < 50 * 1024,
    `the second visit moved ${total(second)} bytes: ${files.join(', ')}`);
  console.log(`first visit ${total(first)} bytes, second visit ${total(second)} bytes (${files.join(', ')})`);
});
