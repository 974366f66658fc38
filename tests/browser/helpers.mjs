// Shared helpers for the browser tests: start a real waconsole-server on a free port with demo
// data, launch Debian's chromium through playwright-core with a fresh profile, and read the UI
// through window.waconsoleTestState() (which reports and never drives: every action here is a
// real mouse click at a reported rectangle or real keyboard typing).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ADMIN_EMAIL = 'admin@waconsole.local';
export const ADMIN_PASSWORD = 'admin-demo-2026';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (ctest sets it; see tests/browser/CMakeLists.txt)`);
  return value;
}

// A fresh folder under WACONSOLE_TEST_TMP.
export function tempDir(prefix) {
  const root = requiredEnv('WACONSOLE_TEST_TMP');
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, `${prefix}-`));
}

// Runs a program until it prints `<name> listening on URL`; resolves with the URL and a stop().
async function spawnListening(bin, args, name, env = {}) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = output.match(new RegExp(`${name} listening on (http:\\/\\/[^\\s]+)`));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  child.stdout.resume();
  child.stderr.resume();
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url, stop, pid: child.pid };
}

// Starts the server with a new database and the demo data (on a free port unless `port` is
// given); resolves once it prints its "listening on" line. `extraArgs` are added to its command
// line, `env` to its environment. `db` names an existing database to serve instead (no demo data).
export async function startServer({ extraArgs = [], port = 0, env = {}, db } = {}) {
  const args = [
    '--db', db ?? path.join(tempDir('server'), 'browser.db'),
    '--port', String(port),
    '--web-root', requiredEnv('WACONSOLE_WEB_DIST'),
    ...(db ? [] : ['--demo-data']),
    ...extraArgs,
  ];
  return spawnListening(requiredEnv('WACONSOLE_SERVER_BIN'), args, 'waconsole-server', env);
}

// A loopback port nothing listens on right now.
// A free port, held by a listener until release(): a process that binds port 0 meanwhile (the
// simulator, started before the server that takes this port) cannot be given it.
async function reservePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  return { port, release: () => new Promise((resolve) => probe.close(resolve)) };
}


// The server with the demo data wired to the Meta simulator, as the run command starts them:
// customers write in through the simulator's signed webhooks (simulator.inbound), and the server
// sends through the simulator's Graph API. No background traffic and no simulated agents, so
// nothing moves unless the test moves it. `simArgs` are added to the simulator's command line.
export async function startSimulatedCenter({ extraArgs = [], simArgs = [] } = {}) {
  const secrets = {
    META_APP_SECRET: `secret-${process.pid}-${Date.now()}`,
    META_ACCESS_TOKEN: `token-${process.pid}-${Date.now()}`,
    META_VERIFY_TOKEN: `verify-${process.pid}`,
    META_PHONE_NUMBER_ID: '1000000001',
    META_WABA_ID: '2000000001',
  };
  const reserved = await reservePort();
  const serverPort = reserved.port;
  let sim;
  try {
    sim = await spawnListening(requiredEnv('WACONSOLE_METASIM_BIN'), [
      '--port', '0',
      '--webhook-url', `http://127.0.0.1:${serverPort}/webhook`,
      '--traffic-per-minute', '0',
      ...simArgs,
    ], 'waconsole-metasim', secrets);
  } finally {
    await reserved.release();
  }
  let server;
  try {
    server = await startServer({ port: serverPort, extraArgs, env: { ...secrets, META_GRAPH_URL: `${sim.url}/v21.0` } });
  } catch (error) {
    await sim.stop();
    throw error;
  }
  // A customer writes `text` from `from` (digits, no '+'); resolves once the simulator sent it.
  // `timestamp` (epoch seconds): when it was written, for a message that comes late.
  const inbound = async (from, text, name = 'Customer', timestamp = undefined) => {
    const response = await fetch(`${sim.url}/_sim/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from, name, text, timestamp }),
    });
    if (!response.ok) throw new Error(`inbound: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const stop = async () => {
    await server.stop();
    await sim.stop();
  };
  return { url: server.url, simUrl: sim.url, inbound, stop };
}

// Chromium with a fresh profile; the page is 1280x800 CSS pixels. `timezoneId` (an IANA name)
// is the browser's time zone, as the UI reads it from Intl.
export async function launchBrowser({ deviceScaleFactor = 1, timezoneId } = {}) {
  const context = await chromium.launchPersistentContext(tempDir('profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor,
    acceptDownloads: true,
    ...(timezoneId ? { timezoneId } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export async function testState(page) {
  return page.evaluate(() => (window.waconsoleTestState ? window.waconsoleTestState() : null));
}

// Polls the hook until predicate(state) (which may be async) is true; the error names what was
// awaited.
export async function waitForState(page, what, predicate, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let state = null;
  while (Date.now() < deadline) {
    state = await testState(page);
    if (state && (await predicate(state))) return state;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(state)?.slice(0, 3000)}`);
}

// Clicks the middle of a widget the UI reported drawing. The pointer arrives first and a frame
// sees it there, as with a hand on a mouse: ImGui 1.86 reads the pointer once a frame, and a row
// that lets its buttons overlap it only takes a press it was hovered for in the frame before.
export async function clickWidget(page, name) {
  const state = await waitForState(page, `widget ${name}`, (s) => s.widgets && s.widgets[name]);
  const rect = state.widgets[name];
  const x = rect.x + rect.w / 2;
  const y = rect.y + rect.h / 2;
  await page.mouse.move(x, y);
  await waitForState(page, 'a frame with the pointer there', (s) => s.frame > state.frame + 1);
  await page.mouse.click(x, y);
}

// The section a first login moves to once the menu's counts arrive (shared/busiest_section):
// the most conversations among waiting, active and unmanaged, ties in that order; null if none.
export function busiestSection(counts) {
  let busiest = null;
  for (const id of ['waiting', 'active', 'unmanaged']) {
    if ((counts?.[id] ?? 0) > (busiest ? counts[busiest] : 0)) busiest = id;
  }
  return busiest;
}

// After a first login in a browser: waits until the console has settled on the busiest section
// (or stayed on the first when every live section is empty); returns that state.
export async function waitForFirstSection(page) {
  return waitForState(page, 'the section a first login opens', (s) => {
    if (s.screen !== 'menu' || !s.menu_counts || Object.keys(s.menu_counts).length === 0) return false;
    return s.section === (busiestSection(s.menu_counts) ?? 'campaigns_new');
  });
}

export async function openApp(page, url) {
  await page.goto(url);
  return waitForState(page, 'the UI to be ready', (s) => s.ready);
}

// Logs in through the login screen: real clicks and typing, Enter to submit.
export async function logInThroughUi(page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  await waitForState(page, 'the login screen', (s) => s.ready && s.screen === 'login');
  await clickWidget(page, 'login.email');
  await page.keyboard.type(email);
  await clickWidget(page, 'login.password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

// The API as a script sees it, for comparing with what the UI shows.
export async function apiLogin(baseUrl) {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

export async function apiGet(baseUrl, token, pathAndQuery) {
  const response = await fetch(`${baseUrl}${pathAndQuery}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`);
  return response.json();
}

export function hashOf(page) {
  return new URL(page.url()).hash;
}

// A tiny HTTP server of the test's own on a free loopback port. Every request is recorded
// (method, url, headers, body) before `handler(req, res, body)` answers it (default: 404).
export async function startListener(handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (handler) {
        handler(req, res, body);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });
  return { url, requests, close };
}

// Records the page's Content-Security-Policy violations in window.cspViolations (the script is
// injected by the browser driver, so the policy does not apply to it).
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
}

// POST with a JSON body as a script would; returns { status, body } whatever the status.
export async function apiPost(baseUrl, token, pathAndQuery, body = {}) {
  const response = await fetch(`${baseUrl}${pathAndQuery}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// Empties a text field (click, Ctrl+A, Backspace) and types `text` into it.
export async function replaceText(page, widget, text) {
  await clickWidget(page, widget);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

// Opens a section through the sidebar and waits for its first rows.
export async function openSection(page, id) {
  await clickWidget(page, `menu.${id}`);
  return waitForState(page, `the ${id} table with rows`,
    (s) => s.section === id && s.table && !s.table.loading && s.table.rows.length > 0);
}

// A minimal SMTP sink on a free loopback port: takes every message and keeps it as
// { from, to: [...], data } (data: the message as sent, headers and body). Enough SMTP for a
// client that sends EHLO, MAIL, RCPT, DATA and QUIT without TLS or AUTH.
export async function startSmtpSink() {
  const messages = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [], data: '' };
    const reply = (line) => socket.write(`${line}\r\n`);
    reply('220 sink ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          messages.push(current);
          current = { from: '', to: [], data: '' };
          inData = false;
          reply('250 queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-sink');
          reply('250 8BITMIME');
        } else if (verb === 'HELO') reply('250 sink');
        else if (verb === 'MAIL') {
          current.from = line;
          reply('250 ok');
        } else if (verb === 'RCPT') {
          current.to.push(line);
          reply('250 ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go on');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(resolve);
  });
  return { port: server.address().port, messages, close };
}

// What most specs start from: a server with the demo data (wired to the simulator when
// `simulated`), an API token, and a browser logged in through the UI showing the menu.
// `stop()` closes both. `simArgs` go to the simulator when `simulated`.
export async function startLoggedInConsole({ simulated = false, extraArgs = [], simArgs = [], timezoneId } = {}) {
  const server = simulated ? await startSimulatedCenter({ extraArgs, simArgs }) : await startServer({ extraArgs });
  let browser;
  try {
    const token = await apiLogin(server.url);
    browser = await launchBrowser({ timezoneId });
    await openApp(browser.page, server.url);
    await logInThroughUi(browser.page);
    await waitForState(browser.page, 'the menu', (s) => s.screen === 'menu');
    const stop = async () => {
      await browser.context.close();
      await server.stop();
    };
    return { server, browser, page: browser.page, token, stop };
  } catch (error) {
    await browser?.context.close();
    await server.stop();
    throw error;
  }
}

// A server with the demo data and a browser on its login screen, for specs that log in
// themselves; `stop()` closes both. Call from before(); the returned object is filled then.
export function consoleBeforeLogin() {
  const running = {};
  before(async () => {
    running.server = await startServer();
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.context.close();
    await running.server?.stop();
  });
  return running;
}

// Clicks Download Excel and saves the file the browser got; resolves with the request and the
// saved path.
export async function downloadTable(page, table) {
  const requested = page.waitForRequest(new RegExp(`/api/tables/${table}\\.xlsx`));
  const downloaded = page.waitForEvent('download', { timeout: 30000 });
  await clickWidget(page, 'table.download');
  const request = await requested;
  const file = await downloaded;
  const saved = path.join(tempDir('download'), file.suggestedFilename());
  await file.saveAs(saved);
  return { request, saved };
}

// An error drawn next to its field: just under it (within 1.5 lines), or just right of it on its
// line, and overlapping it the other way; fails naming both rectangles.
export function assertBeside(widgets, field, error) {
  const f = widgets[field];
  const e = widgets[error];
  assert.ok(f && e, `${field} and ${error} are drawn`);
  const overlapX = Math.min(f.x + f.w, e.x + e.w) - Math.max(f.x, e.x);
  const overlapY = Math.min(f.y + f.h, e.y + e.h) - Math.max(f.y, e.y);
  const under = e.y >= f.y + f.h - 1 && e.y - (f.y + f.h) <= 1.5 * f.h && overlapX > 0;
  const right = e.x >= f.x + f.w - 1 && e.x - (f.x + f.w) <= 2 * f.h && overlapY > 0;
  assert.ok(under || right, `${error} ${JSON.stringify(e)} is next to ${field} ${JSON.stringify(f)}`);
}
