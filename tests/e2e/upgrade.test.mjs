// Issue 8: a store written by the first released schema opens after an update and is brought
// forward; a store written by a newer Kindling is refused, cleanly, and left as it was. The store
// is written the way those builds wrote it, from one of the extension's own pages while its
// background is stopped (so it holds no connection); the schema 1 records are the ones a schema 1
// build wrote in Chromium (crate/tests/fixtures/store-v1.json, also the native migration test's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BROWSERS } from '../harness/browsers.mjs';

const V1 = JSON.parse(fs.readFileSync(new URL('../../crate/tests/fixtures/store-v1.json', import.meta.url), 'utf8'));

// Helpers for the page's own IndexedDB, in the extension's origin.
const IDB = `const done = (r) => new Promise((ok, fail) => {
  r.onsuccess = () => ok(r.result);
  r.onerror = () => fail(r.error);
  r.onblocked = () => fail(new Error('blocked: a connection is still open'));
});
const committed = (tx) => new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => fail(tx.error); });`;

/** Replace the database with one at `version` whose stores `upgrade` makes, holding `records`. */
const plant = (version, upgrade, records) => `${IDB}
await done(indexedDB.deleteDatabase('kindling'));
const open = indexedDB.open('kindling', ${version});
open.onupgradeneeded = () => { const db = open.result; ${upgrade} };
const db = await done(open);
const tx = db.transaction(Object.keys(${JSON.stringify(records)}), 'readwrite');
for (const [store, list] of Object.entries(${JSON.stringify(records)})) for (const r of list) tx.objectStore(store).put(r);
await committed(tx);
db.close();
return db.version;`;

// How the schema 1 build made its stores.
const SCHEMA_1_STORES = `const people = db.createObjectStore('people', { keyPath: 'id' });
people.createIndex('identity', 'keys', { multiEntry: true });
const interactions = db.createObjectStore('interactions', { keyPath: 'id' });
interactions.createIndex('person', 'person');
interactions.createIndex('time', 't');`;

/** Every record of every store, read raw. */
const RAW = `${IDB}
const db = await done(indexedDB.open('kindling'));
const out = { version: db.version };
for (const name of db.objectStoreNames) {
  const tx = db.transaction(name);
  out[name] = await done(tx.objectStore(name).getAll());
}
db.close();
return JSON.stringify(out);`;

const run = (b, source) => b.execute(`return (async () => { ${source} })()`);

/** A page of the extension's own that sends no message: the background stays stopped. */
async function quietPage(b) {
  // Chromium's own image viewer styles the image inline, which the extension's policy refuses.
  b.allowErrors(/icons\/icon-128\.png: console\.error: Applying inline style violates/);
  // Away from the popup first: no request of its own is cut off by the stop.
  await b.goto(`${b.extensionOrigin}/icons/icon-128.png`);
  await b.stopBackground();
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a store written by the first released schema opens after the update and is brought forward`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.openExtensionPage('popup.html');
    await b.find('h1');
    await quietPage(b);
    assert.equal(await run(b, plant(1, SCHEMA_1_STORES, { people: V1.people, interactions: V1.interactions })), 1);

    await b.goto(`${b.extensionOrigin}/popup.html`);
    const recent = await b.waitForText('ul.people', 'Alice Example');
    for (const person of V1.people) assert.ok(recent.includes(person.name), `${person.name} in ${recent}`);
    const status = await b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'status' })`);
    assert.equal(status.status.interactions, V1.interactions.length, 'every interaction brought forward');
    assert.equal(status.status.quarantined.length, 0, 'none put aside');
    await b.goto(`${b.extensionOrigin}/popup.html#card=x/alice`);
    assert.match(await b.waitForText('.history', 'like'), /like/);

    // Opened again after another stop: nothing more to do, nothing changed.
    await quietPage(b);
    const once = JSON.parse(await run(b, RAW));
    assert.equal(once.version, 3);
    assert.equal(once.meta.find((r) => r.id === 'schema')?.value, 2);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.waitForText('ul.people', 'Alice Example');
    await quietPage(b);
    const twice = JSON.parse(await run(b, RAW));
    assert.deepEqual(twice.interactions, once.interactions);
    assert.deepEqual(twice.people, once.people);
  });

  test(`${name}: a store written by a newer Kindling is refused and left as it was`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.openExtensionPage('popup.html');
    await b.find('h1');

    // A newer build's records: the same database version, a newer schema.
    await quietPage(b);
    const stores = JSON.parse(await run(b, RAW));
    const newer = { meta: [{ id: 'schema', value: 99 }], people: V1.people.map((p) => ({ ...p, future: true })) };
    await run(b, `${IDB}
const db = await done(indexedDB.open('kindling'));
const tx = db.transaction(['meta', 'people'], 'readwrite');
for (const [store, list] of Object.entries(${JSON.stringify(newer)})) for (const r of list) tx.objectStore(store).put(r);
await committed(tx);
db.close();`);
    const before = await run(b, RAW);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    const said = await b.waitForText('p.error[role="alert"]', 'newer Kindling');
    assert.match(said, /schema 99.*Update Kindling; nothing was changed/);
    await quietPage(b);
    assert.equal(await run(b, RAW), before, 'not a record changed');

    // A newer build's database version: refused before any record is read.
    await run(b, plant(stores.version + 1, `${SCHEMA_1_STORES}
db.createObjectStore('meta', { keyPath: 'id' });`, { people: V1.people, meta: [{ id: 'schema', value: 3 }] }));
    const raw = await run(b, RAW);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    assert.match(await b.waitForText('p.error[role="alert"]', 'could not use its storage'), /opening the database/);
    await quietPage(b);
    assert.equal(await run(b, RAW), raw, 'the newer database is untouched');
  });
}
