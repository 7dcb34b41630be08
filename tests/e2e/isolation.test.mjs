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

// Another extension (threat model, docs/architecture.md): from its own
// background, the most it has, it finds Kindling (`management`) and asks it
// by message and over a port, as Kindling's own contexts would, for a card,
// an export and a wipe. Its content script on x.com asks it and puts the
// answers on the page. Kindling listens to no other extension.
const OTHER_WORKER = `const ext = globalThis.browser ?? globalThis.chrome;
const asked = (promise) => promise.then((answer) => answer ?? { type: 'nothing' }, (e) => ({ type: 'refused', message: String(e?.message ?? e) }));
function overPort(id, message) {
  return new Promise((resolve) => {
    let port;
    try {
      port = ext.runtime.connect(id, { name: 'kindling' });
    } catch (e) {
      resolve({ type: 'refused', message: String(e?.message ?? e) });
      return;
    }
    const done = (answer) => { resolve(answer); try { port.disconnect(); } catch { /* gone */ } };
    port.onMessage.addListener((reply) => done(reply?.answer ?? reply));
    port.onDisconnect.addListener(() => done({ type: 'disconnected' }));
    try {
      port.postMessage({ id: 7, message });
    } catch (e) {
      done({ type: 'refused', message: String(e?.message ?? e) });
    }
    setTimeout(() => done({ type: 'no answer' }), 2000);
  });
}
async function probe() {
  const self = ext.runtime.id;
  const kindling = (await ext.management.getAll()).find((e) => e.id !== self && e.type === 'extension');
  if (!kindling) return { found: false };
  const ask = (message) => asked(ext.runtime.sendMessage(kindling.id, message));
  return {
    found: true,
    card: await ask({ type: 'card', site: 'x', handle: 'alice' }),
    export: await ask({ type: 'export', format: 'json' }),
    wipe: await ask({ type: 'delete_everything' }),
    portCard: await overPort(kindling.id, { type: 'card', site: 'x', handle: 'alice' }),
    portWipe: await overPort(kindling.id, { type: 'delete_everything' }),
  };
}
ext.runtime.onMessage.addListener((message, sender, reply) => {
  if (message !== 'probe') return undefined;
  probe().then(reply, (e) => reply({ failed: String(e) }));
  return true;
});
`;
const OTHER_PAGE = `(async () => {
  if (!location.search.includes('other')) return;
  const ext = globalThis.browser ?? globalThis.chrome;
  const result = await ext.runtime.sendMessage('probe');
  document.documentElement.dataset.other = JSON.stringify(result);
})();
`;

/** Another extension in a new folder: MV3 for Chromium, MV2 for Firefox (whose MV3 host access
 * the user grants after install). */
function otherExtension(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-other-'));
  fs.writeFileSync(path.join(dir, 'worker.js'), OTHER_WORKER);
  fs.writeFileSync(path.join(dir, 'page.js'), OTHER_PAGE);
  const content = [{ matches: ['https://x.com/*'], js: ['page.js'] }];
  const manifest = name === 'chromium'
    ? { manifest_version: 3, name: 'Other', version: '1', permissions: ['management'], background: { service_worker: 'worker.js' }, content_scripts: content }
    : { manifest_version: 2, name: 'Other', version: '1', permissions: ['management', 'https://x.com/*'], background: { scripts: ['worker.js'] },
      content_scripts: content, browser_specific_settings: { gecko: { id: 'other@kindling.test' } } };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: another extension can neither read nor erase the history`, async (t) => {
    const other = otherExtension(name);
    const b = await launch({ otherExtensions: [other] });
    t.after(async () => {
      try {
        await b.close();
      } finally {
        fs.rmSync(other, { recursive: true, force: true });
      }
    });

    await b.goto('https://x.com/home');
    const alice = 'article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"])';
    await b.click(`${alice} [data-testid="like"]`);
    await b.find(`${alice} [data-testid="unlike"]`);

    await b.goto('https://x.com/home?other');
    let seen = null;
    for (let i = 0; i < 100 && !seen; i++) {
      seen = await b.execute('return document.documentElement.dataset.other ?? null');
      if (!seen) await new Promise((r) => setTimeout(r, 100));
    }
    const answers = JSON.parse(seen);
    assert.equal(answers.found, true, `the other extension sees Kindling installed: ${seen}`);
    for (const request of ['card', 'export', 'wipe', 'portCard', 'portWipe']) {
      assert.ok(['refused', 'disconnected', 'no answer', 'error'].includes(answers[request].type), `${request}: ${JSON.stringify(answers[request])}`);
      assert.ok(!JSON.stringify(answers[request]).includes('alice'), `${request} told nothing of Alice`);
    }

    // The history is all there.
    await b.goto('https://x.com/alice');
    await b.switchToFrame('iframe[data-kindling]');
    await b.waitForText('.history', '1 like');
  });
}
