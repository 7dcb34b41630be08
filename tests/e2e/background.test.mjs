// The browser may stop the background at any moment (Chrome stops an idle
// service worker after ~30 s; Firefox suspends its event page). Nothing
// may live only in its memory: events after a restart are recorded, and
// what was acknowledged before it is still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function like(b, target) {
  await b.click(`${target} [data-testid="like"]`);
  await b.find(`${target} [data-testid="unlike"]`);
  // The like is acknowledged once the background answered the content
  // script; that takes a few milliseconds, so this is generous.
  await pause(500);
}

async function historyOf(b, handle) {
  await b.goto(`https://x.com/${handle}`);
  await b.switchToFrame(`iframe[data-kindling][data-account="x/${handle}"]`);
  const text = await b.waitForText('.history', 'like');
  await b.switchToParent();
  return text;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: stopping the background between events loses nothing`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/home');
    await like(b, post('/alice/status/1861000000000000001'));
    await b.stopBackground();
    // The next event wakes it.
    await like(b, post('/carol/status/1861000000000000002'));
    await b.stopBackground();
    await like(b, post('/dave/status/1861000000000000003'));
    await b.stopBackground();

    for (const handle of ['alice', 'carol', 'dave']) {
      const text = await historyOf(b, handle);
      assert.match(text, /1 like/, handle);
    }
  });
}

const TABS = 10;
const PER_TAB = 20;
const liked = (n) => `article[data-testid="tweet"]:has(a[href="/fan${n}/status/${1864000000000000000n + BigInt(n)}"])`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the background stopped three times during 200 engagements across ${TABS} tabs: each stored exactly once`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/many/0');
    for (let tab = 1; tab < TABS; tab++) await b.openTab(`https://x.com/many/${tab * PER_TAB}`);
    for (let i = 0; i < PER_TAB; i++) {
      // A burst: one like in every tab, round after round; the background is stopped right
      // after some of them, while their reports are on their way or being written.
      for (let tab = 0; tab < TABS; tab++) {
        await b.switchToPage(tab);
        await b.click(`${liked(tab * PER_TAB + i)} [data-testid="like"]`);
      }
      if (i % 7 === 6) await b.stopBackground();
    }
    for (let tab = 0; tab < TABS; tab++) {
      await b.switchToPage(tab);
      for (let i = 0; i < PER_TAB; i++) await b.find(`${liked(tab * PER_TAB + i)} [data-testid="unlike"]`);
    }
    await pause(2000); // the content script's retries are over within 1.25 s

    await b.openExtensionPage('options.html');
    const file = await b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'export', format: 'json' })`);
    const { people, interactions } = JSON.parse(file.text);
    const posts = interactions.map((i) => i.url).sort();
    assert.equal(new Set(posts).size, posts.length, 'no engagement stored twice');
    assert.equal(posts.length, TABS * PER_TAB, 'every engagement stored');
    assert.equal(people.length, TABS * PER_TAB);
    assert.ok(interactions.every((i) => i.kind === 'like' && i.direction === 'outbound'));
  });
}
