// Bluesky end to end, on the bsky.app fixture: likes (read from the heart
// icon) and reposts (chosen in the repost menu), their undo, and replies land
// on the author of the post (a repost's original author, a quote's quoting
// author, a thread's own post from its reply prompt, never the author of a
// post whose composer was closed unsent), follows and unfollows
// on a profile page, cards after pushState navigation, and nothing for the
// reposter, the quoted author or the user's own post and profile. In a
// language whose labels Kindling does not read, a like is still recorded
// (the heart says it) and a repost is not (only its label says it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';

const item = (handle) => `[data-testid="feedItem-by-${handle}"]`;
const ALICE = item('alice.bsky.social');
const CAROL_REPOSTED_BY_BOB = item('carol.bsky.social');
const DAVE_QUOTING_ERIN = item('dave.bsky.social');
const MINE = item('kindling.bsky.social');
const COMPOSER = '[role="dialog"] .ProseMirror';
const PUBLISH = '[role="dialog"] [data-testid="composerPublishBtn"]';
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (handle) => `${OVERLAY}[data-account="bluesky/${encodeURIComponent(handle)}"]`;
const HOME = 'nav a[href="/"]';
const LIKE = '[data-testid="likeBtn"]';
const FILLED_HEART = 'svg path[d^="M12.489 21.372"]';
const REPOST_ITEM = '[role="menu"] [data-testid="repostDropdownRepostBtn"]';
// The thread's "Write your reply" prompt has no testid (ThreadComposePrompt.tsx):
// the tests find it by the label the fixture gives it, the adapter does not.
const PROMPT = (label) => `main [role="button"][aria-label="${label}"]`;
// The composer's Cancel button has no testid either (Composer.tsx).
const CANCEL = '[role="dialog"] button[aria-label="Cancel"]';

async function waitUntil(check, what, timeout = 5000) {
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (await check()) return;
  }
  assert.fail(`timed out: ${what}`);
}

/** The card on the page now showing `handle`'s profile. */
async function card(b, handle) {
  await b.switchToFrame(overlayOf(handle));
  const name = await b.text('.name');
  const history = await b.text('.history');
  await b.switchToParent();
  return { name, history };
}

/** Click a link to a profile, as a user would (pushState), and read its card. */
async function cardVia(b, handle, linkCss) {
  await b.click(linkCss);
  return card(b, handle);
}

async function home(b) {
  await b.click(HOME);
  await b.find(ALICE);
}

/** Like or unlike a post, and wait for its heart to show it. */
async function like(b, item, on) {
  await b.click(`${item} ${LIKE}`);
  await waitUntil(async () => (await b.execute(
    `return document.querySelectorAll('${item} ${LIKE} ${FILLED_HEART}').length`)) === (on ? 1 : 0), `like ${item} is ${on}`);
}

/** Choose the repost menu's first item on a post, as labelled `label`. */
async function repost(b, item, label) {
  await b.click(`${item} [data-testid="repostBtn"]`);
  await b.find(`${REPOST_ITEM}[aria-label="${label}"]`);
  await b.click(REPOST_ITEM);
  await waitUntil(async () => (await b.execute(`return document.querySelectorAll('[role="menu"]').length`)) === 0,
    'the repost menu closes');
}

