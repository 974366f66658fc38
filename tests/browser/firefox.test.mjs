// The core flows in a second real browser: Debian's Firefox ESR over WebDriver BiDi (puppeteer-core,
// firefox_helpers.mjs), against a real server with the demo data. The console
// draws in WebGL2 on software GL, logs in by mouse and by keyboard alone, opens a section, pages,
// changes the page size and downloads a real .xlsx, all as in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  apiGet,
  apiLogin,
  clickWidget,
  hashOf,
  logInThroughUi,
  openApp,
  openSection,
  startServer,
  testState,
  waitForFirstSection,
  waitForState,
} from './helpers.mjs';
import {
  canvasRenderer,
  distinctColours,
  firefoxScreenshot,
  launchFirefox,
  waitForDownload,
  withScreenshotOnFailure,
} from './firefox_helpers.mjs';

let server;
let browser;
let token;

before(async () => {
  server = await startServer();
  token = await apiLogin(server.url);
  browser = await launchFirefox();
});

after(async () => {
  await browser?.browser.close();
  await server?.stop();
});

const ids = (rows) => rows.map((row) => row.id);
const settled = (s) => s.table && !s.table.loading && s.table.rows.length > 0;

// Each step keeps a screenshot under artifacts/firefox/ when it fails.
const step = (name, body) => test(name, () => withScreenshotOnFailure(browser.page, name.replace(/\W+/g, '-'), body));

step('the console starts in Firefox and draws its login screen with WebGL2', async () => {
  const { page } = browser;
  const state = await openApp(page, server.url);
  assert.equal(state.screen, 'login');
  const drawn = await waitForState(page, 'the login card drawn',
    (s) => s.widgets['login.email'] && s.widgets['login.password'] && s.widgets['login.submit']);
  const gl = await canvasRenderer(page);
  assert.ok(gl?.webgl2, `the canvas has a WebGL2 context: ${JSON.stringify(gl)}`);
  assert.deepEqual([gl.width, gl.height], [1280, 800], 'the canvas fills the 1280x800 page');
  // The card's pixels: text and fields, not an empty canvas.
  const email = drawn.widgets['login.email'];
  const submit = drawn.widgets['login.submit'];
  const card = await page.screenshot({
    clip: { x: email.x - 8, y: email.y - 8, width: email.w + 16, height: submit.y + submit.h - email.y + 16 },
  });
  const colours = await distinctColours(browser.browser, card);
  assert.ok(colours > 20, `the login card is drawn (${colours} colours; renderer ${gl.renderer})`);
  await firefoxScreenshot(page, 'login');
});

step('the demo admin logs in by clicking the fields, typing and pressing Enter', async () => {
  const { page } = browser;
  await logInThroughUi(page);
  const state = await waitForState(page, 'the menu', (s) => s.screen === 'menu' && s.widgets['menu.logout']);
  assert.equal(state.user.email, ADMIN_EMAIL);
  assert.equal(state.error, null);
  const opened = await waitForFirstSection(page);
  assert.notEqual(opened.section, 'campaigns_new', 'the demo data has live conversations');
  await waitForState(page, 'the section in the URL', () => hashOf(page) === `#/${opened.section}`);
});

step('Active conversations opens from the menu, pages with Next and shows 20 rows a page', async () => {
  const { page } = browser;
  const first = await openSection(page, 'active');
  await waitForState(page, 'the section in the URL', () => hashOf(page) === '#/active');
  const api1 = await apiGet(server.url, token, '/api/tables/active?page=1&page_size=10');
  assert.ok(api1.total > 20, `the demo data has more than two pages (${api1.total})`);
  assert.equal(first.table.page, 1);
  assert.equal(first.table.total, api1.total);
  assert.deepEqual(ids(first.table.rows), ids(api1.rows));

  await clickWidget(page, 'table.next');
  const second = await waitForState(page, 'page 2', (s) => settled(s) && s.table.page === 2);
  const api2 = await apiGet(server.url, token, '/api/tables/active?page=2&page_size=10');
  assert.deepEqual(ids(second.table.rows), ids(api2.rows));
  assert.ok(ids(second.table.rows).every((id) => !ids(first.table.rows).includes(id)),
    'page 2 shows other rows than page 1');
  await waitForState(page, 'page 2 in the URL', () => hashOf(page) === '#/active?page=2');

  await clickWidget(page, 'table.page_size');
  await clickWidget(page, 'table.page_size.option.20');
  const twenty = await waitForState(page, '20 rows a page', (s) => settled(s) && s.table.page_size === 20);
  assert.equal(twenty.table.page, 1, 'a new page size starts at page 1');
  assert.equal(twenty.table.rows.length, 20);
  const api20 = await apiGet(server.url, token, '/api/tables/active?page=1&page_size=20');
  assert.deepEqual(ids(twenty.table.rows), ids(api20.rows));
  await waitForState(page, 'the page size in the URL', () => hashOf(page) === '#/active?page_size=20');
  await firefoxScreenshot(page, 'active');
});

