// Self-test for the session API both harnesses share (tabs, downloads, uploads, stopping the
// background), in every browser with a throwaway extension:
//   node --test tests/harness/harness.selftest.mjs      (KINDLING_BROWSERS=firefox for one browser)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { FIXTURE_HOSTS, fixtureResponse } from './fixtures.mjs';
import { startProxy } from './proxy.mjs';

const ADDON_ID = 'harness-selftest@kindling.test';
const JSON_NAME = 'kindling-export-2026-11-25.json';
const JSON_TEXT = JSON.stringify({ likes: [{ handle: 'alice', name: 'Alïce “A” 🔥' }] }, null, 2);
const CSV_TEXT = 'handle,likes\nbob,2\n';

/** An MV3 extension whose page offers downloads, shows a chosen file and asks the background for its start id. */
function buildExtension(dir, browser) {
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3, name: 'kindling harness selftest', version: '1.0',
      background: browser === 'chromium' ? { service_worker: 'bg.js' } : { scripts: ['bg.js'] },
      ...(browser === 'firefox' && { browser_specific_settings: { gecko: { id: ADDON_ID } } }),
    }),
    // Top-level code runs once per start of the background: a new start id, and `asked` back to 0.
    'bg.js': `const startId = String(Math.floor(Math.random() * 1e12));
let asked = 0;
(globalThis.browser ?? globalThis.chrome).runtime.onMessage.addListener((msg, _sender, reply) => {
  if (msg === 'start-id') reply(startId + ' #' + ++asked);
});\n`,
    'page.html': `<!doctype html><meta charset="utf-8"><title>harness selftest</title>
<a id="link" download="${JSON_NAME}">export json</a> <button id="export">export csv</button>
<input type="file" id="file"><pre id="chosen"></pre>
<button id="ask">ask</button> <p id="start-id"></p>
<script src="page.js"></script>`,
    'page.js': `const $ = (id) => document.getElementById(id);
const blobUrl = (text, type) => URL.createObjectURL(new Blob([text], { type }));
$('link').href = blobUrl(${JSON.stringify(JSON_TEXT)}, 'application/json');
$('export').onclick = () => { // as an app does: a link made and clicked by the handler
  const a = Object.assign(document.createElement('a'), { href: blobUrl(${JSON.stringify(CSV_TEXT)}, 'text/csv'), download: 'kindling-export.csv' });
  document.body.append(a);
  a.click();
  a.remove();
};
$('file').onchange = async () => { $('chosen').textContent = await $('file').files[0].text(); };
let asks = 0;
$('ask').onclick = async () => {
  const n = ++asks;
  $('start-id').textContent = n + ': ' + await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage('start-id');
};\n`,
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
}

const LAUNCH = {
  chromium: (extensionDir) => launchChromium({ extensionDir }),
  firefox: (extensionDir) => launchFirefox({ extensionDir, handler: async (url) => fixtureResponse(url),
    hosts: Object.keys(FIXTURE_HOSTS), addonId: ADDON_ID }),
};
const wanted = process.env.KINDLING_BROWSERS?.split(',');

