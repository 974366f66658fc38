// Logging in and out through the real UI against a real server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ADMIN_EMAIL,
  clickWidget,
  hashOf,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  waitForFirstSection,
  waitForState,
} from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.context.close();
  await server?.stop();
});

test('a wrong password shows the server error and stays on the login screen', async () => {
  const { page } = browser;
  const first = await openApp(page, server.url);
  assert.equal(first.screen, 'login');
  await waitForState(page, '#/login in the URL', () => hashOf(page) === '#/login');

  await logInThroughUi(page, ADMIN_EMAIL, 'not-the-password');
  const state = await waitForState(page, 'the login error', (s) => s.error);
  // The sentence of shared/error_sentences for the server's invalid_credentials.
  assert.equal(state.error, 'The email or password is not right.');
  assert.equal(state.screen, 'login');
  assert.equal(state.user, null);
  assert.ok(state.widgets['login.error']?.w > 0, 'the error is drawn on the login card');
  assert.equal(hashOf(page), '#/login');
});

test('the demo admin logs in, sees the menu and logs out again', async () => {
  const { page, problems } = browser;
  // The failed attempt above left the email filled in and the password empty.
  await clickWidget(page, 'login.password');
  await page.keyboard.type('admin-demo-2026');
  await clickWidget(page, 'login.submit');

  // The hook's rectangles are those of the last drawn frame: wait until the menu has been drawn.
  const state = await waitForState(page, 'the menu', (s) => s.screen === 'menu' && s.widgets['menu.logout']);
  assert.equal(state.user.email, ADMIN_EMAIL);
  assert.equal(state.user.role, 'admin');
  assert.equal(state.error, null);
  for (const section of ['campaigns_new', 'campaigns_history', 'unmanaged', 'waiting', 'active',
    'history', 'templates_sent']) {
    assert.ok(state.widgets[`menu.${section}`], `menu entry ${section} is drawn`);
  }
  // A first login in this browser: the busiest live section, in the URL.
  const opened = await waitForFirstSection(page);
  assert.notEqual(opened.section, 'campaigns_new', 'the demo data has live conversations');
  await waitForState(page, 'the section in the URL', () => hashOf(page) === `#/${opened.section}`);

  await clickWidget(page, 'menu.logout');
  const out = await waitForState(page, 'the login screen again', (s) => s.screen === 'login');
  assert.equal(out.user, null);
  await waitForState(page, '#/login after logging out', () => hashOf(page) === '#/login');
  assert.deepEqual(problems, []);
});

test('too many wrong passwords say when to try again, on the person\'s clock', async () => {
  const email = 'nobody@waconsole.local';
  // Five failures from this address (the limit per account and address), then the UI's sixth.
  for (let i = 0; i < 5; ++i) {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'not-the-password' }),
    });
    assert.equal(response.status, 401);
  }
  const page = await browser.context.newPage();
  try {
    await openApp(page, `${server.url}/#/login`);
    await logInThroughUi(page, email, 'not-the-password');
    const state = await waitForState(page, 'the refusal', (s) => s.error && /attempts/.test(s.error));
    const match = state.error.match(/^Too many attempts: try again at (\d\d):(\d\d)\.$/);
    assert.ok(match, `"${state.error}" says when`);
    const wait = await page.evaluate(([hours, minutes]) => {
      const now = new Date();
      const at = new Date(now);
      at.setHours(Number(hours), Number(minutes), 0, 0);
      if (at < now) at.setDate(at.getDate() + 1);
      return (at - now) / 60000;
    }, [match[1], match[2]]);
    assert.ok(wait > 0 && wait <= 16, `try again in ${wait.toFixed(1)} minutes`);
  } finally {
    await page.close();
  }
});

test('a bookmarked section opens after logging in', async () => {
  const page = await browser.context.newPage();
  await openApp(page, `${server.url}/#/active`);
  await waitForState(page, 'the login redirect', (s) => s.screen === 'login' && hashOf(page) === '#/login');
  await logInThroughUi(page);
  const state = await waitForState(page, 'the active section', (s) => s.screen === 'menu' && s.section === 'active');
  assert.equal(hashOf(page), '#/active');
  assert.equal(state.user.email, ADMIN_EMAIL);
  await page.close();
});

test('on a high-DPI screen the canvas has device pixels and follows window resizes', async () => {
  const sharp = await launchBrowser({ deviceScaleFactor: 2 });
  try {
    const { page } = sharp;
    await openApp(page, server.url);
    const canvasSize = () => page.evaluate(() => {
      const canvas = document.querySelector('canvas');
      return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth };
    });
    assert.deepEqual(await canvasSize(), { width: 2560, height: 1600, cssWidth: 1280 });

    await page.setViewportSize({ width: 1000, height: 700 });
    await waitForState(page, 'the login card to move', async () => {
      const size = await canvasSize();
      return size.width === 2000 && size.height === 1400;
    });
    const state = await waitForState(page, 'the login card re-centred',
      (s) => Math.abs(s.widgets['login.submit'].x + s.widgets['login.submit'].w / 2 - 500) < 2);
    assert.ok(state.widgets['login.email'].w > 100, 'widget sizes are in CSS pixels');

    // Clicks at the reported CSS-pixel rectangles land on the right widgets.
    await logInThroughUi(page);
    await waitForState(page, 'the menu', (s) => s.screen === 'menu');
  } finally {
    await sharp.context.close();
  }
});
