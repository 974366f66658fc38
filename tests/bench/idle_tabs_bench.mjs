// Benchmark: what idle open consoles cost the server. Starts a real waconsole-server with the
// demo data (nothing else writes to it), opens N tabs of Debian's chromium on Active (default
// 50), lets them settle, then measures the server process's CPU time (from /proc) and the
// requests the tabs made over the measuring window. Target: under 2 % of one core for 50 tabs.
//   node tests/bench/idle_tabs_bench.mjs [tabs=50] [seconds=60]
// Needs WACONSOLE_SERVER_BIN, WACONSOLE_WEB_DIST and WACONSOLE_TEST_TMP (scripts/bench.sh sets
// them) and tests/browser/node_modules.
import fs from 'node:fs';

import { launchBrowser, logInThroughUi, openApp, startServer, waitForState } from '../browser/helpers.mjs';

const tabs = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 60);
const TICKS_PER_SECOND = 100; // Linux USER_HZ

function cpuTicks(pid) {
  // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const onActive = (s) => s.section === 'active' && s.table && !s.table.loading && s.table.rows.length > 0;

const server = await startServer();
const browser = await launchBrowser();
let requests = 0;
let counting = false;
try {
  const pages = [browser.page];
  for (let i = 1; i < tabs; ++i) pages.push(await browser.context.newPage());
  const activeUrl = `${server.url}/#/active`;
  for (const [i, page] of pages.entries()) {
    page.on('request', () => { if (counting) requests += 1; });
    await openApp(page, activeUrl);
    try {
      // Later tabs share the first one's session cookie and open straight on Active.
      await waitForState(page, 'Active with rows', onActive, i === 0 ? 3000 : 30000);
    } catch {
      await logInThroughUi(page);
      await waitForState(page, 'signed in', (s) => s.screen && s.screen !== 'login', 30000);
      await openApp(page, activeUrl);
      await waitForState(page, 'Active with rows', onActive, 60000);
    }
  }
  // Let every tab reach its idle pace before measuring.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  counting = true;
  const before = cpuTicks(server.pid);
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = (Date.now() - started) / 1000;
  const used = (cpuTicks(server.pid) - before) / TICKS_PER_SECOND;
  counting = false;
  console.log(`idle tabs: ${tabs} tabs on Active for ${elapsed.toFixed(1)} s`);
  console.log(`  server CPU: ${(used * 1000).toFixed(0)} ms = ${((100 * used) / elapsed).toFixed(2)} % of one core ` +
              `(${((100 * used) / elapsed / tabs).toFixed(3)} % per tab; target < 2 % for 50 tabs)`);
  console.log(`  requests from all tabs: ${requests} = ${(requests / elapsed * 60 / tabs).toFixed(1)} per tab per minute`);
} finally {
  await browser.context.close();
  await server.stop();
}
