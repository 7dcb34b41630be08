// Issue 8: the browser's storage for Kindling is used up. The test simulates it in the background
// itself: every IndexedDB write there throws the browser's own QuotaExceededError, as a full
// profile or disk makes it do. The user is told, on the toolbar button and in the popup; nothing
// saved before is lost; once there is room again (the background starts afresh), recording goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause, waitUntil } from '../harness/card.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const CAROL = post('/carol/status/1861000000000000002');
const DAVE = post('/dave/status/1861000000000000003');

const FULL = `for (const method of ['put', 'add']) {
  background.IDBObjectStore.prototype[method] = function () {
    throw new background.DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
}`;

async function like(b, target) {
  await b.click(`${target} [data-testid="like"]`);
  await b.find(`${target} [data-testid="unlike"]`);
  await pause(500); // the background answers the content script in a few milliseconds
}

/** The number of interactions the store holds, asked from an extension page. */
async function interactions(b) {
  const status = await b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'status' })`);
  return status.status.interactions;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a full store warns the user, keeps what it had and records again once there is room`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/home');
    await like(b, ALICE);
    await b.inBackground(FULL);
    await like(b, CAROL);

    await b.openExtensionPage('popup.html');
    const warning = await b.waitForText('.problem[role="alert"]', 'storage is full');
    assert.match(warning, /this was not saved\. Nothing saved before is lost\./);
    assert.equal(await interactions(b), 1, 'Alice\'s like is kept, Carol\'s was refused whole');
    assert.match(await b.text('ul.people'), /Alice/);

    // Room again: a fresh background writes as before.
    await b.stopBackground();
    await b.switchToPage(0);
    await like(b, DAVE);
    await b.switchToPage(1);
    assert.equal(await interactions(b), 2);

    // The warning stays until the user dismisses it, then is gone for good.
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.click('.problem button');
    await waitUntil(async () => !(await b.execute('return document.querySelector(".problem") !== null')), 'the warning to go');
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.find('ul.people li');
    assert.equal(await b.execute('return document.querySelector(".problem")?.textContent ?? null'), null, 'dismissed for good');
  });
}

// Issue 22: every button on the card has its answer shown. With the store
// full, "Track" on Alice's card cannot be saved: the card says so (before,
// the answer was dropped and the card simply drew itself again, untracked).
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a card's button whose change cannot be saved says why on the card`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await like(b, ALICE);
    await b.inBackground(FULL);
    await b.openExtensionPage('popup.html#card=x/alice');
    assert.equal(await b.text('.actions button:first-child'), 'Track');
    await b.click('.actions button:first-child');
    const said = await b.waitForText('.problem', 'storage is full');
    assert.match(said, /storage is full/);
    assert.equal(await b.text('.actions button:first-child'), 'Track', 'still not tracked');
  });
}
