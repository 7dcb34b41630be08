// Mastodon end to end, on the fixture of mastodon.social signed in as @kim:
// favourites (and their undo), a boost chosen in the "Boost or quote" menu,
// a reply through the composer, follows from a profile's header (an unfollow
// confirmed in its dialog withdraws the follow, one cancelled keeps it), each
// recorded for exactly the right account (user@domain, remote ones
// included), and the card on profiles reached by the app's own pushState
// navigation. The user's own posts and profile, the booster and unrelated
// authors get nothing. Profiles open on /@acct/posts (or, in the advanced
// layout, under /deck); a post's own page draws its focused post as
// .detailed-status__wrapper with its own action bar; notifications come with
// the timestamp linked (newer versions) or bare (4.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause, readCard, waitUntil } from '../harness/card.mjs';

const status = (id) => `.status[data-id="${id}"]`;
const ALICE = status('113000000000000001');
const BOB_BOOSTED_BY_CAROL = status('113000000000000002');
const DAVE = status('113000000000000003');
const ERIN = status('113000000000000005');
const MINE = status('113000000000000004');
const AUTHOR = '.status__info a.status__display-name';
const STAR = 'button.status__action-bar__button.star-icon';
const BOOST = 'button.status__action-bar__button:has(.icon-retweet)';
const REPLY = 'button.status__action-bar__button:has(.icon-reply)';
const PUBLISH = '.compose-form__submit button[type="submit"]';
const FOCUSED = '.detailed-status__wrapper';
const FOCUSED_STAR = `${FOCUSED} .detailed-status__action-bar .detailed-status__button > button.star-icon`;
const FOCUSED_BOOST = `${FOCUSED} .detailed-status__action-bar .detailed-status__button > button:has(.icon-retweet)`;
const FOCUSED_REPLY = `${FOCUSED} .detailed-status__action-bar .detailed-status__button > button:has(.icon-reply)`;
const ERIN_REPLY = status('113000000000000013');
const FOLLOW = '.account__header .account__header__buttons > button.button';
const CONFIRM = '.safety-action-modal__actions button.button';
const CANCEL = '.safety-action-modal__actions button.link-button';
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (handle) => `${OVERLAY}[data-account="mastodon/${encodeURIComponent(handle)}"]`;

/** Follow a link to a profile, as a user would, and read the card shown there. */
const cardOn = (b, handle, linkCss) => readCard(b, overlayOf(handle), linkCss);

/** Read the card shown on the page the browser is on (opened by its address). */
async function cardHere(b, handle) {
  const frame = overlayOf(handle);
  const shown = `const f = document.querySelector(${JSON.stringify(frame)});
    return !!f && getComputedStyle(f).display === 'block';`;
  await waitUntil(() => b.execute(shown), `the card of ${handle} shown`);
  await b.switchToFrame(frame);
  const name = (await b.waitForText('.name', /\S/)).trim();
  const history = (await b.waitForText('.history', /\S/)).trim();
  await b.switchToParent();
  return { name, history };
}


