// Facebook end to end, on the fixture of www.facebook.com signed in as Kim
// Lindqvist: reactions (and taking them back) through a post's Like button,
// a comment sent with the comment box's send button, each recorded for
// exactly the story's actor (a numeric profile.php id included), and the
// card on profiles reached by the app's own pushState navigation. A shared
// post is the sharer's: the original author in its attachment gets nothing.
// The user's own post and profile, a Messenger message sent while a comment
// box was open, and a profile opened where Facebook does not show who is
// signed in get nothing either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { noFrame, pause, readCard } from '../harness/card.mjs';

const post = (id) => `[role="article"][data-fixture-post="${id}"]`;
const ALICE = post('pfbid02AliceRun30km');
const CAROL_SHARING_BOB = post('pfbid0CarolShare7x');
const ERIN = post('pfbid0ErinHarbour2');
const MINE = post('pfbid0KimHello9zz');
const AUTHOR = '[data-ad-rendering-role="profile_name"] a';
const LIKE = '[role="button"]:has([data-ad-rendering-role="like_button"])';
const COMMENT = '[role="button"]:has([data-ad-rendering-role="comment_button"])';
const BOX = 'form [role="textbox"][aria-label^="Comment as"]';
const SEND = '#focused-state-composer-submit [role="button"]';
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (handle) => `${OVERLAY}[data-account="facebook/${encodeURIComponent(handle)}"]`;


/** Follow a link to a profile, as a user would, and read the card shown there. */
const cardOn = (b, handle, linkCss) => readCard(b, overlayOf(handle), linkCss);

async function home(b) {
  await b.click('[role="banner"] a[aria-label="Home"]');
  await b.find(ALICE);
}

const noCard = noFrame;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Facebook reactions and comments land on the story's actor`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    // Opened straight on a profile, the page does not say who is signed in
    // (no left rail): no card, since it might be the user's own.
    await b.goto('https://www.facebook.com/alice.example');
    await b.waitForText('[role="main"] h1', 'Alice Example');
    await pause(500);
    await noCard(b, 'no card where the signed-in user is unknown');

    await b.goto('https://www.facebook.com/');
    await b.find(`[data-pagelet="LeftRail"] a[href="https://www.facebook.com/kim.lindqvist"]`);

    // Like Alice's post, Carol's share of Bob's post, and the user's own.
    for (const target of [ALICE, CAROL_SHARING_BOB, MINE]) {
      await b.click(`${target} ${LIKE}[aria-label="Like"]`);
      await b.find(`${target} ${LIKE}[aria-label="Remove Like"]`);
    }

    // Like and take it back: nothing is left.
    await b.click(`${ERIN} ${LIKE}[aria-label="Like"]`);
    await b.click(`${ERIN} ${LIKE}[aria-label="Remove Like"]`);
    await b.find(`${ERIN} ${LIKE}[aria-label="Like"]`);

    // Comment on Alice's post: its Comment button, then the send button.
    await b.click(`${ALICE} ${COMMENT}`);
    await b.type(`${ALICE} ${BOX}`, 'Go Alice!');
    await b.click(`${ALICE} ${SEND}:not([aria-disabled="true"])`);
    await b.waitForText(`${ALICE} [role="article"][aria-label^="Comment by Kim Lindqvist"]`, 'Go Alice!');

    // Erin's comment box opened, then a Messenger message sent instead: the
    // chat box is no comment box.
    await b.click(`${ERIN} ${COMMENT}`);
    await b.type('[data-pagelet="ChatTab"] [role="textbox"]', 'See you Saturday!');
    await b.click('[data-pagelet="ChatTab"] [aria-label="Press enter to send"]');
    await b.waitForText('#chat-log', 'See you Saturday!');
    await pause(500);

    // SPA navigation to Alice's profile shows the card; her like and comment.
    const alice = await cardOn(b, 'alice.example', `${ALICE} ${AUTHOR}`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '3 interactions: 1 like, 1 comment, 1 profile visit');

    // Take the like back on her profile (the left rail is gone there; the
    // signed-in user is the one the home feed showed): withdrawn.
    await b.click(`${ALICE} ${LIKE}[aria-label="Remove Like"]`);
    await b.find(`${ALICE} ${LIKE}[aria-label="Like"]`);
    await pause(500);
    await home(b);
    const aliceAfter = await cardOn(b, 'alice.example', `${ALICE} ${AUTHOR}`);
    assert.equal(aliceAfter.history, '2 interactions: 1 comment, 1 profile visit');

    // A share is the sharer's post (a numeric profile.php id): hers is the
    // like; Bob, the original author in the attachment, gets only a visit.
    await home(b);
    const carol = await cardOn(b, '100012345678901', `${CAROL_SHARING_BOB} ${AUTHOR}`);
    assert.equal(carol.name, 'Carol Chen');
    assert.equal(carol.history, '2 interactions: 1 like, 1 profile visit');
    await home(b);
    const bob = await cardOn(b, 'bob.builder', `${CAROL_SHARING_BOB} h5 a`);
    assert.equal(bob.name, 'Bob Builder');
    assert.equal(bob.history, '1 interaction: 1 profile visit');

    // Liked and unliked, her comment box opened but never sent: a visit only.
    await home(b);
    const erin = await cardOn(b, 'erin.walsh', `${ERIN} ${AUTHOR}`);
    assert.equal(erin.history, '1 interaction: 1 profile visit');

    // The Messenger message is nobody's comment. The chat sits where the
    // card does, bottom right, as on Facebook: the user closes the card first.
    await b.switchToFrame(overlayOf('erin.walsh'));
    await b.click('button.close');
    await b.switchToParent();
    await noCard(b, 'closed');
    const dave = await cardOn(b, 'dave.okafor', '[data-pagelet="ChatTab"] a[href$="/dave.okafor"]');
    assert.equal(dave.history, '1 interaction: 1 profile visit');

    // Facebook's own sections are no profiles, though they have an h1.
    await b.click('[role="banner"] a[aria-label="Marketplace"]');
    await b.waitForText('[role="main"] h1', 'Marketplace');
    await pause(500);
    await noCard(b, 'no card on Marketplace');

    // The user's own profile gets no card, and their own post no record.
    await home(b);
    await b.click('[data-pagelet="LeftRail"] ul a[role="link"]');
    await b.waitForText('[role="main"] h1', 'Kim Lindqvist');
    await b.find(`${MINE} ${LIKE}[aria-label="Remove Like"]`);
    await pause(500);
    await noCard(b, 'no card on the user\'s own profile');

    // Nobody else was recorded: five people, their likes, comment and visits.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 5 people and 7 interactions.');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

