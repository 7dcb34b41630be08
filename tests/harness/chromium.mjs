// Headless Chromium (Debian's /usr/bin/chromium) with the unpacked extension,
// driven by playwright-core. Fixture sites are served on their real
// hostnames through request routing; any other request is refused and noted
// in `blockedRequests`. The session offers the same small API as
// firefox.mjs, so one test body runs in both browsers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { failOnErrors } from './errors.mjs';
import { FIXTURE_HOSTS, fixtureResponse } from './fixtures.mjs';
import { startProxy } from './proxy.mjs';
import { failOnLeaks, leakOf } from './requests.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Google services Chromium itself may call despite the flags below: refused, but not Kindling's.
const GOOGLE_NOISE = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com)$/i;

/** The promise's outcome, or an error "<what> within <ms>ms" if it takes longer. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} within ${ms}ms`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** `profile`: a profile folder to use and keep (a test that restarts the browser on it); by default a fresh one, removed by close(). */
export async function launchChromium({ extensionDir, otherExtensions = [], headless = true, locale, dark = false, zoom = 1, profile: kept }) {
  const profile = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-chromium-'));
  // What Playwright's routing does not see (a service worker's requests before Playwright has
  // attached to it, the browser's own) goes to the harness's proxy, which refuses and records it.
  const leaks = [];
  const blocked = [];
  const noise = [];
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-chromium-proxy-'));
  const proxy = await startProxy({
    handler: async (url) => fixtureResponse(url), hosts: Object.keys(FIXTURE_HOSTS), dir: certs, blocked, noise, leaks,
    isNoise: (host) => GOOGLE_NOISE.test(host),
  });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      ignoreHTTPSErrors: true, // the proxy's own certificate, for a fixture request routing missed
      executablePath: CHROMIUM,
      headless,
      viewport: { width: 1200 / zoom, height: 800 / zoom },
      deviceScaleFactor: zoom,
      colorScheme: dark ? 'dark' : 'light',
      args: [
        `--disable-extensions-except=${[extensionDir, ...otherExtensions]}`, `--load-extension=${[extensionDir, ...otherExtensions]}`,
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', `--proxy-server=http://127.0.0.1:${proxy.port}`,
        // The proxy's certificate, for every context (a worker before Playwright attaches too).
        '--ignore-certificate-errors',
        ...(locale ? [`--lang=${locale}`] : []),
      ],
      ...(locale ? { locale, env: { ...process.env, LANGUAGE: locale } } : {}),
    });
  } catch (e) {
    await proxy.close();
    fs.rmSync(certs, { recursive: true, force: true });
    throw e;
  }
  const session = new ChromiumSession(context, profile, extensionDir);
  session._keepProfile = Boolean(kept);
  Object.assign(session, { _proxy: proxy, _proxyLeaks: leaks, _certs: certs, blockedRequests: blocked, browserNoise: noise });
  // Every request of every page, frame (the overlay too) and service worker; content scripts'
  // requests are their page's. What is allowed is decided when the extension's origin is known.
  context.on('request', (request) => session._request({ url: request.url(), navigation: request.isNavigationRequest() }));
  context.on('websocket', (socket) => session._request({ url: socket.url(), navigation: false }));
  // Console errors of every page, frame (the overlay is an out-of-process frame), content script
  // (isolated world) and service worker, and uncaught errors of pages and frames. Which are
  // Kindling's is decided when the extension's origin is known (close()).
  context.on('console', (m) => {
    if (m.type() === 'error') session._logged.push({ where: m.location()?.url || m.worker()?.url() || m.page()?.url(), text: `console.error: ${m.text()}` });
  });
  context.on('weberror', (e) => {
    const error = e.error();
    session._logged.push({ where: e.page()?.url(), stack: error.stack, text: `uncaught ${error.stack || error}` });
  });
  await context.route(/^https?:\/\//, (route) => {
    const url = new URL(route.request().url());
    const response = fixtureResponse(url);
    if (response) return route.fulfill(response);
    session.blockedRequests.push(url.host);
    return route.abort('blockedbyclient');
  });
  // The extension's own worker (another extension a test loads has its own, by another name).
  const workerFile = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')).background.service_worker;
  const kindlings = (w) => w.url().endsWith(`/${workerFile}`);
  const worker = context.serviceWorkers().find(kindlings) ?? (await context.waitForEvent('serviceworker', { predicate: kindlings }));
  // Node's URL gives non-special schemes an opaque "null" origin; cut it by hand.
  session.extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
  // The card's frame is addressed by the per-session id of use_dynamic_url (its request is seen
  // when the frame is removed before it loaded: a profile's address that was not a profile).
  session.dynamicOrigin = (await worker.evaluate(() => globalThis.chrome.runtime.getURL('overlay.html'))).split('/').slice(0, 3).join('/');
  session.page = context.pages()[0] ?? (await context.newPage());
  await watchWorkerExceptions(session);
  return session;
}

