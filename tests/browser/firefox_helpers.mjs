// Firefox for the browser tests: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core
// (no browser is downloaded: puppeteer-core never fetches one, and setup.sh installs it with
// PUPPETEER_SKIP_DOWNLOAD=1). playwright-core's BiDi Firefox is not used: the playwright-core here
// sends emulation.setMediaFeaturesOverride on every new context, which Firefox ESR 153 does not
// know, so it cannot even launch it. A puppeteer page has the calls helpers.mjs's clickWidget,
// waitForState, logInThroughUi, openApp and openSection make (evaluate, mouse, keyboard, goto,
// url) plus waitForTimeout, added below; only the launch and the few things Firefox does
// differently (downloads) are here.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

import { ARTIFACTS, tempDir } from './helpers.mjs';
import { decodePng } from './text_pixels.mjs';

export const FIREFOX_BIN = '/usr/bin/firefox-esr';
export const FIREFOX_ARTIFACTS = path.join(ARTIFACTS, 'firefox');

// The machine has no GPU. Headless Firefox only makes WebGL contexts through EGL when told to
// (MOZ_WEBGL_FORCE_EGL=1: Mesa's surfaceless EGL and its software rasteriser, llvmpipe; without
// it "tryNativeGL () Exhausted GL driver options"), and then allows WebGL2 on a software driver
// only when forced (webgl.force-enabled; without it "AllowWebgl2:false restricts context
// creation on this system"). Nothing here changes what the page itself asks for.
export const FIREFOX_ENV = { MOZ_WEBGL_FORCE_EGL: '1' };
export const FIREFOX_PREFS = {
  'webgl.force-enabled': true,
  // No network traffic of the browser's own during the tests.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.normandy.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  // Downloads go straight into the folder named at launch, without asking.
  'browser.download.folderList': 2,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.download.alwaysOpenPanel': false,
  'browser.download.panel.shown': true,
  'browser.download.start_downloads_in_tmp_dir': false,
};

// Firefox ESR with a fresh profile and an empty download folder; the page is 1280x800 CSS
// pixels. Like helpers.mjs's launchBrowser it gives { page, problems } (page errors), plus the
// browser (close it with browser.close()) and the download folder.
export async function launchFirefox({ prefs = {} } = {}) {
  const downloads = tempDir('firefox-downloads');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_BIN,
    headless: true,
    userDataDir: tempDir('firefox-profile'),
    env: { ...process.env, ...FIREFOX_ENV },
    extraPrefsFirefox: { ...FIREFOX_PREFS, 'browser.download.dir': downloads, ...prefs },
    defaultViewport: { width: 1280, height: 800 },
  });
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    // defaultViewport is not applied to the tab Firefox starts with (it stays at headless
    // Firefox's 1366x682): set it on the page itself.
    await page.setViewport({ width: 1280, height: 800 });
    // helpers.mjs's waitForState polls with waitForTimeout, which puppeteer no longer has.
    page.waitForTimeout ??= (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    return { browser, page, problems, downloads };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

// Waits until a file whose name matches `pattern` is complete in the download folder (Firefox
// writes `<name>.part` and renames it when done) and its size has held still; resolves with its
// path. puppeteer-core has no download event for a Firefox page, so the folder is watched.
export async function waitForDownload(folder, pattern, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    const names = fs.readdirSync(folder);
    const done = names.find((name) => pattern.test(name));
    if (done && !names.includes(`${done}.part`)) {
      const file = path.join(folder, done);
      const size = fs.statSync(file).size;
      if (size > 0 && last && last.file === file && last.size === size) return file;
      last = { file, size };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no download matching ${pattern} in ${folder} within ${timeout} ms: ${fs.readdirSync(folder).join(', ') || 'empty'}`);
}

// What the page's canvas is drawn with: its context's kind and the GL renderer.
export async function canvasRenderer(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas');
    if (!canvas) return null;
    // getContext with the kind the page created returns that same context; another kind, null.
    const gl = canvas.getContext('webgl2');
    if (!gl) return { webgl2: false };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      webgl2: true,
      version: gl.getParameter(gl.VERSION),
      renderer: gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER),
      width: canvas.width,
      height: canvas.height,
    };
  });
}

// How many different colours a screenshot (PNG bytes) of a region has, counted in a blank page
// of the same browser (no image package needed): one for a canvas that was never drawn, hundreds
// for anti-aliased text on a card.
export async function distinctColours(browser, png) {
  const page = await browser.newPage();
  try {
    const { data } = await decodePng(page, Buffer.from(png));
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return colours.size;
  } finally {
    await page.close();
  }
}

// Saves the page as artifacts/firefox/<name>.png; never throws (it runs while reporting a failure).
export async function firefoxScreenshot(page, name) {
  try {
    fs.mkdirSync(FIREFOX_ARTIFACTS, { recursive: true });
    const file = path.join(FIREFOX_ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  } catch {
    return null;
  }
}

// Runs a step of a test; when it fails, the screen at that moment is kept under
// artifacts/firefox/ and the error says where.
export async function withScreenshotOnFailure(page, name, step) {
  try {
    return await step();
  } catch (error) {
    const file = await firefoxScreenshot(page, `failed-${name}`);
    if (file) error.message += `\n(screen saved as ${file})`;
    throw error;
  }
}
