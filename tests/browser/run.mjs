// Entry point for ctest's browser_ui: checks that everything the browser tests need is there and
// fails with a clear message if not (a missing prerequisite must never look like a pass), then
// runs every *.test.mjs here (or the files named on its command line) with node's test runner,
// one file at a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const problems = [];
for (const module of ['playwright-core', 'puppeteer-core']) {
  if (!fs.existsSync(path.join(here, 'node_modules', module))) {
    problems.push(`tests/browser/node_modules/${module} is missing: run \`npm ci\` in tests/browser (scripts/setup.sh does)`);
  }
}
for (const name of ['WACONSOLE_SERVER_BIN', 'WACONSOLE_METASIM_BIN', 'WACONSOLE_WEB_DIST', 'WACONSOLE_TEST_TMP']) {
  if (!process.env[name]) problems.push(`${name} is not set`);
}
const serverBin = process.env.WACONSOLE_SERVER_BIN;
if (serverBin && !fs.existsSync(serverBin)) problems.push(`no server binary at ${serverBin}`);
const simBin = process.env.WACONSOLE_METASIM_BIN;
if (simBin && !fs.existsSync(simBin)) problems.push(`no simulator binary at ${simBin}`);
const dist = process.env.WACONSOLE_WEB_DIST;
// The build names the script and the wasm after their content (web/hash_dist.cmake).
for (const file of ['index.html', /^waconsole-web\.[0-9a-f]{12}\.js$/, /^waconsole-web\.[0-9a-f]{12}\.wasm$/]) {
  const found = typeof file === 'string' ? dist && fs.existsSync(path.join(dist, file))
    : dist && fs.existsSync(dist) && fs.readdirSync(dist).some((name) => file.test(name));
  if (dist && !found) {
    problems.push(`${dist}: ${file} is missing: build the web UI (cmake --preset wasm && cmake --build build/wasm)`);
  }
}
if (!fs.existsSync('/usr/bin/chromium')) problems.push('/usr/bin/chromium is missing: install Debian\'s chromium');
if (!fs.existsSync('/usr/bin/firefox-esr')) problems.push('/usr/bin/firefox-esr is missing: install Debian\'s firefox-esr (firefox.test.mjs)');

if (problems.length > 0) {
  console.error('browser_ui cannot run (counted as a failure):');
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

// Each run starts from an empty scratch folder (databases, browser profiles, downloads).
fs.rmSync(process.env.WACONSOLE_TEST_TMP, { recursive: true, force: true });
fs.mkdirSync(process.env.WACONSOLE_TEST_TMP, { recursive: true });

// `node run.mjs team.test.mjs ...` runs just those files (while working on them).
const asked = process.argv.slice(2);
const files = asked.length > 0
  ? asked
  : fs.readdirSync(here).filter((name) => name.endsWith('.test.mjs')).sort();
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  cwd: here,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
