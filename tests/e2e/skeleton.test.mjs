// The walking skeleton, end to end in real browsers: a like on x.com is
// recorded by the Rust core for the post's author (and nobody else on the
// page), and the overlay on that author's profile shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const CAROL_REPOSTED_BY_BOB = post('/carol/status/1861000000000000002');
const DAVE_QUOTING_ERIN = post('/dave/status/1861000000000000003');
const MINE = post('/kindling_user/status/1861000000000000004');
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (handle) => `${OVERLAY}[data-account="x/${handle}"]`;

/** Click a link to a profile, as a user would, and read the card shown there. */
async function cardOn(b, handle, linkCss) {
  await b.click(linkCss);
  await b.switchToFrame(overlayOf(handle));
  const name = await b.text('.name');
  const history = await b.text('.history');
  await b.switchToParent();
  return { name, history };
}

async function waitUntil(check, what, timeout = 5000) {
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (await check()) return;
  }
  assert.fail(`timed out: ${what}`);
}

async function home(b) {
  await b.click('a[data-testid="AppTabBar_Home_Link"]');
  await b.find(ALICE);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a like is recorded for the post's author and shown on their profile`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/home');
    for (const target of [ALICE, CAROL_REPOSTED_BY_BOB, DAVE_QUOTING_ERIN, MINE]) {
      await b.click(`${target} [data-testid="like"]`);
      await b.find(`${target} [data-testid="unlike"]`);
    }

    // SPA navigation (pushState) to the author's profile shows the overlay.
    const alice = await cardOn(b, 'alice', `${ALICE} [data-testid="User-Name"] a`);
    assert.equal(alice.name, 'Alice Example');
    assert.match(alice.history, /^2 interactions: 1 like, 1 profile visit$/);

    // The host page cannot read the overlay.
    const readable = await b.execute(`
      const frame = document.querySelector('${OVERLAY}');
      try { return frame.contentDocument?.body?.textContent ?? null; } catch { return null; }`);
    assert.equal(readable, null);

    // A repost's author is the original poster, not the reposter.
    await home(b);
    const carol = await cardOn(b, 'carol', `${CAROL_REPOSTED_BY_BOB} [data-testid="User-Name"] a`);
    assert.match(carol.history, /1 like/);
    await home(b);
    const bob = await cardOn(b, 'bob', `${CAROL_REPOSTED_BY_BOB} a:has([data-testid="socialContext"])`);
    assert.equal(bob.name, 'Bob Builder', 'the name comes from his profile header');
    assert.equal(bob.history, '1 interaction: 1 profile visit');

    // A quote's author is the one who quoted; the quoted author is untouched.
    await home(b);
    const dave = await cardOn(b, 'dave', `${DAVE_QUOTING_ERIN} [data-testid="User-Name"] a`);
    assert.match(dave.history, /1 like/);
    await b.goto('https://x.com/erin');
    await b.switchToFrame(overlayOf('erin'));
    assert.equal(await b.text('.history'), '1 interaction: 1 profile visit');
    // Its close button hides the card on this page.
    await b.click('button.close');
    await b.switchToParent();
    await waitUntil(async () => (await b.execute(`return document.querySelectorAll('${OVERLAY}').length`)) === 0,
      'the close button hides the card');

    // The user's own profile gets no overlay, and their own post no record.
    await b.click('a[data-testid="AppTabBar_Profile_Link"]');
    await b.waitForText('[data-testid="UserName"]', '@kindling_user');
    await waitUntil(async () => (await b.execute(`return document.querySelectorAll('${OVERLAY}').length`)) === 0,
      'the overlay leaves when the page is the user\'s own profile');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
