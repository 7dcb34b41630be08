// The record as the user sees it on the options page: a like shows up in
// the export; export → delete everything → import gives the identical
// export; bad files change nothing and say why; one person can be deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder } from '../harness/card.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const CAROL = post('/carol/status/1861000000000000002');
const EXPORT_JSON = '[data-action="export"][data-format="json"]';

/** Everything but the moment of export. */
const content = (text) => ({ ...JSON.parse(text), exported_at: null });

async function like(b, target) {
  await b.click(`${target} [data-testid="like"]`);
  await b.find(`${target} [data-testid="unlike"]`);
}

async function importFile(b, file, mode) {
  await b.upload('#import-file', file);
  await b.click(`input[name="mode"][value="${mode}"]`);
  await b.click('[data-action="import"]');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: export, delete everything, import, and bad imports on the options page`, async (t) => {
    const { b, dir } = await launchWithFolder(t, launch, 'kindling-import-');

    await b.goto('https://x.com/home');
    await like(b, ALICE);
    await like(b, CAROL);

    // The popup lists them, most recent first.
    await b.openExtensionPage('popup.html');
    const recent = await b.waitForText('.people', 'Alice Example');
    assert.match(recent, /Carol Chen[\s\S]*like · just now[\s\S]*Alice Example/);

    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 2 people and 2 interactions.');

    // A like on x.com is in the export, for the right person and post.
    const first = await b.download(EXPORT_JSON);
    assert.match(first.name, /^kindling-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(first.text);
    assert.equal(exported.format, 'kindling-export');
    assert.equal(exported.version, 1);
    const alice = exported.people.find((p) => p.identities.some((i) => i.site === 'x' && i.handle === 'alice'));
    assert.equal(alice.name, 'Alice Example');
    const likes = exported.interactions.filter((i) => i.kind === 'like' && i.person === alice.id);
    assert.equal(likes.length, 1);
    assert.equal(likes[0].url, 'https://x.com/alice/status/1861000000000000001');
    assert.equal(likes[0].direction, 'outbound');

    const csv = await b.download('[data-action="export"][data-format="csv"]');
    assert.match(csv.name, /\.csv$/);
    assert.match(csv.text, /"Alice Example","x:alice"/);
    const vcard = await b.download('[data-action="export"][data-format="vcard"]');
    assert.match(vcard.text, /FN:Alice Example\r\n/);

    // Export → delete everything → import → the identical export.
    await b.click('[data-action="delete-everything"]');
    await b.waitForText('.delete-all', 'This cannot be undone. Delete everything: 2 people and 2 interactions?');
    await b.click('[data-action="confirm-delete-everything"]');
    await b.waitForText('.counts', 'Kindling keeps 0 people and 0 interactions.');
    const emptied = JSON.parse((await b.download(EXPORT_JSON)).text);
    assert.deepEqual([emptied.people, emptied.interactions], [[], []], 'the export after deleting everything is empty');
    const saved = path.join(dir, first.name);
    fs.writeFileSync(saved, first.text);
    await importFile(b, saved, 'replace');
    await b.waitForText('.message', 'Replaced everything with 2 people and 2 interactions.');
    await b.waitForText('.counts', 'Kindling keeps 2 people and 2 interactions.');
    assert.deepEqual(content((await b.download(EXPORT_JSON)).text), content(first.text));

    // Bad files: a clear error naming the problem, and the data as it was.
    const bad = {
      'truncated.json': [first.text.slice(0, first.text.length / 2), 'looks truncated'],
      'other.json': ['{"format":"someone-elses-export","version":1}', 'not a Kindling export'],
      'future.json': [first.text.replace('"version": 1', '"version": 2'), 'newer than this Kindling'],
      'orphan.json': [first.text.replace(`"person": "${alice.id}"`, '"person": "p:x:nobody"'), 'not in the file'],
      'deep.json': ['['.repeat(200) + ']'.repeat(200), 'nested too deep to be a Kindling export'],
      'long.json': [first.text.replace('"Alice Example"', `"${'A'.repeat(5000)}"`), 'its name is longer than 2048 bytes'],
    };
    for (const [file, [text, problem]] of Object.entries(bad)) {
      fs.writeFileSync(path.join(dir, file), text);
      for (const mode of ['merge', 'replace']) {
        await importFile(b, path.join(dir, file), mode);
        await b.waitForText('.message[role="alert"]', problem);
        assert.deepEqual(content((await b.download(EXPORT_JSON)).text), content(first.text), `${file} (${mode})`);
      }
    }

    // A file over what a message may carry is refused before it is read.
    await b.execute(`const input = document.getElementById('import-file');
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(64 * 1024 * 1024 + 1)], 'huge.json'));
      input.files = files.files;
      return true;`);
    await b.click('[data-action="import"]');
    await b.waitForText('.message[role="alert"]', 'This file is larger than 64 MB, more than any Kindling export: nothing was imported.');
    assert.deepEqual(content((await b.download(EXPORT_JSON)).text), content(first.text), 'after the huge file');

    // Delete one person: their history goes, nobody else's. A setting saved while the question
    // is open leaves it open: a setting changes no one in the list, which is not drawn again.
    await b.click(`li[data-person="${alice.id}"] [data-action="delete-person"]`);
    await b.find(`li[data-person="${alice.id}"] [data-action="confirm-delete-person"]`);
    await b.click('#track-chips');
    await b.click('[data-action="save-settings"]');
    await b.waitForText('.message', 'Settings saved.');
    await b.click(`li[data-person="${alice.id}"] [data-action="confirm-delete-person"]`, { timeout: 1000 });
    await b.waitForText('.message', 'Deleted Alice Example and 1 interaction.');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 1 interaction.');
    const left = JSON.parse((await b.download(EXPORT_JSON)).text);
    assert.deepEqual(left.people.map((p) => p.name), ['Carol Chen']);
  });
}

// A stored record damaged after it was written (a disk error, a bad edit) stops nothing: the
// options page draws at once from counts, then reads the whole record (once per background start
// and change), sets the damaged one aside and says so, with the raw record to download;
// everything else reads as before.
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the options page finds a record that can no longer be read and sets it aside`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await like(b, ALICE);
    await like(b, CAROL);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 2 people and 2 interactions.');
    assert.equal(await b.execute('return document.querySelectorAll(".quarantine").length'), 0, 'nothing set aside yet');

    // Carol's like, damaged in place: a direction no Kindling writes.
    const key = await b.execute(`return (async () => {
  const done = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const db = await done(indexedDB.open('kindling'));
  const store = db.transaction('interactions', 'readwrite').objectStore('interactions');
  const carol = (await done(store.getAll())).find((r) => r.p.includes('carol'));
  await done(store.put({ ...carol, d: 7 }));
  db.close();
  return carol.id;
})()`);
    // Found at the next start of the background, as damage done while the browser was closed is.
    // Stopped from a page that asks nothing (Chromium's image viewer styles the image inline,
    // which the extension's policy refuses).
    b.allowErrors(/icons\/icon-128\.png: console\.error: Applying inline style violates/);
    await b.goto(`${b.extensionOrigin}/icons/icon-128.png`);
    await b.stopBackground();

    await b.goto(`${b.extensionOrigin}/options.html`);
    const notice = await b.waitForText('.quarantine', '1 stored record could not be read and is kept aside, unchanged.');
    assert.ok(notice.includes(`interactions ${key}:`), `the record named: ${notice}`);
    await b.waitForText('.counts', 'Kindling keeps 2 people and 1 interaction.');
    const unreadable = await b.download('[data-action="export-quarantine"]');
    assert.match(unreadable.name, /^kindling-unreadable-\d{4}-\d{2}-\d{2}\.json$/);
    const [aside] = JSON.parse(unreadable.text);
    assert.deepEqual([aside.store, aside.key, aside.value.d], ['interactions', key, 7], 'kept as it was');
    const left = JSON.parse((await b.download(EXPORT_JSON)).text);
    assert.deepEqual(left.interactions.map((i) => i.url), ['https://x.com/alice/status/1861000000000000001']);
  });
}
