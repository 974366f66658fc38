// The console by keyboard alone: Tab and Shift+Tab go through everything clickable with a visible
// focus ring, Enter and Space press what has the focus, arrows move in the menu, Escape closes
// dialogs and pickers, PageDown / PageUp turn the table's page and "/" goes to the first filter.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  ARTIFACTS,
  clickWidget,
  consoleBeforeLogin,
  openApp,
  testState,
  waitForState,
} from './helpers.mjs';

// Filled by before(): the server and a browser on the login screen.
const running = consoleBeforeLogin();

// Presses `key` and returns the state two frames later (the key is seen in the first).
async function press(page, key) {
  const before = await testState(page);
  await page.keyboard.press(key);
  return waitForState(page, `a frame after ${key}`, (s) => s.frame > before.frame + 1);
}

// Presses `key` and returns the focus of each of the next `frames` frames, as drawn: a focus that
// passes through a widget for a single frame shows here (and Enter in that frame would press it).
async function pressWatchingFrames(page, key, frames = 10) {
  await page.keyboard.press(key);
  return page.evaluate((count) => new Promise((resolve) => {
    const seen = [];
    const step = () => {
      const state = window.waconsoleTestState();
      if (seen.length === 0 || seen[seen.length - 1].frame !== state.frame) {
        seen.push({ frame: state.frame, focus: state.focus });
      }
      if (seen.length < count) requestAnimationFrame(step); else resolve(seen.map((s) => s.focus));
    };
    requestAnimationFrame(step);
  }), frames);
}

// Presses `key` until the focus is on `widget` (at most `limit` times); fails naming where it went.
async function tabTo(page, widget, key = 'Tab', limit = 60) {
  const seen = [];
  for (let i = 0; i < limit; ++i) {
    const settled = await press(page, key);
    seen.push(settled.focus);
    if (settled.focus === widget) return settled;
  }
  throw new Error(`${widget} never got the focus; it went through ${seen.join(', ')}`);
}

// The pixels around a widget, as PNG bytes.
async function around(page, widget) {
  const rect = (await testState(page)).widgets[widget];
  return page.screenshot({ clip: { x: rect.x - 4, y: rect.y - 4, width: rect.w + 8, height: rect.h + 8 } });
}

test('Tab goes from the email to the password and the Log in button, Shift+Tab back, Enter logs in', async () => {
  const { page } = running.browser;
  await openApp(page, running.server.url);
  const start = await waitForState(page, 'the email field focused', (s) => s.screen === 'login' && s.focus === 'login.email');
  const unfocused = await around(page, 'login.submit');
  await page.keyboard.type(ADMIN_EMAIL);
  await tabTo(page, 'login.password');
  await page.keyboard.type(ADMIN_PASSWORD);
  await tabTo(page, 'login.submit');
  // The ring: the pixels around the button differ from when it had no focus.
  const focused = await around(page, 'login.submit');
  assert.ok(!unfocused.equals(focused), 'the focused button is drawn with a ring');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'focus-ring.png') });
  await tabTo(page, 'login.password', 'Shift+Tab');
  await tabTo(page, 'login.submit');
  assert.equal(start.screen, 'login');
  await page.keyboard.press('Enter');
  const state = await waitForState(page, 'the menu', (s) => s.screen === 'menu');
  assert.equal(state.user.email, ADMIN_EMAIL);
});

test('the menu is reached by Tab, arrows move in it, Enter and Space open a section', async () => {
  const { page } = running.browser;
  await waitForState(page, 'the menu drawn', (s) => s.widgets['menu.active']);
  await tabTo(page, 'menu.waiting');
  await page.keyboard.press('Enter');
  await waitForState(page, 'Waiting opened', (s) => s.section === 'waiting');
  await page.keyboard.press('ArrowDown');
  await waitForState(page, 'the focus on Active', (s) => s.focus === 'menu.active');
  await page.keyboard.press('Space');
  await waitForState(page, 'Active opened', (s) => s.section === 'active' && s.table.rows.length > 0);
  // Everything in the header, the menu and the table's toolbar and pager is on the way round
  // (the pager is last; after it Tab wraps to the header).
  const stops = new Set();
  for (let i = 0; i < 80 && !(stops.has('table.next') && stops.has('menu.logout')); ++i) {
    await page.keyboard.press('Tab');
    const state = await waitForState(page, 'a focus', (s) => s.focus);
    stops.add(state.focus);
  }
  for (const widget of ['menu.logout', 'menu.history', 'table.download', 'table.page_size', 'table.next']) {
    assert.ok(stops.has(widget), `${widget} is reached by Tab (went through ${[...stops].join(', ')})`);
  }
});

