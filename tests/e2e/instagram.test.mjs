// Instagram end to end, on the fixture of www.instagram.com signed in as
// kim.lindqvist: likes (and their undo) through a post's heart, in English
// and in French, a comment sent with the comment box's "Post" button, each
// recorded for exactly the post's author, and the card on profiles reached
// by the app's own pushState navigation. A repost's like is the original
// author's, never the reposter's; the user's own post and profile, a
// comment's small heart, and a direct message sent while a comment box was
// open get nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { noFrame, pause, readCard } from '../harness/card.mjs';

const post = (code) => `article[data-fixture-post="${code}"]`;
const ALICE = post('C1AliceRun');
const BOB_REPOSTED_BY_CAROL = post('C2BobGarden');
const ERIN = post('C4ErinHarbour');
const MINE = post('C5KimHello');
const AUTHOR = 'header a[href$="/"]:not(:has(img))';
const heart = (label) => `section [role="button"]:has(svg[height="24"][aria-label="${label}"])`;
const COMMENT = 'section [role="button"]:has(svg[aria-label="Comment"])';
const BOX = 'form textarea';
const POST_BUTTON = 'form [role="button"]:not(:has(svg))';
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (handle) => `${OVERLAY}[data-account="instagram/${encodeURIComponent(handle)}"]`;


/** Follow a link to a profile, as a user would, and read the card shown there. */
const cardOn = (b, handle, linkCss) => readCard(b, overlayOf(handle), linkCss);

async function home(b) {
  await b.click('#side-nav a[href="/"]:has(svg[aria-label="Home"])');
  await b.find(ALICE);
}

const noCard = noFrame;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Instagram likes and comments land on the post's author`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://www.instagram.com/');

    // Like Alice's post, Bob's post that Carol reposted, and the user's own.
    for (const target of [ALICE, BOB_REPOSTED_BY_CAROL, MINE]) {
      await b.click(`${target} ${heart('Like')}`);
      await b.find(`${target} ${heart('Unlike')}`);
    }

    // Like and unlike: nothing is left.
    await b.click(`${ERIN} ${heart('Like')}`);
    await b.click(`${ERIN} ${heart('Unlike')}`);
    await b.find(`${ERIN} ${heart('Like')}`);

    // The small heart beside Dave's comment is a like of the comment, not
    // of Alice's post.
    await b.click(`${ALICE} [data-fixture-comment] [role="button"]`);
    await b.find(`${ALICE} [data-fixture-comment] svg[height="12"][aria-label="Unlike"]`);

    // Comment on Alice's post: its comment icon, then "Post".
    await b.click(`${ALICE} ${COMMENT}`);
    await b.type(`${ALICE} ${BOX}`, 'Go Alice!');
    await b.click(`${ALICE} ${POST_BUTTON}`);
    await b.waitForText(`${ALICE} [data-fixture-comments]`, 'Go Alice!');

    // Erin's comment box opened, then a direct message sent instead.
    await b.click(`${ERIN} ${COMMENT}`);
    await b.type('#dm-dock [role="textbox"]', 'See you Saturday!');
    await b.click('#dm-send');
    await b.waitForText('#dm-log', 'See you Saturday!');
    await pause(500);

    // SPA navigation to Alice's profile shows the card: her like and comment.
    const alice = await cardOn(b, 'alice.example', `${ALICE} ${AUTHOR}`);
    assert.equal(alice.name, 'Alice Example', 'the name comes from the profile\'s title');
    assert.equal(alice.history, '3 interactions: 1 like, 1 comment, 1 profile visit');

    // Unlike on the post's own page (reached from her grid): withdrawn.
    await b.click('main .grid a[href="/p/C1AliceRun/"]');
    await b.click(`${ALICE} ${heart('Unlike')}`);
    await b.find(`${ALICE} ${heart('Like')}`);
    await pause(500);
    const aliceAfter = await cardOn(b, 'alice.example', `${ALICE} ${AUTHOR}`);
    assert.equal(aliceAfter.history, '2 interactions: 1 comment, 1 profile visit');

    // A repost's like is the original author's; the reposter gets a visit.
    await home(b);
    const bob = await cardOn(b, 'bob.builder', `${BOB_REPOSTED_BY_CAROL} ${AUTHOR}`);
    assert.equal(bob.history, '2 interactions: 1 like, 1 profile visit');
    await home(b);
    const carol = await cardOn(b, 'carol.chen', `${BOB_REPOSTED_BY_CAROL} > div:first-child a`);
    assert.equal(carol.name, 'Carol Chen');
    assert.equal(carol.history, '1 interaction: 1 profile visit');

    // Dave's comment liked, Erin's liked and unliked, and the direct message:
    // a visit each, nothing more.
    await home(b);
    const dave = await cardOn(b, 'dave.okafor', `${ALICE} [data-fixture-comment] a`);
    assert.equal(dave.history, '1 interaction: 1 profile visit');
    await home(b);
    const erin = await cardOn(b, 'erin.walsh', `${ERIN} ${AUTHOR}`);
    assert.equal(erin.history, '1 interaction: 1 profile visit');

    // Instagram's own pages are no profiles.
    await b.click('#side-nav a[href="/explore/"]');
    await b.find('main .grid');
    await pause(500);
    await noCard(b, 'no card on Explore');

    // The user's own profile gets no card, and their own post no record.
    await b.click('#side-nav a:has(img)');
    await b.waitForText('main header h2', 'kim.lindqvist');
    await pause(500);
    await noCard(b, 'no card on the user\'s own profile');

    // In French, the heart reads "J’aime" ↔ "Je n’aime plus".
    await b.goto('https://www.instagram.com/?hl=fr');
    await b.click(`${ERIN} ${heart('J’aime')}`);
    await b.find(`${ERIN} ${heart('Je n’aime plus')}`);
    await pause(500);
    const erinFr = await cardOn(b, 'erin.walsh', `${ERIN} ${AUTHOR}`);
    assert.equal(erinFr.history, '2 interactions: 1 like, 1 profile visit');

    // Nobody else was recorded: five people, their likes, comment and visits.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 5 people and 8 interactions.');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

// The nav's Profile item showing its icon, svg[aria-label="Profile"] (the
// 2026 selector file's NAV_PROFILE), instead of the avatar: the signed-in
// user is still known, so a like records for the post's author and the
// user's own post records nothing.
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: Instagram knows the user from the nav's Profile icon`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://www.instagram.com/?nav_icon=1');
    await b.find('#side-nav a[href="/kim.lindqvist/"] svg[aria-label="Profile"]');
    for (const target of [ALICE, MINE]) {
      await b.click(`${target} ${heart('Like')}`);
      await b.find(`${target} ${heart('Unlike')}`);
    }
    await pause(500);
    const alice = await cardOn(b, 'alice.example', `${ALICE} ${AUTHOR}`);
    assert.equal(alice.history, '2 interactions: 1 like, 1 profile visit');

    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 2 interactions.');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