async function reply(b, opener, text) {
  await b.click(opener);
  await b.type(COMPOSER, text);
  await b.click(PUBLISH);
  await waitUntil(async () => (await b.execute(`return document.querySelectorAll('${COMPOSER}').length`)) === 0,
    'the composer closes after publishing');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Bluesky likes, reposts, replies, follows and cards land on exactly the right person`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://bsky.app/');
    await b.find(ALICE);

    // Likes: alice's post, carol's post that bob reposted, the user's own;
    // dave's quote liked and unliked leaves nothing.
    for (const item of [ALICE, CAROL_REPOSTED_BY_BOB, MINE]) await like(b, item, true);
    await like(b, DAVE_QUOTING_ERIN, true);
    await like(b, DAVE_QUOTING_ERIN, false);
    // Reposts through the menu: alice's; dave's reposted and undone.
    await repost(b, ALICE, 'Repost');
    await repost(b, DAVE_QUOTING_ERIN, 'Repost');
    await repost(b, DAVE_QUOTING_ERIN, 'Undo repost');

    // Replies through the reply button's composer.
    await reply(b, `${ALICE} [data-testid="replyBtn"]`, 'Good luck in Berlin!');
    await reply(b, `${CAROL_REPOSTED_BY_BOB} [data-testid="replyBtn"]`, 'Count me in.');
    await reply(b, `${DAVE_QUOTING_ERIN} [data-testid="replyBtn"]`, 'Eleven! Respect.');
    await reply(b, `${MINE} [data-testid="replyBtn"]`, 'Replying to myself.');
    // A new post from the left nav ("Compose new post", no testid) is no
    // reply to anyone; a discarded reply is nothing either.
    await reply(b, 'nav button[aria-label="Compose new post"]', 'Hello, Bluesky.');
    await b.click(`${ALICE} [data-testid="replyBtn"]`);
    await b.click(CANCEL);
    await new Promise((r) => setTimeout(r, 300));

    // SPA navigation (pushState) to the author's profile shows the card.
    const alice = await cardVia(b, 'alice.bsky.social', `${ALICE} a[aria-label="View profile"]`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '4 interactions: 1 like, 1 reply, 1 repost, 1 profile visit');

    // A repost's author is the original poster, not the reposter.
    await home(b);
    const carol = await cardVia(b, 'carol.bsky.social', `${CAROL_REPOSTED_BY_BOB} a[aria-label="View profile"]`);
    assert.equal(carol.history, '3 interactions: 1 like, 1 reply, 1 profile visit');
    await home(b);
    const bob = await cardVia(b, 'bob.bsky.social', `${CAROL_REPOSTED_BY_BOB} a[href="/profile/bob.bsky.social"]`);
    assert.equal(bob.name, 'Bob Builder', 'the name comes from his profile header');
    assert.equal(bob.history, '1 interaction: 1 profile visit');

    // A quote's author is the one who quoted; the quoted author is untouched.
    await home(b);
    const dave = await cardVia(b, 'dave.bsky.social', `${DAVE_QUOTING_ERIN} a[aria-label="View profile"]`);
    assert.equal(dave.history, '2 interactions: 1 reply, 1 profile visit');
    await b.goto('https://bsky.app/profile/erin.bsky.social');
    assert.equal((await card(b, 'erin.bsky.social')).history, '1 interaction: 1 profile visit');

    // On a thread page, the reply prompt replies to the page's post: its
    // first post link is Erin's quoted post, and still Dave gets the reply.
    await b.goto('https://bsky.app/profile/dave.bsky.social/post/3ldave000003a');
    await reply(b, PROMPT('Compose reply'), 'Which flour?');
    await new Promise((r) => setTimeout(r, 300));
    await b.click('[data-testid="postThreadItem-by-dave.bsky.social"] a[aria-label="View profile"]');
    await b.waitForText('[data-testid="profileHeaderDisplayName"]', 'Dave Okafor');
    await waitUntil(async () => (await card(b, 'dave.bsky.social')).history === '3 interactions: 2 replies, 1 profile visit',
      'the thread reply goes to Dave');
    await b.goto('https://bsky.app/profile/erin.bsky.social');
    assert.equal((await card(b, 'erin.bsky.social')).history, '1 interaction: 1 profile visit');

    // Follow, unfollow (withdrawn), follow again, on Bob's profile; the card
    // is read again after SPA navigation away and back.
    const BOB_VIA_REPOST = `${CAROL_REPOSTED_BY_BOB} a[href="/profile/bob.bsky.social"]`;
    await home(b);
    await b.click(BOB_VIA_REPOST);
    await b.click('[data-testid="followBtn"]');
    await b.click('[data-testid="unfollowBtn"]');
    await b.click('[data-testid="followBtn"]');
    await b.find('[data-testid="unfollowBtn"]');
    await new Promise((r) => setTimeout(r, 300));
    await home(b);
    assert.equal((await cardVia(b, 'bob.bsky.social', BOB_VIA_REPOST)).history, '2 interactions: 1 follow, 1 profile visit');
    await b.click('[data-testid="unfollowBtn"]');
    await b.find('[data-testid="followBtn"]');
    await new Promise((r) => setTimeout(r, 300));
    await home(b);
    assert.equal((await cardVia(b, 'bob.bsky.social', BOB_VIA_REPOST)).history, '1 interaction: 1 profile visit');

    // The user's own profile gets no card, and their own post no record.
    await home(b);
    await b.click('nav a[href="/profile/kindling.bsky.social"]');
    await b.waitForText('[data-testid="profileHeaderDisplayName"]', 'Kim Lindqvist');
    await b.find('[data-testid="profileHeaderEditProfileButton"]');
    await waitUntil(async () => (await b.execute(`return document.querySelectorAll('${OVERLAY}').length`)) === 0,
      'no card on the user\'s own profile');

    // A profile's sub-pages and other routes are not profiles: no card.
    // (The notifications page, which would also record what others did, is
    // covered by the notifications test below.)
    for (const path of ['/profile/alice.bsky.social/post/3lalice00001a', '/search', '/profile/alice.bsky.social/followers']) {
      await b.goto(`https://bsky.app${path}`);
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(await b.execute(`return document.querySelectorAll('${OVERLAY}').length`), 0, path);
    }

    // In a language Kindling does not read: dave's like is recorded from
    // the heart; the repost, said only in its label, is not.
    await b.goto('https://bsky.app/?lang=ja');
    await b.find(`${DAVE_QUOTING_ERIN} ${LIKE}[aria-label^="いいね"]`);
    await like(b, DAVE_QUOTING_ERIN, true);
    await repost(b, DAVE_QUOTING_ERIN, 'リポスト');
    await new Promise((r) => setTimeout(r, 300));
    const daveJa = await cardVia(b, 'dave.bsky.social', `${DAVE_QUOTING_ERIN} a[aria-label="View profile"]`);
    assert.equal(daveJa.history, '4 interactions: 2 replies, 1 like, 1 profile visit');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Bluesky: a reply closed unsent is forgotten once the thread's prompt or the new-post button opens the composer`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    // English, then a language whose prompt label Kindling does not read:
    // the prompt is found by its structure (a button with the user's avatar
    // outside posts, navigation and dialogs) in both.
    for (const [lang, label, post] of [
      ['', 'Compose reply', '/profile/dave.bsky.social/post/3ldave000003a'],
      ['?lang=ja', '返信を作成', '/profile/carol.bsky.social/post/3lcarol00002a'],
    ]) {
      await b.goto(`https://bsky.app/${lang}`);
      await b.find(ALICE);
      // Reply on Alice's post in the feed, then close the composer unsent.
      await b.click(`${ALICE} [data-testid="replyBtn"]`);
      await b.find(COMPOSER);
      await b.click(CANCEL);
      await waitUntil(async () => (await b.execute(`return document.querySelectorAll('${COMPOSER}').length`)) === 0,
        'the composer closes');
      // In the same document (pushState), open the thread through the post's
      // timestamp link and reply through the prompt under its post.
      await b.click(`main a[href="${post}"]`);
      await reply(b, PROMPT(label), 'Through the prompt.');
      await new Promise((r) => setTimeout(r, 300));
    }
    // Then once more: a reply closed unsent, and a new post from the FAB.
    await b.click(HOME);
    await b.find(ALICE);
    await b.click(`${ALICE} [data-testid="replyBtn"]`);
    await b.click(CANCEL);
    await reply(b, '[data-testid="composeFAB"]', 'A post of my own.');
    await new Promise((r) => setTimeout(r, 300));

    // Dave and Carol each got the reply; Alice got none of the three.
    const dave = await cardVia(b, 'dave.bsky.social', `${DAVE_QUOTING_ERIN} a[aria-label="View profile"]`);
    assert.equal(dave.history, '2 interactions: 1 reply, 1 profile visit');
    await home(b);
    const carol = await cardVia(b, 'carol.bsky.social', `${CAROL_REPOSTED_BY_BOB} a[aria-label="View profile"]`);
    assert.equal(carol.history, '2 interactions: 1 reply, 1 profile visit');
    await home(b);
    const alice = await cardVia(b, 'alice.bsky.social', `${ALICE} a[aria-label="View profile"]`);
    assert.equal(alice.history, '1 interaction: 1 profile visit');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

