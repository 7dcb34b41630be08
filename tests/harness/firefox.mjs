// Headless Firefox ESR + a temporarily installed WebExtension, driven through geckodriver with
// raw W3C WebDriver HTTP calls (global fetch). No npm dependencies.
//
// Firefox sends ALL its traffic through the harness's proxy (proxy.mjs; prefs network.proxy.*),
// whose self-signed certificate it accepts (acceptInsecureCerts): fixture sites load on their real
// hostnames, everything else is refused and recorded.
// Firefox's own background traffic is silenced (prefs below, plus MOZ_DISABLE_NONLOCAL_CONNECTIONS=1,
// without which release builds ignore the Remote Settings dummy server and poll
// firefox.settings.services.mozilla.com). As a safety net, refused Mozilla-service hosts go to
// `session.browserNoise` instead of `blockedRequests` (so an extension contacting *.mozilla.org
// would land there too).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { failOnErrors } from './errors.mjs';
import { failOnLeaks } from './requests.mjs';
import { startProxy } from './proxy.mjs';

const FIREFOX = '/usr/bin/firefox-esr';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const MOZILLA_NOISE = /(^|\.)(mozilla\.(org|com|net)|firefox\.(com|settings\.services\.mozilla\.com)|mozaws\.net|mozgcp\.net)$/i;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const within = (promise, ms) => { // resolves when promise settles or after ms, without a leftover timer
  let timer;
  return Promise.race([promise, new Promise((r) => { timer = setTimeout(r, ms); })]).finally(() => clearTimeout(timer));
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function findGeckodriver() {
  const candidates = [process.env.GECKODRIVER, path.join(os.homedir(), '.cargo/bin/geckodriver'),
    ...(process.env.PATH || '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'geckodriver'))];
  for (const p of candidates.filter(Boolean)) {
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* try next */ }
  }
  throw new Error('geckodriver not found ($GECKODRIVER, ~/.cargo/bin/geckodriver, PATH); install: cargo install geckodriver');
}

function firefoxPrefs(proxyPort, addonId, uuid, downloads, { locale, dark = false, zoom = 1 }) {
  return {
    // Dark: for pages and extension pages alike (0 = dark, 1 = light).
    ...(dark ? { 'layout.css.prefers-color-scheme.content-override': 0, 'ui.systemUsesDarkTheme': 1 } : {}),
    // Zoom: CSS pixels per screen pixel, for every page and frame.
    ...(zoom !== 1 ? { 'layout.css.devPixelsPerPx': String(zoom) } : {}),
    // The browser's language (its language pack is installed with the browser).
    ...(locale ? { 'intl.locale.requested': locale } : {}),
    'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': proxyPort, 'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true, 'network.proxy.failover_direct': false,
    'network.trr.mode': 5, 'network.dns.disablePrefetch': true, 'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0, 'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false, 'security.OCSP.enabled': 0,
    'app.update.enabled': false, 'app.update.auto': false, 'browser.shell.checkDefaultBrowser': false,
    'datareporting.healthreport.uploadEnabled': false, 'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false, 'toolkit.telemetry.unified': false, 'toolkit.telemetry.server': '',
    'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false, 'browser.safebrowsing.blockedURIs.enabled': false,
    'extensions.update.enabled': false, 'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false, 'browser.region.network.url': '', 'browser.region.update.enabled': false,
    'browser.newtabpage.enabled': false, 'browser.startup.page': 0, 'geo.provider.network.url': '',
    'browser.search.update': false, 'media.gmp-manager.updateEnabled': false,
    // Pin the moz-extension:// UUID; must be in the profile before the add-on is installed.
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
    // A temporary add-on is gone when Firefox starts again; installed again with the same id and
    // UUID it finds its store where it left it (a real install is not removed at all).
    'extensions.webextensions.keepStorageOnUninstall': true, 'extensions.webextensions.keepUuidOnUninstall': true,
    // Grant MV3 host_permissions/content_scripts matches at install (already the default in ESR 153;
    // with false, content scripts silently never run).
    'extensions.originControls.grantByDefault': true,
    // permissions.request() for an optional host (a Mastodon instance the user adds) is granted
    // without the doorhanger, which WebDriver cannot click; the request must still come from a click.
    'extensions.webextOptionalPermissionPrompts': false,
    // Notifications (reminders) in Firefox's own alert window, not the system's (libnotify), which a
    // headless Firefox lacks: there each notification closed at once, and notifications.getAll() was
    // empty a moment after create() resolved.
    'alerts.useSystemBackend': false,
    // Downloads go straight to `downloads` without a dialog or panel, written in place (a .part file,
    // then renamed to the final name), so download() can watch that folder.
    'browser.download.folderList': 2, 'browser.download.dir': downloads, 'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false, 'browser.download.manager.showWhenStarting': false,
    'browser.download.alwaysOpenPanel': false, 'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.manager.addToRecentDocs': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv,text/vcard,text/plain,application/octet-stream',
    // The console of pages, content scripts and the add-on ("console.error: …") and uncaught errors
    // and rejections ("JavaScript error: <file>, line <n>: …") go to geckodriver.log, where `errors`
    // reads the add-on's. KINDLING_DEBUG=1 keeps the log as ./firefox-debug.log; KINDLING_DEBUG=chrome
    // adds Firefox's own console to it (whose console.error lines then count as the add-on's).
    'devtools.console.stdout.content': true,
    ...(process.env.KINDLING_DEBUG === 'chrome' ? { 'devtools.console.stdout.chrome': true } : {}),
  };
}

/**
 * `profile`: a folder Firefox keeps its profile in, in place, and which outlives the session (to
 * start again on it after `kill()`); by default a fresh one inside the session's folder.
 */
export async function launchFirefox({ extensionDir, otherExtensions = [], handler, hosts, addonId, uuid = '6b1f3a2e-0c4d-4e5f-9a7b-1c2d3e4f5a6b', profile, ...look }) {
  if (!fs.existsSync(FIREFOX)) throw new Error(`Firefox ESR not found at ${FIREFOX} (apt-get install firefox-esr)`);
  const driverBin = findGeckodriver();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-ff-'));
  const session = new FirefoxSession(dir, uuid, addonId);
  try {
    const proxy = await startProxy({ handler, hosts, dir, blocked: session.blockedRequests, noise: session.browserNoise, leaks: session.leaks,
      isNoise: (host) => MOZILLA_NOISE.test(host) });
    session._proxy = proxy;
    const port = await freePort(), wsPort = await freePort();
    // With a profile given in place, geckodriver cannot learn Firefox's Marionette port: it names one.
    const inPlace = profile ? ['--marionette-port', String(await freePort())] : [];
    const log = fs.openSync(path.join(dir, 'geckodriver.log'), 'a');
    // Own process group (detached) so close() can kill geckodriver + Firefox + content processes at once;
    // profile and Firefox temp files live in `dir`. MOZ_DISABLE_NONLOCAL_CONNECTIONS: see header (all
    // real connections go to the 127.0.0.1 proxy anyway, so it only switches Remote Settings off).
    // --allow-system-access: geckodriver then starts Firefox with -remote-allow-system-access (it refuses
    // that argument in capabilities), which stopBackground() needs to run a script in the chrome context.
    const driver = spawn(driverBin, ['--host', '127.0.0.1', '--port', String(port), '--websocket-port', String(wsPort),
      '--profile-root', dir, '--allow-system-access', ...inPlace],
      { detached: true, stdio: ['ignore', log, log], env: { ...process.env, TMPDIR: dir, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' } });
    fs.closeSync(log);
    driver.unref();
    session._driver = driver;
    session._exited = new Promise((r) => driver.once('exit', r).once('error', (e) => { session._spawnError = e; r(); }));
    session._base = `http://127.0.0.1:${port}`;
    for (let t = Date.now(); ; await sleep(100)) {
      if (session._spawnError || driver.exitCode !== null) throw new Error(`geckodriver failed to start: ${session._spawnError?.message ?? `exit code ${driver.exitCode}`}`);
      if (Date.now() - t > 15000) throw new Error('geckodriver /status did not answer within 15s');
      try { if ((await (await fetch(`${session._base}/status`)).json()).value?.ready) break; } catch { /* not up yet */ }
    }
    const created = await session._wd('POST', '/session', { capabilities: { alwaysMatch: {
      browserName: 'firefox', acceptInsecureCerts: true,
      'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless', ...(profile ? ['-profile', profile] : [])],
        prefs: firefoxPrefs(proxy.port, addonId, uuid, session._downloads, look) },
    } } });
    session._id = created.sessionId;
    session._tabs = [await session._cmd('GET', '/window')];
    const installed = await session._wd('POST', `/session/${session._id}/moz/addon/install`,
      { path: path.resolve(extensionDir), temporary: true });
    if (installed !== addonId) throw new Error(`installed add-on id ${installed} != addonId ${addonId}`);
    for (const other of otherExtensions) {
      await session._wd('POST', `/session/${session._id}/moz/addon/install`, { path: path.resolve(other), temporary: true });
    }
    return session;
  } catch (e) {
    const logFile = path.join(dir, 'geckodriver.log');
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    await session.close().catch(() => {}); // the launch error is the one to report
    throw new Error(`launchFirefox failed: ${e.message}${tail ? `\n--- geckodriver.log tail ---\n${tail}` : ''}`, { cause: e });
  }
}

class FirefoxSession {
  constructor(dir, uuid, addonId) {
    this.extensionOrigin = `moz-extension://${uuid}`;
    this.addonId = addonId;
    this.blockedRequests = []; // hosts the browser tried to reach that are neither fixtures nor Mozilla services
    this.browserNoise = [];    // Mozilla-service hosts Firefox itself tried to reach (refused as well)
    this.leaks = [];           // why each request that was not allowed is not (see requests.mjs)
    this._dir = dir;
    this._downloads = path.join(dir, 'downloads');
    fs.mkdirSync(this._downloads);
    this._tabs = []; // window handles in the order the tabs were opened
    this._allowed = [];
    this._onExit = () => { this._kill('SIGKILL'); fs.rmSync(dir, { recursive: true, force: true }); };
    process.once('exit', this._onExit);
  }

  async _wd(method, p, body) {
    const res = await fetch(this._base + p, { method, headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw Object.assign(new Error(`WebDriver ${method} ${p}: ${json.value?.error}: ${json.value?.message}`), { code: json.value?.error });
    return json.value;
  }
  _cmd(method, p, body) { return this._wd(method, `/session/${this._id}${p}`, body); }
  _el(ref) { return `/element/${encodeURIComponent(ref[ELEMENT])}`; }

  async _poll(what, timeout, fn) {
    const deadline = Date.now() + timeout;
    for (let last; ; await sleep(100)) {
      try { const v = await fn(); if (v !== undefined) return v; } catch (e) { last = e; }
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeout}ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
    }
  }

  goto(url) { return this._cmd('POST', '/url', { url }); }
  find(css, { timeout = 5000 } = {}) {
    return this._poll(`element "${css}"`, timeout, () => this._cmd('POST', '/element', { using: 'css selector', value: css }));
  }
  /** Click an element; found again if the page redrew it between finding and clicking (as
   * Playwright does). A stale element was never clicked, so nothing is clicked twice. */
  async click(css, opts) {
    for (let attempt = 1; ; attempt++) {
      try {
        await this._cmd('POST', `${this._el(await this.find(css, opts))}/click`, {});
        return;
      } catch (error) {
        if (error.code !== 'stale element reference' || attempt === 3) throw error;
      }
    }
  }
  /** An element's text; found again if the page redrew it between finding and reading (as Playwright does). */
  async text(css, opts) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this._cmd('GET', `${this._el(await this.find(css, opts))}/text`);
      } catch (error) {
        if (error.code !== 'stale element reference' || attempt === 3) throw error;
      }
    }
  }
  waitForText(css, expected, { timeout = 5000 } = {}) {
    const isRe = expected instanceof RegExp;
    return this._poll(`text ${isRe ? expected : JSON.stringify(expected)} in "${css}"`, timeout, async () => {
      const seen = await this.text(css, { timeout: 0 });
      if (isRe ? expected.test(seen) : seen.includes(expected)) return seen;
      throw new Error(`last text: ${JSON.stringify(seen)}`);
    });
  }
  /** Move the pointer onto an element's centre, as the user's mouse would. */
  async hover(css) {
    // The element found may be replaced before the pointer moves (a card
    // frame's document drawn again as the page settles: seen in CI on
    // 2026-12-07): then it is found again, as a user's pointer would land on
    // whatever is there.
    for (let attempt = 1; ; attempt++) {
      const origin = await this.find(css);
      try {
        await this._cmd('POST', '/actions', {
          actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: 0, y: 0, origin }] }],
        });
        return;
      } catch (e) {
        if (attempt >= 3 || !/stale element reference/.test(String(e?.message ?? e))) throw e;
      }
    }
  }
  async type(css, text) { await this._cmd('POST', `${this._el(await this.find(css))}/value`, { text }); }
  async clear(css) { await this._cmd('POST', `${this._el(await this.find(css))}/clear`, {}); }
  /** Pick the option with this value in a select: WebDriver clicks the option. */
  async choose(css, value) { await this.click(`${css} option[value="${value}"]`); }
  /** Focus an element and press one key, as a keyboard user would. */
  async press(css, key) {
    // WebDriver names special keys by code points in the Private Use Area.
    const value = { Enter: '\uE007', Tab: '\uE004', Escape: '\uE00C', Space: ' ' }[key] ?? key;
    await this._cmd('POST', '/execute/sync', { script: 'arguments[0].focus()', args: [await this.find(css)] });
    await this._cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
    await this._cmd('DELETE', '/actions');
  }
  execute(fnSource, ...args) { return this._cmd('POST', '/execute/sync', { script: fnSource, args }); }
  async switchToFrame(css) { await this._cmd('POST', '/frame', { id: await this.find(css) }); }
  async switchToParent() { await this._cmd('POST', '/frame/parent', {}); }
  async screenshot(file) { fs.writeFileSync(file, Buffer.from(await this._cmd('GET', '/screenshot'), 'base64')); }

  /** Open one of the extension's own pages in a new tab, which later calls then act on. */
  /**
   * Run a function body in the extension's background (its event page), as a fault a test
   * simulates there would: from a tab of the extension's own, which is closed afterwards.
   */
  async inBackground(source) {
    const back = this._tabs.indexOf(await this._cmd('GET', '/window'));
    await this.openExtensionPage('popup.html');
    try {
      return await this.execute(`return (async () => { const background = await browser.runtime.getBackgroundPage(); ${source} })()`);
    } finally {
      await this._cmd('DELETE', '/window');
      this._tabs.pop();
      await this.switchToPage(back);
    }
  }

  async openExtensionPage(file) {
    await this.openTab(`${this.extensionOrigin}/${file}`);
  }

  /** Open a new tab at `url`, which later calls then act on. */
  async openTab(url) {
    const { handle } = await this._cmd('POST', '/window/new', { type: 'tab' });
    this._tabs.push(handle);
    await this._cmd('POST', '/window', { handle });
    await this.goto(url);
  }
  /**
   * Wait for the extension to open one of its pages whose address contains `part`; act on it.
   * WebDriver sees tabs and windows, not the toolbar popup itself.
   */
  async waitForExtensionPage(part, { timeout = 10000 } = {}) {
    const known = new Set(this._tabs);
    const here = await this._cmd('GET', '/window');
    const found = await this._poll(`an extension page with "${part}"`, timeout, async () => {
      for (const handle of await this._cmd('GET', '/window/handles')) {
        if (known.has(handle)) continue;
        await this._cmd('POST', '/window', { handle });
        if ((await this._cmd('GET', '/url')).includes(part)) return handle;
      }
      await this._cmd('POST', '/window', { handle: here });
      return undefined;
    });
    this._tabs.push(found);
  }

  /** Act on the index-th tab opened (0: the first, where goto() loads web pages). */
  async switchToPage(index) {
    if (!this._tabs[index]) throw new Error(`no tab ${index} (${this._tabs.length} open)`);
    await this._cmd('POST', '/window', { handle: this._tabs[index] });
  }

  /**
   * Click what starts a download and return the saved file's name and text. Downloads land in
   * this._downloads; a file is complete when no .part file is left and its size has settled.
   */
  async download(clickCss, { timeout = 10000 } = {}) {
    for (const name of fs.readdirSync(this._downloads)) fs.rmSync(path.join(this._downloads, name), { force: true });
    await this.click(clickCss);
    let seen = '';
    const name = await this._poll(`a download after clicking "${clickCss}"`, timeout, () => {
      const names = fs.readdirSync(this._downloads);
      const done = names.filter((n) => !n.endsWith('.part'));
      if (done.length !== 1 || names.length !== 1) { seen = ''; return undefined; }
      const now = `${done[0]} ${fs.statSync(path.join(this._downloads, done[0])).size}`;
      if (now !== seen) { seen = now; return undefined; }
      return done[0];
    });
    const file = path.join(this._downloads, name);
    const text = fs.readFileSync(file, 'utf8');
    fs.rmSync(file);
    return { name, text };
  }

  /** Choose a local file in an <input type="file">, as a user would (fires input and change). */
  async upload(css, filePath) {
    await this._cmd('POST', `${this._el(await this.find(css))}/value`, { text: path.resolve(filePath) });
  }

  /**
   * Stop the extension's event page as Firefox does when it is idle (as about:debugging's "Terminate
   * background script" does), so the next event has to start it again. It stops now: an answer the
   * background still owes is lost (sendMessage rejects), so call it when the extension is idle.
   */
  async stopBackground({ timeout = 5000 } = {}) {
    await this._cmd('POST', '/moz/context', { context: 'chrome' });
    try {
      const state = await this._cmd('POST', '/execute/async', { args: [this.addonId, timeout], script: `
        const [addonId, timeout, done] = arguments;
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(addonId);
        (async () => { // backgroundState: starting, running, suspending or stopped
          for (const end = Date.now() + timeout; extension.backgroundState !== 'stopped' && Date.now() < end;) {
            await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
            if (extension.backgroundState !== 'stopped') await new Promise((r) => setTimeout(r, 50));
          }
          return extension.backgroundState;
        })().then(done, (e) => done('error: ' + e));` });
      if (state !== 'stopped') throw new Error(`background of ${this.addonId} not stopped within ${timeout}ms: ${state}`);
    } finally {
      await this._cmd('POST', '/moz/context', { context: 'content' });
    }
  }

  /**
   * What Kindling's own contexts logged at error level so far, from geckodriver.log: uncaught errors
   * and rejections in the add-on's files, and console.error lines. Those do not say where they came
   * from: web pages and add-ons write them (the fixture sites never do), and Firefox's own code a
   * few, which name its files (resource://, chrome://) and are left out.
   */
  get errors() {
    const log = path.join(this._dir, 'geckodriver.log');
    if (!fs.existsSync(log)) return [];
    return fs.readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith(`JavaScript error: ${this.extensionOrigin}/`)
      || (line.startsWith('console.error: ') && !/\b(resource|chrome):\/\//.test(line)));
  }

  /** Let errors matching `pattern` pass close() (for a test that provokes one on purpose). */
  allowErrors(pattern) {
    this._allowed.push(pattern);
  }

  /** Kill Firefox and geckodriver at once (SIGKILL, as a crash or a power cut would); close() still checks the log. */
  async kill() {
    this._kill('SIGKILL');
    for (let i = 0; i < 50; i++) { try { process.kill(-this._driver.pid, 0); await sleep(100); } catch { break; } }
    this._id = null;
  }

  _kill(signal) { try { if (this._driver?.pid) process.kill(-this._driver.pid, signal); } catch { /* group gone */ } }

  async close() {
    if (this._closed) return;
    this._closed = true;
    if (this._id) await within(this._cmd('DELETE', '').catch(() => {}), 10000);
    if (this._driver) {
      this._kill('SIGTERM');
      if (this._driver.exitCode === null && this._driver.signalCode === null) await within(this._exited, 3000);
      this._kill('SIGKILL'); // sweep Firefox / content processes left in the group
      for (let i = 0; i < 50; i++) { try { process.kill(-this._driver.pid, 0); await sleep(100); } catch { break; } }
    }
    await this._proxy?.close();
    const log = path.join(this._dir, 'geckodriver.log');
    if (process.env.KINDLING_DEBUG && fs.existsSync(log)) fs.copyFileSync(log, 'firefox-debug.log');
    const errors = this.errors;
    fs.rmSync(this._dir, { recursive: true, force: true });
    process.removeListener('exit', this._onExit);
    failOnErrors(errors, this._allowed);
    failOnLeaks(this.leaks);
  }
}
