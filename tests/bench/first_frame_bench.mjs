// Benchmark: how soon the console's first frame is on screen (issue 10: < 1 s at 1440x900 on a
// cold cache; a repeat visit < 50 KB over the wire). Each cold run is a new browser profile (an
// empty HTTP cache) opening the login page of a server with the demo data; the warm run opens it
// again in the same profile. Times are the page's own, from navigation start to the first frame
// (performance mark "waconsole-first-frame", set when the shell shows the canvas), so the
// browser's start-up is not counted. Also printed over an emulated link (20 Mbit/s, 40 ms RTT),
// closer to an office line than loopback is.
//   node tests/bench/first_frame_bench.mjs [cold_runs=5]
// Needs WACONSOLE_SERVER_BIN, WACONSOLE_WEB_DIST and WACONSOLE_TEST_TMP (scripts/bench.sh sets
// them) and tests/browser/node_modules.
import { launchBrowser, startServer } from '../browser/helpers.mjs';

const coldRuns = Number(process.argv[2] ?? 5);
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};

// Opens the page in `browser` and resolves with the first frame's time and the bytes moved.
async function visit(browser, url, link) {
  const { page } = browser;
  await page.setViewportSize({ width: 1440, height: 900 });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (link) await cdp.send('Network.emulateNetworkConditions', link);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('waconsole-first-frame').length > 0,
    null, { timeout: 30000 });
  const firstFrameMs = await page.evaluate(() =>
    performance.getEntriesByName('waconsole-first-frame')[0].startTime);
  const bytesBeforeFrame = bytes;
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return { firstFrameMs, bytesBeforeFrame, bytes };
}

async function runs(server, label, link) {
  const cold = [];
  let warm;
  for (let run = 0; run < coldRuns; ++run) {
    const browser = await launchBrowser();
    try {
      cold.push(await visit(browser, `${server.url}/`, link));
      if (run === coldRuns - 1) warm = await visit(browser, `${server.url}/`, link);
    } finally {
      await browser.context.close();
    }
  }
  const times = cold.map((r) => r.firstFrameMs);
  console.log(`${label}: cold cache first frame median ${median(times).toFixed(0)} ms ` +
    `(runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; target < 1000), ` +
    `${(median(cold.map((r) => r.bytesBeforeFrame)) / 1024).toFixed(0)} KB before it, ` +
    `${(median(cold.map((r) => r.bytes)) / 1024).toFixed(0)} KB in all`);
  console.log(`${label}: repeat visit first frame ${warm.firstFrameMs.toFixed(0)} ms, ` +
    `${(warm.bytes / 1024).toFixed(1)} KB over the wire (target < 50 KB)`);
}

const server = await startServer();
try {
  await runs(server, 'loopback');
  await runs(server, '20 Mbit/s, 40 ms RTT', {
    offline: false,
    latency: 40,
    downloadThroughput: (20 * 1000 * 1000) / 8,
    uploadThroughput: (5 * 1000 * 1000) / 8,
  });
} finally {
  await server.stop();
}