/**
 * Uncaught errors and unhandled rejections in the extension's service worker, which Playwright
 * does not report, and its console errors from before Playwright listens: a CDP session (on the first tab) attached to each of the extension's workers.
 * Runtime.enable replays what was thrown before, and the attachment outlives the worker being
 * stopped and started again.
 */
async function watchWorkerExceptions(session) {
  const cdp = await session.context.newCDPSession(session.page);
  const workers = new Map(); // sessionId → worker URL
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const { method, params } = JSON.parse(message);
    if (method === 'Runtime.exceptionThrown') {
      const { exception, text } = params.exceptionDetails;
      session._logged.push({ where: workers.get(sessionId), text: `uncaught ${exception?.description ?? text}` });
    } else if (method === 'Runtime.consoleAPICalled' && params.type === 'error') {
      // Also replayed by Runtime.enable: a worker's console.error at its start, before Playwright
      // listens to it, is not missed.
      const words = params.args.map((arg) => arg.value ?? arg.description ?? '').join(' ');
      session._logged.push({ where: workers.get(sessionId), text: `console.error: ${words}` });
    }
  });
  cdp.on('Target.targetCreated', async ({ targetInfo: { type, url, targetId } }) => {
    if (type !== 'service_worker' || !url.startsWith(`${session.extensionOrigin}/`)) return;
    try {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
      workers.set(sessionId, url);
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.enable' }) });
    } catch { /* the worker went away */ }
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true }); // targetCreated for those open now, too
}

class ChromiumSession {
  constructor(context, profile, extensionDir) {
    this.context = context;
    this.profile = profile;
    this.extensionDir = extensionDir;
    this._requests = [];
    this.blockedRequests = [];
    this.scope = null;
    this._logged = []; // { where, stack?, text } from every context; errors picks Kindling's
    this._allowed = [];
  }

  /** What Kindling's own contexts logged at error level so far. */
  get errors() {
    const ours = (s) => typeof s === 'string' && s.includes(`${this.extensionOrigin}/`);
    return this._logged.filter((e) => this.extensionOrigin && (ours(e.where) || ours(e.stack))).map((e) => `${e.where}: ${e.text}`);
  }

  /** Why each request made so far is not allowed (see requests.mjs); empty when none is. */
  get leaks() {
    const seen = this._requests.map((r) => ('leak' in r ? r.leak : this._leakOf(r))).filter(Boolean);
    return [...new Set([...seen, ...this._proxyLeaks])];
  }

  // Judged as it is made once the extension's origin is known (its files may be gone by close()),
  // else at close().
  _request(request) {
    this._requests.push(this.extensionOrigin ? { leak: this._leakOf(request) } : request);
  }

  _leakOf(request) {
    return leakOf({ ...request, extensionOrigin: this.extensionOrigin, dynamicOrigin: this.dynamicOrigin, extensionDir: this.extensionDir });
  }

  /** Let errors matching `pattern` pass close() (for a test that provokes one on purpose). */
  allowErrors(pattern) {
    this._allowed.push(pattern);
  }

  get here() {
    return this.scope ?? this.page;
  }

  async goto(url) {
    this.scope = null;
    await this.page.goto(url);
  }

  async find(css, { timeout = 5000 } = {}) {
    const locator = this.here.locator(css).first();
    await locator.waitFor({ state: 'attached', timeout });
    return locator;
  }

  async click(css, opts) {
    const target = await this.find(css, opts);
    if (!this.scope) return target.click();
    // A control that removes its own frame (the card's close button): once
    // the frame is gone, Chromium may never answer the click's last step and
    // Playwright waits out its timeout (the race of microsoft/playwright#10029;
    // seen in CI on 2026-12-07). The click has landed when its frame left.
    let settled = false;
    const clicked = target.click().finally(() => { settled = true; });
    clicked.catch(() => {});
    while (!settled) {
      const frames = await this.scopeParent.locator(this.scopeCss).count().catch(() => 1);
      if (frames === 0) return;
      await Promise.race([clicked.catch(() => {}), new Promise((r) => setTimeout(r, 50))]);
    }
    await clicked;
  }

  /** Move the pointer onto an element's centre, as the user's mouse would. */
  async hover(css) {
    await (await this.find(css)).hover();
  }

  async text(css, opts) {
    return (await (await this.find(css, opts)).innerText()).trim();
  }

  async waitForText(css, expected, { timeout = 5000 } = {}) {
    const deadline = Date.now() + timeout;
    let last = null;
    while (Date.now() < deadline) {
      last = await this.here.locator(css).first().innerText({ timeout: 500 }).catch(() => null);
      if (last !== null && (expected instanceof RegExp ? expected.test(last) : last.includes(expected))) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`waiting for ${expected} in "${css}": last text was ${JSON.stringify(last)}`);
  }

