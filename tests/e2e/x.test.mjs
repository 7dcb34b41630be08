// X beyond the skeleton: undo of a like, a repost chosen in X's menu (and
// its undo), a reply through the reply dialog, follow and unfollow through
// X's confirmation sheet. Each lands on exactly the right person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause, waitUntil } from '../harness/card.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const CAROL_REPOSTED_BY_BOB = post('/carol/status/1861000000000000002');
const DAVE = post('/dave/status/1861000000000000003');

async function historyOf(b, handle) {
  await b.goto(`https://x.com/${handle}`);
  // Up to 10 s: right after the background was stopped and started again, on a loaded CI machine.
  await b.find(`iframe[data-kindling][data-account="x/${handle}"]`, { timeout: 10000 });
  await b.switchToFrame(`iframe[data-kindling][data-account="x/${handle}"]`);
  const text = await b.text('.history');
  await b.switchToParent();
  return text;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X likes, reposts, replies and follows, with their undos`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');

    // Like, then unlike: nothing is left.
    await b.click(`${ALICE} [data-testid="like"]`);
    await b.click(`${ALICE} [data-testid="unlike"]`);
    await b.find(`${ALICE} [data-testid="like"]`);

    // Repost from the menu: the original poster, not the reposter.
    await b.click(`${CAROL_REPOSTED_BY_BOB} [data-testid="retweet"]`);
    await b.click('[data-testid="retweetConfirm"]');
    await b.find(`${CAROL_REPOSTED_BY_BOB} [data-testid="unretweet"]`);

    // Repost and undo it.
    await b.click(`${DAVE} [data-testid="retweet"]`);
    await b.click('[data-testid="retweetConfirm"]');
    await b.click(`${DAVE} [data-testid="unretweet"]`);
    await b.click('[data-testid="unretweetConfirm"]');
    await b.find(`${DAVE} [data-testid="retweet"]`);

    // Reply through the dialog.
    await b.click(`${DAVE} [data-testid="reply"]`);
    await b.type('[data-testid="tweetTextarea_0"]', 'Eleven! Respect.');
    await b.click('[data-testid="tweetButton"]');
    await new Promise((r) => setTimeout(r, 500));

    assert.equal(await historyOf(b, 'alice'), '1 interaction: 1 profile visit');
    assert.equal(await historyOf(b, 'carol'), '2 interactions: 1 repost, 1 profile visit');
    assert.equal(await historyOf(b, 'bob'), '1 interaction: 1 profile visit');
    assert.equal(await historyOf(b, 'dave'), '2 interactions: 1 reply, 1 profile visit');

    // Follow, then unfollow after X's confirmation; then follow again.
    // (The header's button: the sidebar has other people's.)
    const header = '[data-testid="primaryColumn"] .profile-header';
    await b.goto('https://x.com/erin');
    await b.click(`${header} button[data-testid$="-follow"]`);
    await b.click(`${header} button[data-testid$="-unfollow"]`);
    await b.click('[data-testid="confirmationSheetConfirm"]');
    await b.find(`${header} button[data-testid$="-follow"]`);
    assert.equal(await historyOf(b, 'erin'), '1 interaction: 1 profile visit');
    await b.click(`${header} button[data-testid$="-follow"]`);
    await b.find(`${header} button[data-testid$="-unfollow"]`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await historyOf(b, 'erin'), '2 interactions: 1 follow, 1 profile visit');

    // X changes its markup: Kindling records nothing and the options page
    // says when X last worked and what it did not recognise.
    await b.goto('https://x.com/home');
    await b.find(ALICE);
    await b.execute(`document.querySelectorAll('[data-testid="User-Name"]')
      .forEach((e) => e.setAttribute('data-testid', 'UserNameV2'))`);
    await b.click(`${ALICE} [data-testid="like"]`);
    await b.find(`${ALICE} [data-testid="unlike"]`);
    await new Promise((r) => setTimeout(r, 500));
    await b.openExtensionPage('options.html');
    await b.waitForText('[data-site="x"] .seen', 'last seen working just now');
    await b.waitForText('[data-site="x"] .misses', '1 click was not recognised; the last, just now: the post has no author link.');
    await b.switchToPage(0);
    assert.equal(await historyOf(b, 'alice'), '1 interaction: 1 profile visit', 'no like was guessed');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X mentions tab: who wrote to the user, never the quoted or the user`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await b.click('[data-testid="AppTabBar_Notifications_Link"]');
    // The All tab comes first, and is read (Bob's like, in the test below);
    // then the Mentions tab.
    await b.find('article[data-testid="notification"]');
    await new Promise((r) => setTimeout(r, 1500));
    await b.click('a[role="tab"][href="/notifications/mentions"]');
    await b.find('article[data-testid="tweet"]:has(a[href="/erin/status/1862000000000000011"])');
    await new Promise((r) => setTimeout(r, 1500));

    assert.equal(await historyOf(b, 'erin'), '2 interactions: 1 profile visit, 1 mention from them');
    assert.equal(await historyOf(b, 'bob'), '3 interactions: 1 profile visit, 1 like from them, 1 mention from them');
    assert.equal(await historyOf(b, 'carol'), '1 interaction: 1 profile visit', 'the quoted author did not write to the user');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X notifications, All tab: each person's like, repost, follow and reply once, by the icon`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    const open = async () => {
      await b.goto('https://x.com/home');
      await b.click('[data-testid="AppTabBar_Notifications_Link"]');
      await b.find('article[data-testid="tweet"]:has(a[href="/alice/status/1862000000000000021"])');
      await new Promise((r) => setTimeout(r, 1500));
    };
    await open();
    const ALICE = '4 interactions: 1 profile visit, 1 like from them, 1 follow from them, 1 mention from them';
    const expected = {
      alice: ALICE,
      bob: '2 interactions: 1 profile visit, 1 like from them',
      dave: '2 interactions: 1 profile visit, 1 repost from them',
      // Named in Alice's bio, not a follower.
      carol: '1 interaction: 1 profile visit',
      // A "new post" bell and a post naming nobody: nothing between them.
      erin: '1 interaction: 1 profile visit',
    };
    for (const [who, history] of Object.entries(expected)) assert.equal(await historyOf(b, who), history, who);
    // Opened again: nothing new.
    await open();
    for (const [who, history] of Object.entries(expected)) assert.equal(await historyOf(b, who), history, `${who}, again`);
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X replies in a thread: the reply right under the user's own post, once`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    const open = async (path, last) => {
      await b.goto(`https://x.com${path}`);
      await b.find(`article[data-testid="tweet"]:has(a[href="${last}"])`);
      await new Promise((r) => setTimeout(r, 1500));
    };
    // Alice's post, with Bob's reply under it: nothing of the user's.
    await open('/alice/status/1861000000000000001', '/bob/status/1862000000000000035');
    await open('/kindling_user/status/1861000000000000004', '/bob/status/1862000000000000034');
    const expected = {
      alice: '2 interactions: 1 profile visit, 1 reply from them',
      // Bob answered Carol, and someone else's post; Carol's reply is not the
      // first under the post, so nothing shows whom it answers.
      bob: '1 interaction: 1 profile visit',
      carol: '1 interaction: 1 profile visit',
    };
    for (const [who, history] of Object.entries(expected)) assert.equal(await historyOf(b, who), history, who);
    await open('/kindling_user/status/1861000000000000004', '/bob/status/1862000000000000034');
    for (const [who, history] of Object.entries(expected)) assert.equal(await historyOf(b, who), history, `${who}, again`);
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X keyboard shortcut "l" on the focused post likes and unlikes it`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await b.press(DAVE, 'l');
    await b.find(`${DAVE} [data-testid="unlike"]`);
    // Twice on Alice's post: liked, then unliked.
    await b.press(ALICE, 'l');
    await b.find(`${ALICE} [data-testid="unlike"]`);
    await b.press(ALICE, 'l');
    await b.find(`${ALICE} [data-testid="like"]`);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await historyOf(b, 'dave'), '2 interactions: 1 like, 1 profile visit');
    assert.equal(await historyOf(b, 'alice'), '1 interaction: 1 profile visit');
  });

  test(`${name}: X's load event waits for nothing of Kindling's; a feed gets no frame, a profile its card after the load event`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    const loaded = () => waitUntil(
      async () => (await b.execute('return document.documentElement.dataset.framesAtLoad ?? null')) !== null, 'the page loaded');
    // Kindling runs from the start of the page (it asks for its rules at
    // once); on a feed it makes no frame at all, and it is running: a like
    // is recorded.
    await b.goto('https://x.com/home');
    await loaded();
    assert.equal(await b.execute('return document.documentElement.dataset.framesAtLoad'), '0');
    await b.click(`${DAVE} [data-testid="like"]`);
    await b.find(`${DAVE} [data-testid="unlike"]`);
    await pause(1000);
    assert.equal(await b.execute('return document.querySelectorAll("iframe").length'), 0, 'no frame on the feed');
    // A profile loaded directly: the card's frame, a subresource, comes only after the load event.
    await b.goto('https://x.com/dave');
    await loaded();
    assert.equal(await b.execute('return document.documentElement.dataset.framesAtLoad'), '0');
    await waitUntil(async () => (await b.execute('return document.querySelectorAll("iframe").length')) === 1,
      'the card\'s frame is made after the load event');
    assert.equal(await historyOf(b, 'dave'), '2 interactions: 1 like, 1 profile visit');
  });

  test(`${name}: X shortcut pressed while Kindling's background is still starting counts`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    // Stopped, the background starts again only when the new page's content
    // script asks for its rules: the key comes before the answer.
    await b.goto('https://x.com/home');
    await b.stopBackground();
    await b.goto('https://x.com/home');
    await b.press(DAVE, 'l');
    await b.find(`${DAVE} [data-testid="unlike"]`);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await historyOf(b, 'dave'), '2 interactions: 1 like, 1 profile visit');
  });
}

