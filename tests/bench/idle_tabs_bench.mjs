// Benchmark: what idle open consoles cost. Serves a database of contact-center size (1,000,000
// conversations by default, seeded once by section_paging_bench --seed-only and kept under
// WACONSOLE_TEST_TMP for the next run) from a real waconsole-server, logs in through the UI of
// Debian's chromium and opens N tabs (default 10; the later ones share the session cookie) on
// Active with 100 rows a page. After they settle it measures, over the window (default 60 s):
// the browser's CPU (every chromium process), the server's CPU (from /proc), the requests the tabs
// made and the frames they drew, each per idle tab; the server's CPU per tab is what the tabs add
// to its CPU over the same time with no console open, measured first. Targets (issue 10): under one frame a second,
// the server under 0.1 % of a core per tab, no page query while nothing changes.
//   node tests/bench/idle_tabs_bench.mjs [tabs=10] [seconds=60] [conversations=1000000]
// conversations=0 serves the demo data instead (a server where nothing moves by itself; a seeded
// database keeps the server closing bot conversations whose windows ended, real changes that
// every tab refetches, counted in the output).
// Needs WACONSOLE_SERVER_BIN, WACONSOLE_WEB_DIST and WACONSOLE_TEST_TMP (scripts/bench.sh sets
// them), tests/browser/node_modules, and the section_paging_bench program
// (WACONSOLE_SEED_BIN; default: tests/bench/section_paging_bench of the server's build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  launchBrowser,
  logInThroughUi,
  openApp,
  startServer,
  testState,
  waitForState,
} from '../browser/helpers.mjs';

const tabs = Number(process.argv[2] ?? 10);
const seconds = Number(process.argv[3] ?? 60);
const conversations = Number(process.argv[4] ?? 1000000);
const TICKS_PER_SECOND = 100; // Linux USER_HZ
const EMAIL = conversations > 0 ? 'bench-admin@waconsole.local' : ADMIN_EMAIL;
const PASSWORD = conversations > 0 ? 'idle-bench-password-2026' : ADMIN_PASSWORD;

const serverBin = process.env.WACONSOLE_SERVER_BIN;
const seedBin = process.env.WACONSOLE_SEED_BIN ??
  path.join(path.dirname(serverBin), '..', 'tests', 'bench', 'section_paging_bench');
const tmp = process.env.WACONSOLE_TEST_TMP;