// Likes, reposts and follows are told apart by the row's icon and where it
// links, so the same notifications read the same in German.
for (const [name, launch] of Object.entries(BROWSERS)) for (const lang of ['en', 'de']) {
  test(`${name}: Bluesky notifications (${lang}) become what each person did for the user`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    const notifications = async () => {
      await b.click('nav a[href="/notifications"]');
      await b.find('[data-testid="feedItem-by-dave.bsky.social"]');
    };
    const card = async (handle, css) => {
      await b.click(css);
      await b.switchToFrame(`iframe[data-kindling][data-account="bluesky/${encodeURIComponent(handle)}"]`);
      const seen = { name: await b.text('.name'), history: await b.text('.history') };
      await b.switchToParent();
      return seen;
    };

    await b.goto(`https://bsky.app/${lang === 'en' ? '' : `?lang=${lang}`}`);
    await notifications();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await b.execute('return document.querySelectorAll("iframe[data-kindling]").length'), 0,
      'no card on the notifications page');
    // Seen again: nothing more is recorded.
    await b.click('nav a[href="/"]');
    await notifications();
    await new Promise((r) => setTimeout(r, 1000));

    // Alice liked the user's post (with Bob), followed them and replied
    // (a reply reads as a mention: see docs/sites/bluesky.md).
    const liked = `a[data-testid="feedItem-by-alice.bsky.social"][href*="/post/"]`;
    const alice = await card('alice.bsky.social', `${liked} .avatars a[href="/profile/alice.bsky.social"]`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '4 interactions: 1 profile visit, 1 like from them, 1 follow from them, 1 mention from them');
    await notifications();
    const bob = await card('bob.bsky.social', `${liked} .avatars a[href="/profile/bob.bsky.social"]`);
    assert.equal(bob.history, '3 interactions: 1 profile visit, 1 like from them, 1 repost from them');
    await notifications();
    const carol = await card('carol.bsky.social', 'a[data-testid="feedItem-by-carol.bsky.social"] .avatars a');
    assert.equal(carol.history, '2 interactions: 1 profile visit, 1 follow from them');
    await notifications();
    const dave = await card('dave.bsky.social', '[data-testid="feedItem-by-dave.bsky.social"] .avatar');
    assert.equal(dave.history, '2 interactions: 1 profile visit, 1 mention from them');
    // Liking the user's custom feed is not about the two of them.
    await notifications();
    const erin = await card('erin.bsky.social', '[data-testid="feedItem-by-erin.bsky.social"] .avatars a');
    assert.equal(erin.history, '1 interaction: 1 profile visit');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
