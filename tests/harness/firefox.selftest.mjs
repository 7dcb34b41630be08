// Self-test for tests/harness/firefox.mjs: node --test tests/harness/firefox.selftest.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchFirefox } from './firefox.mjs';

const ADDON_ID = 'selftest@kindling.test';

function buildExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-selftest-ext-'));
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3, name: 'kindling selftest', version: '1.0',
      browser_specific_settings: { gecko: { id: ADDON_ID } },
      background: { scripts: ['bg.js'], type: 'module' },
      content_scripts: [{ matches: ['https://x.com/*'], js: ['content.js'] }],
      web_accessible_resources: [{ resources: ['frame.html', 'frame.js'], matches: ['https://x.com/*'] }],
    }),
    'bg.js': `browser.runtime.onMessage.addListener((msg) => Promise.resolve('bg reply: ' + msg.ping));\n`,
    'content.js': `document.documentElement.dataset.selftest = 'yes';
const f = document.createElement('iframe');
f.id = 'kindling-frame';
f.src = browser.runtime.getURL('frame.html');
document.body.append(f);\n`,
    'frame.html': `<!doctype html><meta charset="utf-8"><p id="ok">frame ok</p><p id="reply"></p><script src="frame.js"></script>`,
    'frame.js': `browser.runtime.sendMessage({ ping: 'hello' }).then((r) => { document.getElementById('reply').textContent = r; },
  (e) => { document.getElementById('reply').textContent = 'error: ' + e.message; });\n`,
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

const pgrep = (...args) => { try { return execFileSync('pgrep', args, { encoding: 'utf8' }).trim(); } catch { return ''; } };

test('firefox harness: fixture page on real hostname, content script, extension iframe, clean shutdown', async () => {
  const extensionDir = buildExtension();
  const requests = [];
  const handler = async (url, req) => {
    requests.push(`${req.method} ${url.href}`);
    if (url.href === 'https://x.com/home') {
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><title>fixture x</title><h1 id="hello">fixture home body</h1><textarea id="ta"></textarea><div id="ce" contenteditable="true"></div>' };
    }
    return null;
  };
  const t0 = Date.now();
  const session = await launchFirefox({ extensionDir, handler, hosts: ['x.com', 'twitter.com'], addonId: ADDON_ID });
  const pgid = session._driver.pid;
  try {
    assert.equal(session.extensionOrigin, 'moz-extension://6b1f3a2e-0c4d-4e5f-9a7b-1c2d3e4f5a6b');
    await session.goto('https://x.com/home');
    assert.equal(await session.execute('return location.href'), 'https://x.com/home');
    assert.equal(await session.text('#hello'), 'fixture home body');
    assert.equal(await session.execute('return document.title'), 'fixture x');
    assert.ok(requests.includes('GET https://x.com/home'));

    await session.find('html[data-selftest="yes"]');
    assert.equal(await session.execute('return document.documentElement.dataset.selftest'), 'yes');

    await session.type('#ta', 'typed into textarea');
    assert.equal(await session.execute('return document.getElementById("ta").value'), 'typed into textarea');
    await session.type('#ce', 'typed into div');
    assert.equal(await session.text('#ce'), 'typed into div');

    await session.switchToFrame('#kindling-frame');
    await session.waitForText('#ok', 'frame ok');
    await session.waitForText('#reply', /bg reply: hello/);
    assert.equal(await session.execute('return location.origin'), session.extensionOrigin);
    await session.switchToParent();
    assert.equal(await session.execute('return location.host'), 'x.com');

    await assert.rejects(session.find('#does-not-exist', { timeout: 300 }), /#does-not-exist/);
    const png = path.join(os.tmpdir(), `kindling-selftest-${process.pid}.png`);
    await session.screenshot(png);
    assert.deepEqual([...fs.readFileSync(png).subarray(1, 4)], [...Buffer.from('PNG')]);
    fs.rmSync(png);

    assert.deepEqual(session.blockedRequests, [], 'no request outside the fixture hosts');
    if (session.browserNoise.length) console.log('firefox background traffic refused:', session.browserNoise);
  } finally {
    await session.close();
    fs.rmSync(extensionDir, { recursive: true, force: true });
  }
  console.log(`selftest session took ${Date.now() - t0}ms`);
  assert.equal(pgrep('-g', String(pgid)), '', 'no process left in the geckodriver process group');
  assert.equal(pgrep('-x', 'geckodriver'), '', 'no geckodriver left');
  assert.equal(pgrep('-f', '^/usr/lib/firefox-esr/'), '', 'no firefox left');
  assert.ok(!fs.existsSync(session._dir), 'temp dir removed');
});
