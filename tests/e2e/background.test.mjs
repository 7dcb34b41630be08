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