for (const [browser, launch] of Object.entries(LAUNCH).filter(([name]) => !wanted || wanted.includes(name))) {
  test(`${browser} harness: extension page tab, download, upload, background stop`, async (t) => {
    const t0 = Date.now();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kindling-harness-selftest-${browser}-`));
    t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const extensionDir = path.join(tmp, 'ext');
    fs.mkdirSync(extensionDir);
    buildExtension(extensionDir, browser);
    const b = await launch(extensionDir);
    t.after(() => b.close());

    await b.goto('https://x.com/home');
    await b.openExtensionPage('page.html');
    assert.equal(await b.execute('return location.href'), `${b.extensionOrigin}/page.html`);

    // Downloads: a blob link, a link made by a click handler, the first name again (no "(1)").
    assert.deepEqual(await b.download('#link'), { name: JSON_NAME, text: JSON_TEXT });
    assert.deepEqual(await b.download('#export'), { name: 'kindling-export.csv', text: CSV_TEXT });
    assert.deepEqual(await b.download('#link'), { name: JSON_NAME, text: JSON_TEXT });

    const chosen = path.join(tmp, 'contacts.vcf');
    fs.writeFileSync(chosen, 'BEGIN:VCARD\nFN:Zoë Example\nEND:VCARD\n');
    await b.upload('#file', chosen);
    await b.waitForText('#chosen', 'Zoë Example');
    assert.equal(await b.execute('return document.getElementById("chosen").textContent'), fs.readFileSync(chosen, 'utf8'));

    // The background answers from the same start until stopped; then a message starts it afresh.
    const ask = async (n) => {
      await b.click('#ask');
      const [, id, count] = (await b.waitForText('#start-id', `${n}: `)).match(/^\d+: (\d+) #(\d+)/);
      return { id, count: Number(count) };
    };
    const first = await ask(1);
    assert.deepEqual(await ask(2), { id: first.id, count: 2 }, 'the running background answers again');
    await b.stopBackground();
    const second = await ask(3);
    assert.notEqual(second.id, first.id, 'the background started again');
    assert.equal(second.count, 1);
    await b.stopBackground();
    await b.stopBackground(); // already stopped: fine
    const third = await ask(4);
    assert.ok(third.id !== second.id && third.count === 1, 'stopped and started again');

    // Back to the web page's tab and again to the extension page's.
    await b.switchToPage(0);
    assert.equal(await b.execute('return location.href'), 'https://x.com/home');
    await b.find('a[data-testid="AppTabBar_Home_Link"]');
    await b.switchToPage(1);
    assert.match(await b.text('#start-id'), /^4: /);

    assert.deepEqual(b.blockedRequests, [], 'no request outside the fixture hosts');
    t.diagnostic(`${browser}: ${Date.now() - t0}ms before close`);
  });
}

/** An MV3 extension that logs errors in each of its contexts: background, page, frame in a site, content script. */
function buildNoisyExtension(dir, browser) {
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3, name: 'kindling harness selftest (errors)', version: '1.0',
      background: browser === 'chromium' ? { service_worker: 'bg.js' } : { scripts: ['bg.js'] },
      content_scripts: [{ matches: ['https://x.com/*'], js: ['content.js'] }],
      web_accessible_resources: [{ resources: ['frame.html', 'frame.js'], matches: ['https://x.com/*'] }],
      ...(browser === 'firefox' && { browser_specific_settings: { gecko: { id: ADDON_ID } } }),
    }),
    'bg.js': `console.error('probe: background console');
setTimeout(() => { throw new Error('probe: background throw'); });\n`,
    'content.js': `console.error('probe: content console');
Promise.reject(new Error('probe: content rejection'));
const frame = document.createElement('iframe');
frame.src = (globalThis.browser ?? globalThis.chrome).runtime.getURL('frame.html');
document.body.append(frame);\n`,
    'frame.html': '<!doctype html><meta charset="utf-8"><script src="frame.js"></script>',
    'frame.js': `console.error('probe: frame console');\n`,
    'page.html': '<!doctype html><meta charset="utf-8"><title>noisy</title><script src="page.js"></script>',
    'page.js': `console.error('probe: page console');
setTimeout(() => { throw new Error('probe: page throw'); });\n`,
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
}

for (const [browser, launch] of Object.entries(LAUNCH).filter(([name]) => !wanted || wanted.includes(name))) {
  test(`${browser} harness: errors in the extension's contexts fail close(), the site's own do not`, async (t) => {
    const extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), `kindling-harness-errors-${browser}-`));
    t.after(() => fs.rmSync(extensionDir, { recursive: true, force: true }));
    buildNoisyExtension(extensionDir, browser);
    const b = await launch(extensionDir);
    t.after(() => b.close().catch(() => {}));

    await b.goto('https://x.com/home');
    await b.find('iframe');
    await b.execute(`setTimeout(() => { throw new Error('probe: the site throws'); });`);
    await b.openExtensionPage('page.html');
    const expected = ['background console', 'background throw', 'content console', 'content rejection',
      'frame console', 'page console', 'page throw'];
    const missing = () => expected.filter((probe) => !b.errors.some((e) => e.includes(`probe: ${probe}`)));
    const end = Date.now() + 5000;
    while (missing().length && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(missing(), [], `caught: ${JSON.stringify(b.errors, null, 1)}`);
    assert.ok(!b.errors.some((e) => e.includes('the site throws')), 'a site\'s own error is not the extension\'s');

    b.allowErrors(/probe: background/);
    await assert.rejects(b.close(), (error) => {
      assert.match(error.message, /5 error\(s\) logged in Kindling's contexts/);
      assert.match(error.message, /probe: page console/);
      assert.doesNotMatch(error.message, /probe: background/);
      return true;
    });
  });
}

/** An MV3 extension whose background, content script and page each make a request that must not leave. */
function buildLeakyExtension(dir, browser) {
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3, name: 'kindling harness selftest (requests)', version: '1.0',
      background: browser === 'chromium' ? { service_worker: 'bg.js' } : { scripts: ['bg.js'] },
      content_scripts: [{ matches: ['https://x.com/*'], js: ['content.js'] }],
      ...(browser === 'firefox' && { browser_specific_settings: { gecko: { id: ADDON_ID } } }),
    }),
    'bg.js': `for (const url of ['https://tracker.example/collect', 'https://x.com/probe/background']) fetch(url).catch(() => {});\n`,
    'content.js': `fetch('/probe/content').catch(() => {});\n`,
    'page.html': '<!doctype html><meta charset="utf-8"><title>leaky</title><script src="page.js"></script>',
    'page.js': `fetch('missing.json').catch(() => {});\n`,
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
}

for (const [browser, launch] of Object.entries(LAUNCH).filter(([name]) => !wanted || wanted.includes(name))) {
  test(`${browser} harness: a request from the extension's contexts fails close(), the site's own loads do not`, async (t) => {
    const extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), `kindling-harness-requests-${browser}-`));
    t.after(() => fs.rmSync(extensionDir, { recursive: true, force: true }));
    buildLeakyExtension(extensionDir, browser);
    const b = await launch(extensionDir);
    t.after(() => b.close().catch(() => {}));

    await b.goto('https://x.com/home');
    await b.find('article');
    await b.openExtensionPage('page.html');
    // Firefox serves its extension's own files without the proxy: an unshipped one is not seen there.
    const expected = ['tracker.example', 'https://x.com/probe/background', 'https://x.com/probe/content',
      ...(browser === 'chromium' ? ['missing.json'] : [])];
    const missing = () => expected.filter((probe) => !b.leaks.some((leak) => leak.includes(probe)));
    const end = Date.now() + 5000;
    while (missing().length && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(missing(), [], `caught: ${JSON.stringify(b.leaks, null, 1)}`);
    assert.ok(!b.leaks.some((leak) => /x\.com\/(home|__fixture__)/.test(leak)), 'the site\'s own loads are not leaks');

    b.allowErrors(/missing\.json.*ERR_FILE_NOT_FOUND/); // Chromium also logs the unshipped file
    await assert.rejects(b.close(), (error) => {
      assert.match(error.message, new RegExp(`${expected.length} request\\(s\\) left the extension's own files`));
      assert.match(error.message, /tracker\.example/);
      return true;
    });
  });
}