// Other people's follow buttons: a follow list's cells, the sidebar's "Who
// to follow", a profile's "You might like" and a hover card each follow the
// person of their cell or card, never the page's owner (docs/sites/x.md).
const cell = (scope, handle) => `${scope} [data-testid="UserCell"]:has(a[href="/${handle}"])`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X follows from follow lists, sidebars and hover cards go to that person, never the page's owner`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    // Bob's followers list: Carol, and Frank, whose account is protected
    // (a request: the button turns "-cancel").
    await b.goto('https://x.com/bob/followers');
    await b.click(`${cell('[data-testid="cellInnerDiv"]', 'carol')} [data-testid$="-follow"]`);
    await b.find(`${cell('[data-testid="cellInnerDiv"]', 'carol')} [data-testid$="-unfollow"]`);
    await b.click(`${cell('[data-testid="cellInnerDiv"]', 'frank')} [data-testid$="-follow"]`);
    await b.find(`${cell('[data-testid="cellInnerDiv"]', 'frank')} [data-testid$="-cancel"]`);

    // Bob's profile: Erin under "You might like".
    await b.goto('https://x.com/bob');
    await b.click(`${cell('aside[aria-label="You might like"]', 'erin')} [data-testid$="-follow"]`);
    await b.find(`${cell('aside[aria-label="You might like"]', 'erin')} [data-testid$="-unfollow"]`);

    // The sidebar's "Who to follow" on Bob's profile: Dave.
    await b.click(`${cell('[data-testid="sidebarColumn"]', 'dave')} [data-testid$="-follow"]`);
    await b.find(`${cell('[data-testid="sidebarColumn"]', 'dave')} [data-testid$="-unfollow"]`);

    // A hover card over Alice's name in the home timeline.
    await b.goto('https://x.com/home');
    await b.execute(`document.querySelector('${ALICE} [data-testid="User-Name"] a')
      .dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))`);
    await b.click('[data-testid="HoverCard"] [data-testid$="-follow"]');
    await b.find('[data-testid="HoverCard"] [data-testid$="-unfollow"]');
    await new Promise((r) => setTimeout(r, 500));

    assert.equal(await historyOf(b, 'bob'), '1 interaction: 1 profile visit', 'no follow of the page owner');
    for (const handle of ['carol', 'frank', 'erin', 'dave', 'alice']) {
      assert.equal(await historyOf(b, handle), '2 interactions: 1 follow, 1 profile visit', handle);
    }

    // Withdrawing Frank's request from his own profile: the follow is gone.
    await b.goto('https://x.com/frank');
    await b.click('[data-testid="primaryColumn"] .profile-header [data-testid$="-cancel"]');
    await b.find('[data-testid="primaryColumn"] .profile-header [data-testid$="-follow"]');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await historyOf(b, 'frank'), '1 interaction: 1 profile visit');
  });
}
