// Sync between two browsers (issue 24): two profiles whose `storage.sync`
// is one shared area (a test double at the API boundary: the test copies
// the items from one profile's double to the other's, as the browser's sync
// service would). Local only, the default, makes no `storage.sync` call at
// all; sync on seals everything; the other profile, with the passphrase,
// shows the same tracked person, note and agreed date; turning sync off
// empties the area. The harness fails a test on any request from the
// extension's contexts, in both modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS, BUILDS, withSyncDouble } from '../harness/browsers.mjs';
import { DAY, daveAndErin, exportOf } from '../harness/history.mjs';

const PASSPHRASE = 'a long walk to the coffee place';

/** Dave, tracked, a note about him, coffee agreed for three days from now. */
function history(now) {
  const { people: [dave], interactions } = daveAndErin(now);
  dave.notes = [{ text: 'training for the Berlin marathon', created_at: new Date(now - DAY).toISOString() }];
  dave.irl_attempts = [{
    medium: 'coffee', phrasing: '', raised_at: new Date(now - 2 * DAY).toISOString(), outcome: 'positive',
    scheduled_for: new Date(now + 3 * DAY).toISOString(),
  }];
  return exportOf(now, { people: [dave], interactions: interactions.filter((i) => i.person === 'p:x:dave') });
}

const calls = (b) => b.inBackground('return background.syncDouble.calls();');
const items = (b) => b.inBackground('return background.syncDouble.items();');

async function syncOn(b, remember) {
  await b.openExtensionPage('options.html');
  await b.waitForText('.sync .sync-mode', 'Local only: nothing leaves this browser.');
  await b.type('#sync-passphrase', PASSPHRASE);
  if (remember) await b.click('#sync-remember');
  await b.click('[data-sync="on"]');
  await b.waitForText('.sync .sync-mode', 'Synced, end-to-end encrypted');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: two profiles share the tracked person, note and date through an encrypted sync area; local only calls it never`, async (t) => {
    const dirs = [withSyncDouble(BUILDS[name]), withSyncDouble(BUILDS[name])];
    const [a, b] = [await launch({ extensionDir: dirs[0] }), await launch({ extensionDir: dirs[1] })];
    t.after(async () => {
      await Promise.allSettled([a.close(), b.close()]);
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    // Profile A: the history imported, local only; its popup says so too.
    await a.openExtensionPage('options.html');
    await a.waitForText('.counts', 'Kindling keeps');
    const file = path.join(dirs[0], 'history.json');
    fs.writeFileSync(file, JSON.stringify(history(Date.now())));
    await a.upload('#import-file', file);
    await a.click('[data-action="import"]');
    await a.waitForText('.message', 'Merged in 1 person');
    await a.openExtensionPage('popup.html');
    await a.waitForText('.sync-mode', 'Local only: nothing leaves this browser.');
    await a.inBackground('await background.syncRound();');
    assert.equal(await calls(a), 0, 'local only: no storage.sync call at all');

    // Sync on in A: the area holds sealed items, none of them readable.
    await syncOn(a, true);
    const sealed = await items(a);
    assert.ok(Object.keys(sealed).length >= 3, `the meta item, the settings, a shard: ${Object.keys(sealed)}`);
    const text = JSON.stringify(sealed);
    for (const plain of ['Dave', 'dave', 'marathon', 'x.com']) assert.ok(!text.includes(plain), `${plain} in the clear`);

    // Profile B: the same area; with the passphrase, the same Dave.
    await b.inBackground(`await background.syncDouble.put(${JSON.stringify(sealed)});`);
    await syncOn(b, false);
    await b.openExtensionPage('popup.html#card=x/dave');
    await b.waitForText('.name', 'Dave Okafor');
    assert.match(await b.text('.actions'), /Stop tracking/, 'tracked there too');
    assert.match(await b.text('.notes'), /training for the Berlin marathon/);
    const day = new Date(Date.now() + 3 * DAY).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric' });
    assert.match(await b.text('.plan'), new RegExp(`^Agreed: ${day}`));
    // A's history stays in A; its weekly counts tell B's card the same balance.
    assert.match(await b.text('.balance'), /^You 10 · them 4 in 90 days/);

    // Turning sync off in B empties the area.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 0 interactions.');
    await b.waitForText('.sync .sync-mode', 'Synced');
    await b.click('[data-sync="off"]');
    await b.waitForText('.sync .sync-mode', 'Local only');
    assert.deepEqual(Object.keys(await items(b)), []);
    assert.deepEqual(a.blockedRequests, []);
    assert.deepEqual(b.blockedRequests, []);
  });
}