function run(bin, args, input) {
  const result = spawnSync(bin, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// The contact-center database with an administrator, made once per size.
function benchDatabase() {
  fs.mkdirSync(tmp, { recursive: true });
  const db = path.resolve(tmp, `idle-tabs-${conversations}.db`);
  if (!fs.existsSync(db)) {
    console.log(`seeding ${conversations} conversations into ${db} (once) ...`);
    const seeded = run(seedBin, ['--seed-only', db, '--conversations', String(conversations)]);
    if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.output}`);
    const added = run(serverBin, ['users', 'add', '--db', db, '--email', EMAIL, '--name', 'Bench Admin',
      '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
    if (added.status !== 0) throw new Error(`adding the administrator failed:\n${added.output}`);
  }
  return db;
}

// utime + stime of a process, in ticks; 0 once it is gone.
function cpuTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

// Every process below `root` (children, grandchildren ...), by their parent pid in /proc.
function descendants(root) {
  const parents = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const found = [];
  const walk = (pid) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

// Chromium's processes: our descendants that are not the server or below it.
function browserPids(serverPid) {
  const server = new Set([serverPid, ...descendants(serverPid)]);
  return descendants(process.pid).filter((pid) => !server.has(pid));
}

const sumTicks = (pids) => pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);

// The change feed as the bench sees it: ask() returns the topics named since the last question.
async function changeFeed(baseUrl) {
  const login = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const { token } = await login.json();
  let run = '';
  let version = 0;
  return async () => {
    const response = await fetch(`${baseUrl}/api/changes?since=${version}&run=${run}`,
      { headers: { Authorization: `Bearer ${token}` } });
    const body = await response.json();
    const changed = run === '' ? [] : body.changed;
    ({ run, version } = body);
    return changed;
  };
}

// A freshly seeded database keeps the server busy for a while (windows that ended are closed,
// and each close is a change every tab refetches): measuring starts once the feed has been
// quiet for `quiet` seconds, or says it never was.
async function waitUntilQuiet(ask, quiet = 5, limit = 300) {
  let calm = 0;
  for (let waited = 0; waited < limit; ++waited) {
    calm = (await ask()).length === 0 ? calm + 1 : 0;
    if (calm >= quiet) return true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}
// The server's CPU (seconds) over the measuring window, and in how many of its seconds the change
// feed named a topic.
async function measureServer(ask) {
  const before = cpuTicks(server.pid);
  const started = Date.now();
  let changes = 0;
  while (Date.now() - started < seconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    changes += (await ask()).length > 0 ? 1 : 0;
  }
  return {
    elapsed: (Date.now() - started) / 1000,
    used: (cpuTicks(server.pid) - before) / TICKS_PER_SECOND,
    changes,
  };
}

// A full page of 100 rows, or every row there is (the demo data has fewer).
const onActive = (s) => s.screen === 'menu' && s.section === 'active' && s.table &&
  !s.table.loading && s.table.rows.length === Math.min(100, s.table.total) && s.table.total > 0;

const server = await startServer(conversations > 0 ? { db: benchDatabase() } : {});
const browser = await launchBrowser();
let requests = 0;
let pageQueries = 0;
let countQueries = 0;
let counting = false;
try {
  // The server's own pace with no console open (closing ended windows of a seeded database,
  // say): what the tabs cost is what they add to it.
  const ask = await changeFeed(server.url);
  if (!(await waitUntilQuiet(ask))) console.log('  (the server never went quiet: its changes are counted below)');
  const alone = await measureServer(ask);
  const activeUrl = `${server.url}/#/active?page_size=100`;
  const pages = [browser.page];
  await openApp(browser.page, activeUrl);
  await logInThroughUi(browser.page, EMAIL, PASSWORD);
  await waitForState(browser.page, 'Active with 100 rows', onActive, 60000);
  for (let i = 1; i < tabs; ++i) {
    const page = await browser.context.newPage();
    pages.push(page);
    await openApp(page, activeUrl); // logged in by the session cookie
    await waitForState(page, `tab ${i + 1} on Active with 100 rows`, onActive, 60000);
  }
  for (const page of pages) {
    page.on('request', (request) => {
      if (!counting) return;
      requests += 1;
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/tables/')) pageQueries += 1;
      if (pathname === '/api/table-counts') countQueries += 1;
    });
    await page.mouse.move(2, 2); // the pointer off the widgets
  }
  // Let every tab reach its idle pace before measuring.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const framesBefore = await Promise.all(pages.map(async (page) => (await testState(page)).frame));
  const pids = browserPids(server.pid);
  counting = true;
  const browserBefore = sumTicks(pids);
  const { elapsed, used: serverUsed, changes } = await measureServer(ask);
  const browserUsed = (sumTicks(pids) - browserBefore) / TICKS_PER_SECOND;
  counting = false;
  const framesAfter = await Promise.all(pages.map(async (page) => (await testState(page)).frame));
  const frames = framesAfter.reduce((sum, frame, i) => sum + frame - framesBefore[i], 0);
  const percent = (used) => ((100 * used) / elapsed / tabs).toFixed(3);
  const data = conversations > 0 ? `${conversations} conversations` : 'the demo data';
  console.log(`idle tabs: ${tabs} tabs on Active (100 rows a page, ${data}) ` +
              `for ${elapsed.toFixed(1)} s`);
  console.log(`  seconds in which the server changed something: ${changes}`);
  console.log(`  frames drawn: ${(frames / elapsed / tabs).toFixed(2)} a second per tab (target < 1)`);
  console.log(`  requests: ${((requests / elapsed) * 60 / tabs).toFixed(1)} a minute per tab, ` +
              `of which page queries ${((pageQueries / elapsed) * 60 / tabs).toFixed(1)}, ` +
              `the menu's counts ${((countQueries / elapsed) * 60 / tabs).toFixed(1)}`);
  console.log(`  browser CPU: ${percent(browserUsed)} % of one core per tab ` +
              `(${(100 * browserUsed / elapsed).toFixed(2)} % for all ${pids.length} chromium processes)`);
  const added = serverUsed - (alone.used / alone.elapsed) * elapsed;
  console.log(`  server CPU: ${percent(added)} % of one core per tab (target < 0.1 %): ` +
              `${(100 * serverUsed / elapsed).toFixed(2)} % with the tabs, ` +
              `${(100 * alone.used / alone.elapsed).toFixed(2)} % with none open ` +
              `(${alone.changes} s of ${alone.elapsed.toFixed(0)} with changes)`);
} finally {
  await browser.context.close();
  await server.stop();
}