async function home(b) {
  await b.click('.navigation-panel a[href="/home"]');
  await b.find(ALICE);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Mastodon favourites, boosts and replies land on the right account`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://mastodon.social/home');

    // Favourite a local account's post, and the user's own post.
    for (const target of [ALICE, MINE]) {
      await b.click(`${target} ${STAR}`);
      await b.find(`${target} ${STAR}.active`);
    }

    // Mastodon's hotkey "f" on the focused post favourites it, like a click.
    await b.press(`.status__wrapper:has(${DAVE})`, 'f');
    await b.find(`${DAVE} ${STAR}.active`);

    // Favourite and unfavourite: nothing is left.
    await b.click(`${ERIN} ${STAR}`);
    await b.find(`${ERIN} ${STAR}.active`);
    await b.click(`${ERIN} ${STAR}.active`);
    await b.find(`${ERIN} ${STAR}:not(.active)`);

    // Boost, chosen in the menu, a remote account's post that carol boosted.
    await b.click(`${BOB_BOOSTED_BY_CAROL} ${BOOST}`);
    await b.click('.reblog-menu-item button[data-index="0"]');
    await b.find(`${BOB_BOOSTED_BY_CAROL} ${BOOST}.active`);

    // Reply to dave's post (it has a content warning).
    await b.click(`${DAVE} ${REPLY}`);
    await b.find('.reply-indicator');
    await b.type('textarea.autosuggest-textarea__textarea', 'Agreed!');
    await b.click(PUBLISH);
    await waitUntil(async () => (await b.execute('return document.querySelectorAll(".reply-indicator").length')) === 0,
      'the reply is sent');

    // A reply started and cancelled, then a new post: no reply to anyone.
    await b.click(`${ALICE} ${REPLY}`);
    await b.find('.reply-indicator');
    await b.click('.navigation-bar > button.icon-button');
    await b.type('textarea.autosuggest-textarea__textarea', 'Hello, fediverse.');
    await b.click(PUBLISH);
    await waitUntil(async () => (await b.execute('return document.querySelector("textarea").value')) === '',
      'the post is sent');
    await pause(500);

    // SPA navigation to a local author's profile shows the card.
    const alice = await cardOn(b, 'alice@mastodon.social', `${ALICE} ${AUTHOR}`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '2 interactions: 1 like, 1 profile visit');

    // Unfavourite on her profile: the like is withdrawn.
    await b.click(`${ALICE} ${STAR}.active`);
    await b.find(`${ALICE} ${STAR}:not(.active)`);
    await pause(500);
    await home(b);
    const aliceAfter = await cardOn(b, 'alice@mastodon.social', `${ALICE} ${AUTHOR}`);
    assert.equal(aliceAfter.history, '1 interaction: 1 profile visit');

    // A boost's author is the original poster (remote), not the booster.
    await home(b);
    const bob = await cardOn(b, 'bob@fosstodon.org', `${BOB_BOOSTED_BY_CAROL} ${AUTHOR}`);
    assert.equal(bob.name, 'Bob Builder');
    assert.equal(bob.history, '2 interactions: 1 repost, 1 profile visit');
    await home(b);
    const carol = await cardOn(b, 'carol@mastodon.social',
      `.status__wrapper:has(${BOB_BOOSTED_BY_CAROL}) .status__prepend a.status__display-name`);
    assert.equal(carol.name, 'Carol Chen', 'the name comes from her profile header');
    assert.equal(carol.history, '1 interaction: 1 profile visit');

    // The reply went to the replied-to author.
    await home(b);
    const dave = await cardOn(b, 'dave@mastodon.social', `${DAVE} ${AUTHOR}`);
    assert.equal(dave.history, '3 interactions: 1 like, 1 reply, 1 profile visit');

    // Unfavourited, so only this visit.
    await home(b);
    const erin = await cardOn(b, 'erin@mastodon.social', `${ERIN} ${AUTHOR}`);
    assert.equal(erin.history, '1 interaction: 1 profile visit');

    // Follow alice and bob (remote) from their profile headers.
    for (const [post, name] of [[ALICE, 'Alice Example'], [BOB_BOOSTED_BY_CAROL, 'Bob Builder']]) {
      await home(b);
      await b.click(`${post} ${AUTHOR}`);
      await b.waitForText('.account__header__tabs__name h1', name);
      await b.click(FOLLOW);
      await b.find(`${FOLLOW}.button--destructive`);
    }
    // Unfollow bob, confirmed in the dialog: the follow is withdrawn.
    await b.click(FOLLOW);
    await b.click(CONFIRM);
    await b.find(`${FOLLOW}:not(.button--destructive)`);
    // Unfollow alice, cancelled in the dialog: she stays followed.
    await home(b);
    await b.click(`${ALICE} ${AUTHOR}`);
    await b.waitForText('.account__header__tabs__name h1', 'Alice Example');
    await b.click(`${FOLLOW}.button--destructive`);
    await b.click(CANCEL);
    await pause(500);
    // The redesigned header draws its buttons twice (wide and narrow screens).
    assert.equal(await b.execute(`return document.querySelectorAll('${FOLLOW}.button--destructive').length`), 2);
    await home(b);
    const aliceFollowed = await cardOn(b, 'alice@mastodon.social', `${ALICE} ${AUTHOR}`);
    assert.equal(aliceFollowed.history, '2 interactions: 1 follow, 1 profile visit');
    await home(b);
    const bobUnfollowed = await cardOn(b, 'bob@fosstodon.org', `${BOB_BOOSTED_BY_CAROL} ${AUTHOR}`);
    assert.equal(bobUnfollowed.history, '2 interactions: 1 repost, 1 profile visit');

    // The user's own profile gets no card, and their own post no record.
    await b.click('.navigation-bar a.account__display-name');
    await b.waitForText('.account__header__tabs__name h1', 'Kim Lindqvist');
    await waitUntil(async () => (await b.execute(`return document.querySelectorAll('${OVERLAY}').length`)) === 0,
      'no card on the user\'s own profile');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Mastodon notifications become what each person did for the user`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://mastodon.social/home');
    await b.click('.navigation-panel a[href="/notifications"]');
    // The streamed-in boost arrives last; give the content script its look.
    await b.find('.notification-group--reblog');
    await pause(1500);
    // Coming back to the page reads the same notifications again.
    await home(b);
    await b.click('.navigation-panel a[href="/notifications"]');
    await b.find('.notification-group--reblog');
    await pause(1500);

    const group = (type) => `.notification-group--${type}`;
    const CAROL = '3 interactions: 1 profile visit, 1 repost from them, 1 follow from them';
    const DAVE_HISTORY = '3 interactions: 1 profile visit, 1 like from them, 1 mention from them';
    const alice = await cardOn(b, 'alice@mastodon.social',
      `${group('favourite')} .notification-group__main__header__wrapper a[href="/@alice"]`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '2 interactions: 1 profile visit, 1 like from them');

    await b.click('.navigation-panel a[href="/notifications"]');
    const bob = await cardOn(b, 'bob@fosstodon.org',
      `${group('favourite')} .notification-group__main__header__wrapper a[href="/@bob@fosstodon.org"]`);
    assert.equal(bob.history, '2 interactions: 1 profile visit, 1 like from them');

    // Carol followed, and quoted the user's post (a repost of it).
    await b.click('.navigation-panel a[href="/notifications"]');
    const carol = await cardOn(b, 'carol@mastodon.social', `${group('follow')} .notification-group__main__header__wrapper a`);
    assert.equal(carol.history, CAROL);

    // Dave's like came in a group whose timestamp is a bare <time> (4.3).
    await b.click('.navigation-panel a[href="/notifications"]');
    const dave = await cardOn(b, 'dave@mastodon.social', '.notification-ungrouped--mention .status__info a.status__display-name');
    assert.equal(dave.name, 'Dave Okafor');
    assert.equal(dave.history, DAVE_HISTORY);

    // Erin's ended poll is nothing between two people; her boost (4.3
    // shape, streamed in) is.
    await b.click('.navigation-panel a[href="/notifications"]');
    const erin = await cardOn(b, 'erin@mastodon.social', `${group('reblog')} .notification-group__avatar-group a`);
    assert.equal(erin.history, '2 interactions: 1 profile visit, 1 repost from them');

    // The advanced layout's /deck/notifications is read too, and the same
    // notifications, in either shape, are not counted again.
    await b.goto('https://mastodon.social/deck/notifications');
    await b.find('.notification-group--reblog');
    await pause(1500);
    const daveAgain = await cardOn(b, 'dave@mastodon.social',
      `${group('favourite')} .notification-group__avatar-group a[href="/@dave"]`);
    assert.equal(daveAgain.history, DAVE_HISTORY);
    assert.match(await b.execute('return location.pathname'), /^\/deck\/@dave\//);

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Mastodon profiles open on /@acct/posts and under /deck`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://mastodon.social/@alice/posts');
    await b.waitForText('.account__header__tabs__name h1', 'Alice Example');
    const posts = await cardHere(b, 'alice@mastodon.social');
    assert.equal(posts.name, 'Alice Example');
    assert.equal(posts.history, '1 interaction: 1 profile visit');

    // The advanced layout: /deck/@alice opens on /deck/@alice/about.
    await b.goto('https://mastodon.social/deck/@alice');
    await b.waitForText('.account__header__tabs__name h1', 'Alice Example');
    assert.equal(await b.execute('return location.pathname'), '/deck/@alice/about');
    const deck = await cardHere(b, 'alice@mastodon.social');
    assert.equal(deck.name, 'Alice Example');

    // Following from the header there, and a remote account's tab under /deck.
    await b.click(FOLLOW);
    await b.find(`${FOLLOW}.button--destructive`);
    await b.goto('https://mastodon.social/deck/@bob@fosstodon.org/media');
    await b.waitForText('.account__header__tabs__name h1', 'Bob Builder');
    const bob = await cardHere(b, 'bob@fosstodon.org');
    assert.equal(bob.history, '1 interaction: 1 profile visit');
    await b.goto('https://mastodon.social/@alice/posts');
    const followed = await cardHere(b, 'alice@mastodon.social');
    assert.equal(followed.history, '2 interactions: 1 follow, 1 profile visit');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Mastodon post pages: the focused post is its author's, and a stale Reply is not credited`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    // Reply clicked on alice's post in the timeline, then, before sending,
    // dave's post opened and Reply clicked on it: the reply answers dave.
    await b.goto('https://mastodon.social/home');
    await b.click(`${ALICE} ${REPLY}`);
    await b.find('.compose-form > .reply-indicator a.detailed-status__display-name[href="/@alice"]');
    await b.click(`${DAVE} a.status__relative-time`);
    await b.find(FOCUSED_STAR);

    // Like and boost the focused post.
    await b.click(FOCUSED_STAR);
    await b.find(`${FOCUSED_STAR}.active`);
    await b.click(FOCUSED_BOOST);
    await b.find(`${FOCUSED_BOOST}.active`);
    // A reply below it by someone else is that person's.
    await b.click(`${ERIN_REPLY} ${STAR}`);
    await b.find(`${ERIN_REPLY} ${STAR}.active`);

    await b.click(FOCUSED_REPLY);
    await b.find('.compose-form > .reply-indicator a.detailed-status__display-name[href="/@dave"]');
    await b.type('textarea.autosuggest-textarea__textarea', 'Rye, always.');
    await b.click(PUBLISH);
    await waitUntil(async () => (await b.execute('return document.querySelectorAll(".reply-indicator").length')) === 0,
      'the reply is sent');
    await pause(500);

    const dave = await cardOn(b, 'dave@mastodon.social', `${FOCUSED} a.detailed-status__display-name`);
    assert.equal(dave.name, 'Dave Okafor');
    assert.equal(dave.history, '4 interactions: 1 like, 1 reply, 1 repost, 1 profile visit');
    await b.goto('https://mastodon.social/@dave/113000000000000003');
    const erin = await cardOn(b, 'erin@mastodon.social', `${ERIN_REPLY} ${AUTHOR}`);
    assert.equal(erin.history, '2 interactions: 1 like, 1 profile visit');
    await home(b);
    const alice = await cardOn(b, 'alice@mastodon.social', `${ALICE} ${AUTHOR}`);
    assert.equal(alice.history, '1 interaction: 1 profile visit', 'the earlier Reply click is not credited');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

// Replies under the user's own post, on its page (features/status/legacy.jsx
// with components/status/legacy/status.jsx's thread lines): Alice's and
// Dave's answer the post and are replies from them; Bob's answers Carol's
// reply and the user's own answers Alice: nothing. Carol's answers the post
// but has Bob's reply right after it, which the markup cannot tell from a
// reply to an earlier post: nothing rather than a guess. Seen twice, once.
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Mastodon replies under the user's own post become replies from their authors`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    const MY_THREAD = 'https://mastodon.social/@kim/113000000000000004';
    const reply = (id) => `${status(id)} ${AUTHOR}`;

    await b.goto('https://mastodon.social/home');
    await b.goto(MY_THREAD);
    await b.find(status('113000000000000035'));
    await pause(1500);
    await home(b);
    await b.goto(MY_THREAD);
    await b.find(status('113000000000000035'));
    await pause(1500);

    const alice = await cardOn(b, 'alice@mastodon.social', reply('113000000000000031'));
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '2 interactions: 1 profile visit, 1 reply from them');
    for (const [handle, id] of [['bob@fosstodon.org', '113000000000000034'], ['carol@mastodon.social', '113000000000000032']]) {
      await b.goto(MY_THREAD);
      const card = await cardOn(b, handle, reply(id));
      assert.equal(card.history, '1 interaction: 1 profile visit', handle);
    }
    await b.goto(MY_THREAD);
    const dave = await cardOn(b, 'dave@mastodon.social', reply('113000000000000035'));
    assert.equal(dave.history, '2 interactions: 1 profile visit, 1 reply from them');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