// A browser resets connections it gives up on (Chromium's own services, refused at CONNECT; a
// tunnel it abandons). Such a reset once threw ECONNRESET in the test process and failed an
// unrelated test (whose body, still running, most likely left a browser open and hung CI). The
// proxy must shrug.
test('harness proxy: connections the browser resets throw nothing; the proxy goes on serving', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-proxy-selftest-'));
  const blocked = [];
  const proxy = await startProxy({ handler: async () => ({ status: 200, body: 'fixture' }), hosts: ['x.com'], dir,
    blocked, noise: [], leaks: [], isNoise: () => false });
  t.after(async () => { await proxy.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const exchange = async (request, { reset }) => {
    const socket = net.connect(proxy.port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(request);
    const first = await new Promise((resolve) => socket.once('data', resolve));
    if (reset) socket.resetAndDestroy(); else socket.destroy();
    return first.toString('latin1').split('\r\n')[0];
  };
  assert.equal(await exchange('CONNECT refused.example:443 HTTP/1.1\r\nHost: refused.example:443\r\n\r\n', { reset: true }),
    'HTTP/1.1 403 Forbidden');
  assert.equal(await exchange('CONNECT x.com:443 HTTP/1.1\r\nHost: x.com:443\r\n\r\n', { reset: true }),
    'HTTP/1.1 200 Connection Established');
  await new Promise((resolve) => setTimeout(resolve, 200)); // the resets reach the proxy's sockets
  assert.equal(await exchange('GET http://x.com/ HTTP/1.1\r\nHost: x.com\r\n\r\n', { reset: false }), 'HTTP/1.1 200 OK');
  assert.deepEqual(blocked, ['refused.example']);
});