test('PageDown and PageUp turn the page; "/" puts the caret in the first filter', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.history');
  await waitForState(page, 'history rows', (s) => s.section === 'history' && s.table.rows.length > 0 && !s.table.loading);
  await page.keyboard.press('PageDown');
  await waitForState(page, 'page 2', (s) => s.table.page === 2 && !s.table.loading);
  await page.keyboard.press('PageUp');
  await waitForState(page, 'page 1', (s) => s.table.page === 1 && !s.table.loading);

  await clickWidget(page, 'menu.unmanaged');
  await waitForState(page, 'unmanaged rows', (s) => s.section === 'unmanaged' && s.table.rows.length > 0);
  await page.keyboard.press('/');
  await waitForState(page, 'the customer filter focused', (s) => s.focus === 'unmanaged.customer');
  await page.keyboard.type('Zoe');
  await page.keyboard.press('Enter');
  const state = await waitForState(page, 'the filter applied', (s) => s.table.filters.customer);
  assert.equal(state.table.filters.customer, 'Zoe', 'the "/" itself was not typed');
});

test('Escape closes a dialog and a picker', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.active');
  const state = await waitForState(page, 'active rows', (s) => s.section === 'active' && s.table.rows.length > 0 && !s.table.loading);
  await clickWidget(page, `table.row.${state.table.rows[0].id}.info`);
  await waitForState(page, 'the Info dialog', (s) => s.dialog === 'info');
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);

  await clickWidget(page, 'table.page_size');
  await waitForState(page, 'the page sizes listed', (s) => s.widgets['table.page_size.option.20']);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the list closed', (s) => !s.widgets['table.page_size.option.20']);
});

const agentOptions = (state) =>
  Object.entries(state.widgets)
    .filter(([name]) => name.startsWith('history.agent.option.'))
    .sort(([, a], [, b]) => a.y - b.y)
    .map(([name]) => Number(name.slice('history.agent.option.'.length)));

test('on History every Tab stop shows its focus; the agent list is worked from its field', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.history');
  await waitForState(page, 'history rows', (s) => s.section === 'history' && s.table.rows.length > 0 && !s.table.loading);
  await page.mouse.click(2, 2); // nothing focused
  // "/" edits the agent field and opens its list; Down and Up move through it, Enter picks.
  await page.keyboard.press('/');
  let state = await waitForState(page, 'the agent list open', (s) => s.focus === 'history.agent' && agentOptions(s).length >= 2);
  const agents = agentOptions(state);
  await press(page, 'ArrowDown');
  await press(page, 'ArrowDown');
  await press(page, 'ArrowDown');
  state = await press(page, 'ArrowUp');
  assert.equal(state.focus, 'history.agent', 'the arrows leave the caret in the field');
  await page.keyboard.press('Enter');
  state = await waitForState(page, 'the agent filter applied', (s) => s.table.filters.agent_id && !s.table.loading);
  assert.deepEqual(agentOptions(state), [], 'the list closed');
  assert.equal(Number(state.table.filters.agent_id), agents[1], 'the second agent of the list was picked');

  // Tab once round the page: every stop is a widget with its ring, the list's options are not
  // stops, and Tab out of the agent field closes its list.
  await page.keyboard.press('/');
  await waitForState(page, 'the agent list open again', (s) => s.focus === 'history.agent' && agentOptions(s).length > 0);
  const stops = [];
  for (let i = 0; i < 80; ++i) {
    state = await press(page, 'Tab');
    assert.ok(state.focus, `Tab ${i + 1} left the focus on nothing visible (after ${stops.join(', ')})`);
    assert.ok(!state.focus.startsWith('history.agent.option.'), `${state.focus} is not a Tab stop`);
    if (i === 0) assert.deepEqual(agentOptions(state), [], 'Tab away from the field closed the list');
    if (state.focus === 'history.agent') break;
    stops.push(state.focus);
  }
  assert.equal(state.focus, 'history.agent', `Tab came round to the agent field (went through ${stops.join(', ')})`);
  for (const widget of ['history.from', 'history.to', 'history.customer', 'history.search', 'table.page_size', 'menu.active']) {
    assert.ok(stops.includes(widget), `${widget} is a Tab stop (went through ${stops.join(', ')})`);
  }
  assert.ok(stops.some((w) => w.startsWith('table.row.')), 'the rows are Tab stops');
});

