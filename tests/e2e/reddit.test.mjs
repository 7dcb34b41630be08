// Reddit end to end, on the fixture of www.reddit.com signed in as u/kim_l:
// upvotes clicked inside the shadow roots of shreddit-post and of a comment's
// action row (and their undo, by a second click or by a downvote), a reply to
// a comment and a top-level comment on a post, each recorded for exactly the
// right account, and the card on profiles reached by the app's own pushState
// navigation and on reddit.com/u/<name>. Then upvotes in the home feed,
// whose cards link no author: the post element's author attribute names
// them, a crosspost's being the crossposter, not the original's author. The
// user's own post, comment and profile, and authors only visited, get
// nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause, readCard, waitUntil } from '../harness/card.mjs';

const post = (id) => `shreddit-post[id="t3_${id}"]`;
const comment = (id) => `shreddit-comment[thingid="t1_${id}"]`;
const ALICE = post('1abcde');
const MINE = post('1bcdef');
const DAVE = post('1cdefg');
const CAROL_CROSSPOST = post('1dxpst');
const BOB_COMMENT = comment('kx1yz2');
const MY_COMMENT = comment('kx1yz3');
const CAROL_COMMENT = comment('kx2aaa');
// Where the vote buttons' shadow root is: the post itself, or the comment's own action row.
const votesOf = (css) => (css.startsWith('shreddit-comment') ? `${css} > shreddit-comment-action-row` : css);
const POST_AUTHOR = '[slot="credit-bar"] a.author-name';
const COMMENT_AUTHOR = '> [slot="commentMeta"] [noun="comment_author"] a';
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (handle) => `${OVERLAY}[data-account="reddit/${encodeURIComponent(handle)}"]`;


/**
 * A real click on a vote button inside an open shadow root. Playwright's CSS
 * pierces open shadow roots. The Firefox harness has no shadow-aware find, so
 * this uses WebDriver's own Get Element Shadow Root and Find Element From
 * Shadow Root, then Element Click: still a real, trusted click.
 */
async function vote(b, thing, which) {
  const host = votesOf(thing);
  if (b.page) {
    await b.click(`${host} button[${which}]`);
    return;
  }
  const shadow = await b._cmd('GET', `${b._el(await b.find(host))}/shadow`);
  const shadowId = Object.values(shadow)[0];
  const button = await b._cmd('POST', `/shadow/${encodeURIComponent(shadowId)}/element`,
    { using: 'css selector', value: `button[${which}]` });
  await b._cmd('POST', `${b._el(button)}/click`, {});
}

function pressed(b, thing, which) {
  return b.execute(`return document.querySelector(${JSON.stringify(votesOf(thing))})
    ?.shadowRoot?.querySelector('button[${which}]')?.getAttribute('aria-pressed') ?? null`);
}

async function voteAndWait(b, thing, which, want) {
  await vote(b, thing, which);
  await waitUntil(async () => (await pressed(b, thing, which)) === want, `${which} on ${thing} is ${want}`);
}

/** Follow a link to a profile, as a user would, and read the card shown there. */
const cardOn = (b, handle, linkCss) => readCard(b, overlayOf(handle), linkCss);

async function subreddit(b) {
  await b.click('.subreddits a[href="/r/rust/"]');
  await b.find(`${DAVE} ${POST_AUTHOR}`);
}