  async type(css, text) {
    await (await this.find(css)).pressSequentially(text);
  }

  /** Empty a text field, as selecting all and deleting would. */
  async clear(css) {
    await (await this.find(css)).fill('');
  }

  /** Pick the option with this value in a select, as the user would. */
  async choose(css, value) {
    await (await this.find(css)).selectOption(value);
  }

  /** Focus an element and press one key, as a keyboard user would. */
  async press(css, key) {
    await (await this.find(css)).press(key);
  }

  /** Run a function body in the page (or current frame), as the page would. */
  async execute(source) {
    const target = this.scope ? await this.frame() : this.page;
    return target.evaluate(`(() => { ${source} })()`);
  }

  async frame() {
    const handle = await this.page.locator('iframe[data-kindling]').elementHandle();
    return handle.contentFrame();
  }

  async switchToFrame(css) {
    await this.find(css);
    this.scopeParent = this.here;
    this.scope = this.here.frameLocator(css);
    this.scopeCss = css;
  }

  async switchToParent() {
    this.scope = null;
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
  }

  /** Kill the browser at once (SIGKILL to every process of this profile), as a crash or power cut would. */
  async kill() {
    const ours = execFileSync('pgrep', ['-f', '--', `--user-data-dir=${this.profile}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const pid of ours) {
      try { process.kill(Number(pid), 'SIGKILL'); } catch { /* already gone */ }
    }
    await this.context.close().catch(() => {});
  }

  /**
   * Run a function body in the extension's background (its service worker), as a fault a test
   * simulates there would. The worker must be running (a message just answered).
   */
  async inBackground(source) {
    const worker = this.context.serviceWorkers().find((w) => w.url().startsWith(`${this.extensionOrigin}/`));
    if (!worker) throw new Error('the background is not running');
    return worker.evaluate(`(async () => { const background = globalThis; ${source} })()`);
  }

  /** Open one of the extension's own pages in a new tab, which later calls then act on. */
  async openExtensionPage(file) {
    await this.openTab(`${this.extensionOrigin}/${file}`);
  }

  /** Open a new tab at `url`, which later calls then act on. */
  async openTab(url) {
    this.scope = null;
    this.page = await this.context.newPage();
    await this.page.goto(url);
  }

  /** Wait for the extension to open one of its pages (a popup or a tab) whose address contains `part`; act on it. */
  async waitForExtensionPage(part, { timeout = 10000 } = {}) {
    const match = (page) => page.url().startsWith(this.extensionOrigin) && page.url().includes(part);
    const page = this.context.pages().find(match)
      ?? await this.context.waitForEvent('page', { predicate: match, timeout });
    this.scope = null;
    this.page = page;
  }

  /** Act on the index-th tab opened (0: the first, where goto() loads web pages). */
  async switchToPage(index) {
    const page = this.context.pages()[index];
    if (!page) throw new Error(`no tab ${index} (${this.context.pages().length} open)`);
    this.scope = null;
    this.page = page;
    await page.bringToFront();
  }

  /** Click what starts a download and return the saved file's name and text. */
  async download(clickCss, { timeout = 10000 } = {}) {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout }), this.click(clickCss)]);
    const file = await within(download.path(), timeout, `download of ${download.suggestedFilename()} did not finish`);
    return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
  }

  /** Choose a local file in an <input type="file">, as a user would (fires input and change). */
  async upload(css, filePath) {
    await (await this.find(css)).setInputFiles(path.resolve(filePath));
  }

  /**
   * Stop the extension's service worker as Chrome does when it is idle (as the "Stop" of
   * chrome://serviceworker-internals does), so the next event has to start it again. It stops now:
   * an answer the worker still owes is lost (sendMessage rejects), so call it when the extension is
   * idle. Playwright's Worker object stays (same target); it hangs while stopped, works once restarted.
   */
  async stopBackground({ timeout = 5000 } = {}) {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      const status = new Map(); // versionId → runningStatus, for the extension's workers
      const stopped = new Promise((resolve) => cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) if (v.scriptURL.startsWith(`${this.extensionOrigin}/`)) status.set(v.versionId, v.runningStatus);
        if (status.size && [...status.values()].every((s) => s === 'stopped')) resolve();
      }));
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await within(stopped, timeout, `extension service worker not stopped (${JSON.stringify([...status])})`);
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  /** Close the browser; fails if Kindling logged an error that was not allowed. */
  async close() {
    if (this._closed) return;
    this._closed = true;
    await this.context.close().catch(() => {});
    await this._proxy.close();
    if (!this._keepProfile) fs.rmSync(this.profile, { recursive: true, force: true });
    fs.rmSync(this._certs, { recursive: true, force: true });
    failOnErrors(this.errors, this._allowed);
    failOnLeaks(this.leaks);
  }
}
