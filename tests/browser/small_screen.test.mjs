// A console on a small screen: at 800×600 no widget overlaps another, filters wrap onto a second
// row, the pager's page size and navigation sit apart, the columns that say who a row is about
// (customer, phone) are never cut, and the table scrolls sideways instead of squeezing every
// column to "…". The menu keeps short titles with its live counts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ARTIFACTS, clickWidget, startLoggedInConsole, testState, waitForState } from './helpers.mjs';

let running;

before(async () => {
  running = await startLoggedInConsole();
  await running.page.setViewportSize({ width: 800, height: 600 });
});

after(async () => {
  await running?.stop();
});

const settled = (s) => s.table && !s.table.loading && s.table.rows.length > 0;

// Pairs of recorded widgets whose rectangles overlap by more than a pixel each way. Rows and
// their cells and buttons overlap by design (a row is one selectable under its cells); menu
// entries touch their neighbours.
function overlaps(widgets) {
  const names = Object.keys(widgets).filter((name) => !/^table\.(row|cell)\./.test(name));
  const found = [];
  for (const [i, a] of names.entries()) {
    for (const b of names.slice(i + 1)) {
      if (a.startsWith('menu.') && b.startsWith('menu.')) continue;
      if (b.startsWith(`${a}.`) || a.startsWith(`${b}.`)) continue; // a field and its own parts
      const r = widgets[a];
      const s = widgets[b];
      const x = Math.min(r.x + r.w, s.x + s.w) - Math.max(r.x, s.x);
      const y = Math.min(r.y + r.h, s.y + s.h) - Math.max(r.y, s.y);
      if (x > 1 && y > 1) found.push(`${a} × ${b}`);
    }
  }
  return found;
}

function inside(widgets, width, height) {
  return Object.entries(widgets)
    .filter(([, r]) => r.x < -1 || r.y < -1 || r.x + r.w > width + 1 || r.y + r.h > height + 1)
    .map(([name]) => name);
}

for (const section of ['active', 'history', 'waiting', 'templates_sent']) {
  test(`${section} at 800×600: nothing overlaps, nothing leaves the page, names and phones are whole`, async () => {
    const { page } = running;
    await clickWidget(page, `menu.${section}`);
    await waitForState(page, `${section} with rows`, (s) => s.section === section && settled(s));
    const before = await testState(page);
    await page.mouse.move(2, 2);
    const state = await waitForState(page, 'a frame with the pointer away', (s) => s.frame > before.frame + 1);
    assert.deepEqual(overlaps(state.widgets), [], 'no two widgets overlap');
    assert.deepEqual(inside(state.widgets, 800, 600), [], 'every widget is on the page');
    for (const key of ['customer', 'phone']) {
      if (state.table.columns.includes(key)) assert.ok(!state.table.cut.includes(key), `${key} is not cut`);
    }
    for (const name of ['table.page_size', 'table.first', 'table.next', 'table.last']) {
      assert.ok(state.widgets[name], `${name} is drawn`);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `small-${section}.png`) });
  });
}

test('the menu shows live counts beside Unmanaged, Waiting and Active', async () => {
  const { page, server, token } = running;
  const state = await waitForState(page, 'the counts', (s) => s.menu_counts && s.menu_counts.active !== undefined);
  const response = await fetch(`${server.url}/api/table-counts`, { headers: { Authorization: `Bearer ${token}` } });
  const { counts } = await response.json();
  assert.deepEqual(state.menu_counts, counts);
  assert.ok(counts.active > 0 && counts.waiting > 0 && counts.unmanaged > 0);
});

test('at 800×600 the Active table scrolls sideways; at 1440×900 it fits', async () => {
  const { page } = running;
  await clickWidget(page, 'menu.active');
  let state = await waitForState(page, 'active with rows', (s) => s.section === 'active' && settled(s));
  assert.ok(state.table.scroll_max_x > 0, `the columns are wider than the page (scroll_max_x ${state.table.scroll_max_x})`);
  assert.equal(state.table.scroll_x, 0);
  const row = state.widgets[`table.row.${state.table.rows[0].id}`];
  await page.mouse.move(row.x + 20, row.y + row.h / 2);
  await page.mouse.wheel(400, 0);
  state = await waitForState(page, 'the table scrolled sideways', (s) => s.table.scroll_x > 0);
  assert.ok(state.table.scroll_x <= state.table.scroll_max_x);
  // The row's rectangle is its first column's cell, clipped to what shows: frozen, it stays put.
  const after = state.widgets[`table.row.${state.table.rows[0].id}`];
  assert.ok(after && Math.abs(after.x - row.x) < 2 && Math.abs(after.w - row.w) < 2,
    `the first column stays in view (${JSON.stringify(row)} → ${JSON.stringify(after)})`);
  assert.ok(!state.table.cut.includes('customer') && !state.table.cut.includes('phone'), 'who a row is about stays whole');
  await page.setViewportSize({ width: 1440, height: 900 });
  try {
    state = await waitForState(page, 'the wide page', (s) => s.table.scroll_max_x === 0 && s.table.scroll_x === 0);
  } finally {
    await page.setViewportSize({ width: 800, height: 600 });
  }
});