step('Download Excel saves a real .xlsx with every active conversation', async () => {
  const { page } = browser;
  const requested = page.waitForRequest((request) => /\/api\/tables\/active\.xlsx/.test(request.url()));
  await clickWidget(page, 'table.download');
  const request = await requested;
  const timeZone = new URL(request.url()).searchParams.get('time_zone');
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.equal(timeZone, browserZone, 'the request names the browser\'s time zone');
  const saved = await waitForDownload(browser.downloads, /^active-conversations-\d{8}-\d{4}\.xlsx$/);

  const bytes = fs.readFileSync(saved);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file (an .xlsx)');
  const unzip = (...args) => execFileSync('unzip', args, { maxBuffer: 64 << 20 }).toString('utf8');
  assert.ok(unzip('-Z1', saved).split('\n').includes('xl/worksheets/sheet1.xml'), 'the workbook has its sheet');
  const sheet = unzip('-p', saved, 'xl/worksheets/sheet1.xml');
  const state = await waitForState(page, 'the download finished',
    (s) => !s.table.downloading && s.toasts.some((t) => /^Saved /.test(t.text)));
  assert.equal(state.table.error, null);
  assert.equal((sheet.match(/<row[\s>]/g) ?? []).length, state.table.total + 1,
    'one header row plus one row per conversation');
  const saying = state.toasts.find((t) => /^Saved /.test(t.text));
  assert.equal(saying.kind, 'info');
  assert.equal(saying.text, `Saved ${path.basename(saved)}`);
});

// Logs out, reloads (a fresh load puts the focus in the email field, as in Chromium) and logs in by
// keyboard alone: the email, Tab, the password, Tab, Enter, checking where each Tab put the focus.
// `settleFrames`: frames to let pass after the focus reached the password field before typing
// into it. Resolves with the state once the login was answered and the passwords the UI sent.
async function logInByKeyboard(page, { settleFrames }) {
  await clickWidget(page, 'menu.logout');
  await waitForState(page, 'the login screen again', (s) => s.screen === 'login' && s.user === null);
  await page.reload();
  await waitForState(page, 'the email field focused',
    (s) => s.ready && s.screen === 'login' && s.focus === 'login.email');
  await page.keyboard.type(ADMIN_EMAIL);
  const stops = [];
  for (const expected of ['login.password', 'login.submit']) {
    const before = await testState(page);
    await page.keyboard.press('Tab');
    const moved = await waitForState(page, `the focus after Tab (expected ${expected})`,
      (s) => s.frame > before.frame && s.focus !== before.focus);
    stops.push(moved.focus);
    assert.equal(moved.focus, expected, `Tab order: login.email, ${stops.join(', ')}`);
    if (expected === 'login.password') {
      if (settleFrames > 0) {
        await waitForState(page, 'the password field settled', (s) => s.frame >= moved.frame + settleFrames);
      }
      await page.keyboard.type(ADMIN_PASSWORD);
    }
  }
  await page.keyboard.press('Enter');
  const state = await waitForState(page, 'the login answered', (s) => s.screen === 'menu' || s.error);
  const sent = (await page.evaluate(() => window.loginBodies ?? [])).map((body) => JSON.parse(body));
  return { state, sent };
}

// What a refused login sent, for the failure message.
const described = (sent) => sent.map(({ email, password }) =>
  `email ${JSON.stringify(email)}, password ${JSON.stringify(password)} (typed ${JSON.stringify(ADMIN_PASSWORD)})`)
  .join(' | ') || 'nothing seen';

step('by keyboard alone: Tab goes from the email to the password and Log in, Enter logs in', async () => {
  const { page, problems } = browser;
  // What the UI sends to /api/login, kept by the page (emscripten_fetch uses XMLHttpRequest; the
  // script is the driver's, run before the page's own): a refused login then says whether the
  // keystrokes arrived.
  await page.evaluateOnNewDocument(() => {
    window.loginBodies = [];
    const { open, send } = XMLHttpRequest.prototype;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      this.loginRequest = method === 'POST' && /\/api\/login$/.test(String(url));
      return open.call(this, method, url, ...rest);
    };
    XMLHttpRequest.prototype.send = function (body) {
      if (this.loginRequest) window.loginBodies.push(typeof body === 'string' ? body : new TextDecoder().decode(body));
      return send.call(this, body);
    };
  });
  // Two frames after the focus reached the password field (the next test types at once).
  const { state, sent } = await logInByKeyboard(page, { settleFrames: 2 });
  assert.equal(state.screen, 'menu', `the login was refused: ${state.error}; the UI sent ${described(sent)}`);
  assert.equal(state.user.email, ADMIN_EMAIL);
  // Logged in with what was typed: the section used last in this browser opens.
  await waitForState(page, 'the last section', (s) => s.section === 'active' && settled(s));
  assert.deepEqual(problems, []);
});

// Typing at once after the hook reports the focus on the password field (Tab from the email).
// Firefox delivered the first character before the frame that activates the field often enough to
// show a fault Chromium rarely met: ImGui drops the characters of a text field's first frame when
// the keyboard activated it, so "dmin-demo-2026" was sent in about 1 run in 4 here. The input
// queue now holds what was typed after a Tab until the field's second frame (web/input_order).
// Several logins in a row, so that a return of the fault is seen.
step('by keyboard alone, typing at once after Tab keeps the first character of the password', async () => {
  const { page } = browser;
  for (let run = 1; run <= 8; ++run) {
    const { state, sent } = await logInByKeyboard(page, { settleFrames: 0 });
    assert.equal(state.screen, 'menu', `login ${run}: refused: ${state.error}; the UI sent ${described(sent)}`);
  }
});