// A post opened directly (its own URL, a new document, no home feed):
// Facebook shows no left rail there, and no public source shows a link to the
// signed-in user on that page (docs/sites/facebook.md). Before Kindling has
// ever seen who is signed in, a like there cannot be told from a like of the
// user's own post and records nothing. Once any page showed the left rail
// (the home feed, in any tab, any day), Kindling remembers the user, and a
// post opened directly records its like for its author, while the user's own
// post opened directly is still never recorded.
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Facebook post opened directly records its like once Kindling knows who is signed in`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://www.facebook.com/alice.example/posts/pfbid02AliceRun30km');
    await b.find(`[role="main"] ${ALICE} ${LIKE}[aria-label="Like"]`);
    assert.equal(await b.execute('return document.querySelectorAll(\'[data-pagelet="LeftRail"]\').length'), 0);
    await b.click(`${ALICE} ${LIKE}[aria-label="Like"]`);
    await b.find(`${ALICE} ${LIKE}[aria-label="Remove Like"]`);
    await pause(500);

    // The home feed shows who is signed in.
    await b.click('[role="banner"] a[aria-label="Home"]');
    await b.find(`[data-pagelet="LeftRail"] a[href="https://www.facebook.com/kim.lindqvist"]`);
    await pause(300);

    // A post opened directly again (a new document): its like is recorded.
    await b.goto('https://www.facebook.com/alice.example/posts/pfbid02AliceRun30km');
    assert.equal(await b.execute('return document.querySelectorAll(\'[data-pagelet="LeftRail"]\').length'), 0);
    await b.click(`${ALICE} ${LIKE}[aria-label="Like"]`);
    await b.find(`${ALICE} ${LIKE}[aria-label="Remove Like"]`);
    // The user's own post, opened directly: never recorded.
    await b.goto('https://www.facebook.com/kim.lindqvist/posts/pfbid0KimHello9zz');
    await b.click(`${MINE} ${LIKE}[aria-label="Like"]`);
    await b.find(`${MINE} ${LIKE}[aria-label="Remove Like"]`);
    await pause(500);

    // One like of Alice's (the first, before Kindling knew the user, was
    // not guessed at), and nothing of the user's own.
    await b.goto('https://www.facebook.com/');
    const alice = await cardOn(b, 'alice.example', `${ALICE} ${AUTHOR}`);
    assert.equal(alice.history, '2 interactions: 1 like, 1 profile visit');
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 2 interactions.');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

// Replies in a thread (issue 19): the user's own post opened on its own page.
// Alice's and Carol's comments on it, and Dave's reply nested in the user's
// own comment, answer the user: one inbound reply each. Bob's reply nested in
// Carol's comment answers Carol, and the user's own replies are the user's:
// nothing. Opening the thread again adds nothing. Facebook's notifications
// list is not read: each notification is one link to the story and names
// its people only in text (docs/sites/facebook.md).
const THREAD = post('pfbid0KimThread5r');
const THREAD_URL = 'https://www.facebook.com/kim.lindqvist/posts/pfbid0KimThread5r';
const commentBy = (who) => `${THREAD} [role="article"]:is([aria-label^="Comment by ${who}"], [aria-label^="Reply by ${who}"])`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Facebook replies to the user in their own post's thread are inbound replies, once`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    // The home feed shows who is signed in.
    await b.goto('https://www.facebook.com/');
    await b.find('[data-pagelet="LeftRail"] a[href="https://www.facebook.com/kim.lindqvist"]');
    await pause(300);

    for (let visit = 0; visit < 2; visit += 1) {
      await b.goto(THREAD_URL);
      await b.find(`${commentBy('Dave Okafor')} a[href*="reply_comment_id="]`);
      await pause(800);
    }
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 3 people and 3 interactions.');

    await b.goto(THREAD_URL);
    const alice = await cardOn(b, 'alice.example', `${commentBy('Alice Example')} a[href*="/alice.example?"]`);
    assert.equal(alice.history, '2 interactions: 1 profile visit, 1 reply from them');
    await b.goto(THREAD_URL);
    const carol = await cardOn(b, '100012345678901', `${commentBy('Carol Chen')} a[href*="/profile.php?id="]`);
    assert.equal(carol.history, '2 interactions: 1 profile visit, 1 reply from them');
    await b.goto(THREAD_URL);
    const dave = await cardOn(b, 'dave.okafor', `${commentBy('Dave Okafor')} a[href*="/dave.okafor?"]`);
    assert.equal(dave.history, '2 interactions: 1 profile visit, 1 reply from them');
    await b.goto(THREAD_URL);
    const bob = await cardOn(b, 'bob.builder', `${commentBy('Bob Builder')} a[href*="/bob.builder?"]`);
    assert.equal(bob.history, '1 interaction: 1 profile visit');

    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 4 people and 7 interactions.');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