async function thread(b) {
  await subreddit(b);
  await b.click(`${ALICE} a[slot="title"]`);
  await b.find(`${CAROL_COMMENT} ${COMMENT_AUTHOR}`);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Reddit upvotes, comments and replies land on the right account`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://www.reddit.com/r/rust/');

    // Upvote alice's post and the user's own post.
    await voteAndWait(b, ALICE, 'upvote', 'true');
    await voteAndWait(b, MINE, 'upvote', 'true');

    // Upvote dave's post, then downvote it instead: nothing is left.
    await voteAndWait(b, DAVE, 'upvote', 'true');
    await voteAndWait(b, DAVE, 'downvote', 'true');
    assert.equal(await pressed(b, DAVE, 'upvote'), 'false');

    // On the post's page: upvote Bob's comment and the user's own reply to it.
    await b.click(`${ALICE} a[slot="title"]`);
    await b.find(`${CAROL_COMMENT} ${COMMENT_AUTHOR}`);
    await voteAndWait(b, BOB_COMMENT, 'upvote', 'true');
    await voteAndWait(b, MY_COMMENT, 'upvote', 'true');

    // Reply to Carol's comment in its own composer.
    await b.click(`${CAROL_COMMENT} button[slot="comment-reply"]`);
    await b.type(`${CAROL_COMMENT} shreddit-composer [role="textbox"]`, 'A little, in my builds.');
    await b.click(`${CAROL_COMMENT} button[slot="submit-button"]`);
    await waitUntil(async () => (await b.execute('return document.querySelectorAll("shreddit-composer").length')) === 0,
      'the reply is sent');

    // A top-level comment on alice's post.
    await b.click('comment-composer-host faceplate-textarea-input');
    await b.type('comment-composer-host [role="textbox"]', 'Great news, thanks for the write-up.');
    await b.click('comment-composer-host button[slot="submit-button"]');
    await b.find('comment-composer-host faceplate-textarea-input');
    await pause(500);

    // SPA navigation to the post author's profile shows the card.
    const alice = await cardOn(b, 'alice_ex', `${ALICE} ${POST_AUTHOR}`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '3 interactions: 1 like, 1 comment, 1 profile visit');

    // Take the upvote back on her profile: the like is withdrawn.
    await voteAndWait(b, ALICE, 'upvote', 'false');
    await pause(500);
    await subreddit(b);
    const aliceAfter = await cardOn(b, 'alice_ex', `${ALICE} ${POST_AUTHOR}`);
    assert.equal(aliceAfter.history, '2 interactions: 1 comment, 1 profile visit');

    // The comment's author, not the post's, gets the comment's like.
    await thread(b);
    const bob = await cardOn(b, 'bob-builder', `${BOB_COMMENT} ${COMMENT_AUTHOR}`);
    assert.equal(bob.history, '2 interactions: 1 like, 1 profile visit');

    // The reply went to the replied-to commenter.
    await thread(b);
    const carol = await cardOn(b, 'carol_c', `${CAROL_COMMENT} ${COMMENT_AUTHOR}`);
    assert.equal(carol.name, 'Carol Chen', 'the name comes from her profile header');
    assert.equal(carol.history, '2 interactions: 1 reply, 1 profile visit');

    // Upvoted then downvoted: only this visit.
    await subreddit(b);
    const dave = await cardOn(b, 'dave_d', `${DAVE} ${POST_AUTHOR}`);
    assert.equal(dave.history, '1 interaction: 1 profile visit');

    // The user's own profile (from the user drawer) gets no card, and their
    // own post and comment no record.
    await b.click('#expand-user-drawer-button');
    await b.click('#user-drawer-content a[href="/user/kim_l/"]');
    await b.waitForText('.profile-header h1', 'Kim Lindqvist');
    await pause(500);
    assert.equal(await b.execute(`return document.querySelectorAll('${OVERLAY}').length`), 0,
      'no card on the user\'s own profile');

    // reddit.com without www, and the short /u/ route: the same person.
    await b.goto('https://reddit.com/u/Carol_C');
    await b.switchToFrame(overlayOf('carol_c'));
    assert.equal(await b.text('.history'), '2 interactions: 1 reply, 1 profile visit');
    await b.switchToParent();

    // The home feed: no author links, the author attribute. Upvote alice's
    // post again, carol's crosspost of dave's post, and the user's own.
    await b.goto('https://www.reddit.com/');
    await b.find(`${CAROL_CROSSPOST} [slot="post-media-container"] a[href="/user/dave_d/"]`);
    assert.equal(await b.execute(`return document.querySelectorAll('shreddit-post a.author-name').length`), 0,
      'the home feed links no author');
    for (const thing of [ALICE, CAROL_CROSSPOST, MINE]) await voteAndWait(b, thing, 'upvote', 'true');
    await pause(500);
    for (const [handle, history] of [
      ['alice_ex', '3 interactions: 1 like, 1 comment, 1 profile visit'],
      ['carol_c', '3 interactions: 1 like, 1 reply, 1 profile visit'],
      ['dave_d', '1 interaction: 1 profile visit'],
    ]) {
      await b.goto(`https://www.reddit.com/user/${handle}/`);
      await b.switchToFrame(overlayOf(handle));
      assert.equal(await b.text('.history'), history, handle);
      await b.switchToParent();
    }

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

// What others did for the user, read where Reddit shows it. The
// notifications page: a notification-item per notification, its kind in
// message-type, the person only as the title's leading u/<name>. Alice's
// reply to the user's comment and to the user's post are hers; an upvote
// milestone names nobody (Reddit's votes are anonymous, so there is no "like
// from Alice" on Reddit), an achievement and a message from Reddit are about
// nobody, and a body snippet naming u/Bob-Builder is not Bob's doing. No
// public reference shows a follow notification rendered, so the page has
// none. Then the user's own post: Alice's answer to it and to the user's
// comment are replies of hers (the first already known from the
// notification), Carol's answer to the post is hers, Bob's answer to Carol
// and the user's own answer are nothing. Seen again, nothing is added.
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Reddit notifications and replies in the user's thread are what each person did for the user`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    const history = async (handle) => {
      await b.goto(`https://www.reddit.com/user/${handle}/`);
      await b.switchToFrame(overlayOf(handle.toLowerCase()));
      const text = await b.text('.history');
      await b.switchToParent();
      return text;
    };
    const notifications = async () => {
      await b.goto('https://www.reddit.com/notifications');
      await b.find('notification-item[message-type="GAMIFICATION_ACHIEVEMENT_UNLOCKED"] time[datetime]');
      await pause(1500);
    };
    const myPost = async () => {
      await b.goto('https://www.reddit.com/r/rust/comments/1bcdef/my_first_crate/');
      await b.find(`${comment('kb1bob')} ${COMMENT_AUTHOR}`);
      await pause(1500);
    };

    await notifications();
    await notifications();
    assert.equal(await history('alice_ex'), '3 interactions: 1 profile visit, 2 replies from them');
    assert.equal(await history('Bob-Builder'), '1 interaction: 1 profile visit', 'named in a body, not the author');

    await myPost();
    await myPost();
    assert.equal(await history('alice_ex'), '4 interactions: 1 profile visit, 3 replies from them');
    assert.equal(await history('carol_c'), '2 interactions: 1 profile visit, 1 reply from them');
    assert.equal(await history('Bob-Builder'), '1 interaction: 1 profile visit', 'his answer was to Carol');

    // The same notifications again, after the thread: nothing more.
    await notifications();
    assert.equal(await history('alice_ex'), '4 interactions: 1 profile visit, 3 replies from them');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
