// A content script cannot read the history. The built extension is copied
// with one extra content script, a probe running with exactly the powers of
// Kindling's own content script on x.com, which tries every way in: the
// IndexedDB it can open, extension storage (closed to it in Chromium, empty
// in Firefox while local only), and asking the background, by
// message and over a port named as Kindling's own content script names its.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSERS, BUILDS } from '../harness/browsers.mjs';

const PROBE = `(async () => {
  if (!location.search.includes('probe')) return;
  const ext = globalThis.browser ?? globalThis.chrome;
  const ask = (message) => ext.runtime.sendMessage(message).catch((e) => ({ type: 'rejected', message: String(e) }));
  const overPort = (message) => new Promise((resolve) => {
    const port = ext.runtime.connect({ name: 'kindling' });
    port.onMessage.addListener((reply) => { if (reply?.id === 7) { resolve(reply.answer); port.disconnect(); } });
    port.onDisconnect.addListener(() => resolve({ type: 'disconnected' }));
    port.postMessage({ id: 7, message });
  });
  const stores = await new Promise((resolve) => {
    const open = indexedDB.open('kindling');
    open.onsuccess = () => { resolve([...open.result.objectStoreNames]); open.result.close(); };
    open.onerror = () => resolve('error');
  });
  const result = {
    origin: location.origin,
    stores,
    storage: await (async () => {
      try {
        return { local: Object.keys(await ext.storage.local.get(null)), sync: Object.keys(await ext.storage.sync.get(null)) };
      } catch {
        return 'refused';
      }
    })(),
    card: await ask({ type: 'card', site: 'x', handle: 'alice' }),
    recent: await ask({ type: 'recent', limit: 5 }),
    export: await ask({ type: 'export', format: 'json' }),
    wipe: await ask({ type: 'delete_everything' }),
    portExport: await overPort({ type: 'export', format: 'json' }),
    portWipe: await overPort({ type: 'delete_everything' }),
  };
  document.documentElement.dataset.probe = JSON.stringify(result);
})();
`;

function withProbe(build) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-probe-'));
  fs.cpSync(build, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'probe.js'), PROBE);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.content_scripts[0].js.push('probe.js');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a content script cannot read or erase the stored history`, async (t) => {
    const dir = withProbe(BUILDS[name]);
    const b = await launch({ extensionDir: dir });
    t.after(async () => {
      try {
        await b.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    await b.goto('https://x.com/home');
    const alice = 'article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"])';
    await b.click(`${alice} [data-testid="like"]`);
    await b.find(`${alice} [data-testid="unlike"]`);

    await b.goto('https://x.com/home?probe');
    let probe = null;
    for (let i = 0; i < 50 && !probe; i++) {
      probe = await b.execute('return document.documentElement.dataset.probe ?? null');
      if (!probe) await new Promise((r) => setTimeout(r, 100));
    }
    const seen = JSON.parse(probe);
    assert.equal(seen.origin, 'https://x.com');
    assert.deepEqual(seen.stores, [], "the page origin's IndexedDB has none of Kindling's stores");
    // Extension storage (the `storage` permission is for sync): Chromium keeps
    // it to Kindling's own contexts; Firefox cannot, and there it holds
    // nothing while local only (the history is in IndexedDB; sync's items
    // are sealed: sync.test.mjs).
    if (name === 'chromium') assert.equal(seen.storage, 'refused', 'extension storage is closed to content scripts');
    else assert.deepEqual(seen.storage, { local: [], sync: [] }, 'nothing in extension storage');
    for (const request of ['card', 'recent', 'export', 'wipe', 'portExport', 'portWipe']) {
      assert.equal(seen[request].type, 'error', `${request}: ${JSON.stringify(seen[request])}`);
    }

    // The history is still there, and only Kindling's pages can read it.
    await b.goto('https://x.com/alice');
    await b.switchToFrame('iframe[data-kindling]');
    await b.waitForText('.history', '1 like');
  });
}