test('arrows move from row to row in a table, Enter opens the row\'s Info', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.active');
  let state = await waitForState(page, 'active rows', (s) => s.section === 'active' && s.table.rows.length > 3 && !s.table.loading);
  const order = state.table.rows.map((row) => `table.row.${row.id}`);
  for (let i = 0; i < 80 && !order.includes(state.focus); ++i) state = await press(page, 'Tab');
  const from = order.indexOf(state.focus);
  assert.ok(from >= 0, 'Tab reaches a row');
  const moveTo = async (key, widget) => {
    await page.keyboard.press(key);
    return waitForState(page, `${key} to ${widget}`, (s) => s.focus === widget, 5000);
  };
  await moveTo('ArrowDown', order[from + 1]);
  await moveTo('ArrowDown', order[from + 2]);
  state = await moveTo('ArrowUp', order[from + 1]);
  await page.keyboard.press('Enter');
  state = await waitForState(page, 'the row\'s Info', (s) => s.dialog === 'info');
  assert.equal(state.table.selected, state.table.rows[from + 1].id, 'Info is of the focused row');
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);
});

test('Escape closes the agent list and the calendar of a date filter', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.history');
  await waitForState(page, 'history rows', (s) => s.section === 'history' && !s.table.loading);
  await clickWidget(page, 'history.agent.toggle');
  await waitForState(page, 'the agents listed', (s) => agentOptions(s).length > 0);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the agent list closed', (s) => agentOptions(s).length === 0);
  const days = (s) => Object.keys(s.widgets).some((w) => w.startsWith('history.from.day.'));
  await clickWidget(page, 'history.from.calendar');
  await waitForState(page, 'the calendar open', days);
  await page.keyboard.press('Escape');
  await waitForState(page, 'the calendar closed', (s) => !days(s));
});

test('in the Info dialog Tab goes round the dialog\'s own controls, each with its focus', async () => {
  const { page } = running.browser;
  await clickWidget(page, 'menu.active');
  let state = await waitForState(page, 'active rows', (s) => s.section === 'active' && s.table.rows.length > 0 && !s.table.loading);
  await clickWidget(page, `table.row.${state.table.rows[0].id}.info`);
  await waitForState(page, 'the Info dialog', (s) => s.dialog === 'info' && s.widgets['info.close']);
  // Every frame after each press, not only where the focus settles: wrapping round once gave the
  // focus to Log out behind the dialog for a frame before ImGui took it back.
  const goRound = async (key) => {
    const stops = [];
    for (let i = 0; i < 40; ++i) {
      const frames = await pressWatchingFrames(page, key);
      for (const focus of frames) {
        assert.ok(focus, `${key} ${i + 1} left the focus on nothing visible (after ${stops.join(', ')})`);
        assert.ok(focus.startsWith('info.'), `${key} ${i + 1} put the focus on ${focus}, behind the dialog (after ${stops.join(', ')})`);
      }
      const settled = frames[frames.length - 1];
      if (stops.includes(settled)) break;
      stops.push(settled);
    }
    return stops;
  };
  const forward = await goRound('Tab');
  assert.ok(forward.includes('info.close') && forward.includes('info.email'), `Close and Send via e-mail are Tab stops (went through ${forward.join(', ')})`);
  const backward = await goRound('Shift+Tab');
  assert.deepEqual([...backward].sort(), [...forward].sort(), 'Shift+Tab goes through the same stops');
  await page.keyboard.press('Escape');
  await waitForState(page, 'the dialog closed', (s) => s.dialog === null);
});
