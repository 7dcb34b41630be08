// LinkedIn end to end, on the fixture of www.linkedin.com signed in as Kim
// Lindqvist, whose feed mixes the newer SDUI markup and the older one:
// likes (and their undo, also across two renders of one post), comments,
// reposts chosen in the Repost menu, a follow (and its undo) and an
// invitation sent from a profile, each recorded for exactly the right
// person, and the card on profiles reached by the site's own navigation.
// The user's own posts and profile, a company, the resharer, a commenter
// whose comment was liked, a member invited from a side list, a follow from
// a post's header and a message in the messaging drawer get nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause, readCard, waitUntil } from '../harness/card.mjs';

// `data-fixture-post` names a post in the fixture; SDUI renders some twice,
// the second time with a componentkey starting "expanded".
const post = (id) => `[data-fixture-post="${id}"]`;
const first = (id) => `${post(id)}:not([componentkey^="expanded"])`;
const second = (id) => `${post(id)}[componentkey^="expanded"]`;
const SDUI_LIKE = 'button[aria-label^="Reaction button state"]';
const OLD_LIKE = '.feed-shared-social-action-bar button.react-button__trigger';
// The SDUI actor's name link (the avatar link before it holds a figure).
const sduiActor = (id, slug) => `${first(id)} a[href*="/in/${slug}/"]:not(:has(figure))`;
const oldActor = (id) => `${post(id)} a.update-components-actor__meta-link`;
// The top card as served in 2026-10: a div keyed "…Topcard", the name in an h2.
const TOP_CARD = 'div[componentkey^="com.linkedin.sdui.profile.card.ref"][componentkey$="Topcard"]';
// The sticky header repeating the profile's action row, outside <main>.
const STICKY = '[data-fixture-sticky]';
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (slug) => `${OVERLAY}[data-account="linkedin/${slug}"]`;


const count = (b, css) => b.execute(`return document.querySelectorAll('${css}').length`);

async function home(b) {
  await b.click('.global-nav a[data-fixture-nav="home"]');
  await b.find(first('alice-1'));
}

/** Follow a link to a profile, as a user would, and read the card shown there. */
const cardOn = (b, slug, linkCss) => readCard(b, overlayOf(slug), linkCss);

async function noCard(b, what) {
  await pause(500);
  await waitUntil(async () => (await count(b, OVERLAY)) === 0, what);
}

async function sduiLike(b, target, state) {
  await b.click(`${target} ${SDUI_LIKE}`);
  await b.find(`${target} ${SDUI_LIKE}[aria-label$=": ${state}"]`);
}

async function oldLike(b, target, pressed) {
  await b.click(`${target} ${OLD_LIKE}`);
  await b.find(`${target} ${OLD_LIKE}[aria-pressed="${pressed}"]`);
}

/** Type a comment in a post's box (opened by its Comment button) and send it. */
async function comment(b, target, editorCss, sendCss, text) {
  await b.click(`${target} button[aria-label="Comment"]`);
  const before = await count(b, `${target} [data-fixture-comments] :is(.comments-comment-entity, [componentkey^="replaceableComment_"])`);
  await b.type(`${target} ${editorCss}`, text);
  await b.click(`${target} ${sendCss}`);
  await waitUntil(async () => (await count(b,
    `${target} [data-fixture-comments] :is(.comments-comment-entity, [componentkey^="replaceableComment_"])`)) === before + 1,
  'the comment is posted');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: LinkedIn likes, comments, reposts, follows and invitations land on the right person`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://www.linkedin.com/feed/');
    await b.find(first('alice-1'));
    // The Me menu is never opened before these likes: its content is not in
    // the page; the user is known from the left rail's profile card.
    assert.equal(await count(b, '.global-nav__me-content'), 0, 'the Me menu content is not rendered');

    // SDUI: like Alice's post; its second render shows the like too.
    await sduiLike(b, first('alice-1'), 'Like');
    await b.find(`${second('alice-1')} ${SDUI_LIKE}[aria-label$=": Like"]`);

    // The user's own posts in both markups, and a company's post.
    await sduiLike(b, post('kim-1'), 'Like');
    await oldLike(b, post('kim-2'), 'true');
    await sduiLike(b, post('acme-1'), 'Like');

    // Grace's post, liked in one render and taken back in the other: nothing is left.
    await sduiLike(b, first('grace-1'), 'Like');
    await sduiLike(b, second('grace-1'), 'no reaction');

    // Older markup: like Dana's post, and a like on Frank's comment under it
    // (a comment's like button looks like the post's).
    await oldLike(b, post('dana-1'), 'true');
    await b.click(`${post('dana-1')} .comments-comment-entity button.react-button__trigger`);
    await b.find(`${post('dana-1')} .comments-comment-entity button.react-button__trigger[aria-pressed="true"]`);

    // Comments: in the older markup on Dana's post, in SDUI on Grace's.
    await comment(b, post('dana-1'), '.ql-editor', 'button.comments-comment-box__submit-button--cr', 'Well done, Dana!');
    await comment(b, first('grace-1'), '[data-testid="ui-core-tiptap-text-editor-wrapper"] [contenteditable="true"]',
      '[componentkey^="commentButtonSection"] button', 'Great write-up.');

    // Erin's post, reposted by Frank (older markup): like and unlike, then
    // Repost from the menu.
    await oldLike(b, post('erin-1'), 'true');
    await oldLike(b, post('erin-1'), 'false');
    await b.click(`${post('erin-1')} button.social-reshare-button`);
    await b.click(`${post('erin-1')} .social-reshare-button__sharing-as-is-dropdown-item`);

    // Bob's post, reposted by Carol (SDUI): Repost from the menu; then the
    // Follow button in the post's header, which is not a profile's.
    await b.click(`${post('bob-1')} button[aria-label="Repost"]`);
    await b.click('[role="menu"] [role="menuitem"]:last-child');
    await b.click(`${post('bob-1')} button[aria-label="Follow Bob Builder"]`);
    await b.find(`${post('bob-1')} button[aria-label="Following Bob Builder"]`);

    // A message to Erin in the messaging drawer, a frame of its own.
    await b.switchToFrame('iframe[src*="/preload/"]');
    await b.type('.msg-form__contenteditable', 'See you Tuesday!');
    await b.click('.msg-form__send-button');
    await b.waitForText('.msg-s-message-list-content', 'See you Tuesday!');
    await b.switchToParent();
    await pause(500);

    // The popup lists who was engaged with, named as the feed shows them in
    // either markup: the original posters, no resharer, not the user.
    await b.openExtensionPage('popup.html');
    await b.waitForText('.people', 'Grace Ho');
    const names = await b.execute("return [...document.querySelectorAll('.people .name')].map((n) => n.textContent).sort().join(', ')");
    assert.equal(names, 'Alice Example, Bob Builder, Dana Reyes, Erin Okafor, Grace Ho');
    await b.switchToPage(0);

    // SPA navigation to Alice's profile shows the card: her like, this visit.
    const alice = await cardOn(b, 'alice-example', sduiActor('alice-1', 'alice-example'));
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '2 interactions: 1 like, 1 profile visit');

    // Follow her from her profile's top card, then unfollow.
    await b.click(`${TOP_CARD} button[aria-label="Follow Alice Example"]`);
    await b.find(`${TOP_CARD} button[aria-label^="Following"]`);
    await pause(500);
    await home(b);
    const followed = await cardOn(b, 'alice-example', sduiActor('alice-1', 'alice-example'));
    assert.equal(followed.history, '3 interactions: 1 like, 1 follow, 1 profile visit');
    await b.click(`${TOP_CARD} button[aria-label^="Following"]`);
    await b.find(`${TOP_CARD} button[aria-label="Follow Alice Example"]`);
    await pause(500);
    await home(b);
    const unfollowed = await cardOn(b, 'alice-example', sduiActor('alice-1', 'alice-example'));
    assert.equal(unfollowed.history, '2 interactions: 1 like, 1 profile visit');

    // Bob, the original author of the post Carol reposted: the repost is his.
    await home(b);
    const bob = await cardOn(b, 'bob-builder-42', sduiActor('bob-1', 'bob-builder-42'));
    assert.equal(bob.name, 'Bob Builder');
    assert.equal(bob.history, '2 interactions: 1 repost, 1 profile visit');

    // Invite Bob from his top card, and Frank from "People also viewed".
    await b.click(`${TOP_CARD} a[aria-label="Invite Bob Builder to connect"]`);
    await b.click('[role="dialog"] button[aria-label="Send without a note"]');
    await b.find(`${TOP_CARD} [aria-label="Pending, click to withdraw invitation sent to Bob Builder"]`);
    await b.click('[data-fixture-pymk] a[aria-label="Invite Frank Miller to connect"]');
    await b.click('[role="dialog"] button[aria-label="Send without a note"]');
    await b.find('[data-fixture-pymk] [aria-label="Pending, click to withdraw invitation sent to Frank Miller"]');
    await pause(500);
    await home(b);
    const invited = await cardOn(b, 'bob-builder-42', sduiActor('bob-1', 'bob-builder-42'));
    assert.equal(invited.history, '3 interactions: 1 repost, 1 follow, 1 profile visit');

    // Carol only reposted Bob's post.
    await home(b);
    const carol = await cardOn(b, 'carol-chen', `${post('bob-1')} p a[href*="/in/carol-chen/"]`);
    assert.equal(carol.name, 'Carol Chen');
    assert.equal(carol.history, '1 interaction: 1 profile visit');

    // Dana (older markup): her like and the comment.
    await home(b);
    const dana = await cardOn(b, 'dana-reyes', oldActor('dana-1'));
    assert.equal(dana.name, 'Dana Reyes');
    assert.equal(dana.history, '3 interactions: 1 like, 1 reply, 1 profile visit');

    // Erin: the repost; the like was taken back, the message is not read.
    await home(b);
    const erin = await cardOn(b, 'erin-okafor', oldActor('erin-1'));
    assert.equal(erin.name, 'Erin Okafor');
    assert.equal(erin.history, '2 interactions: 1 repost, 1 profile visit');

    // Frank reposted Erin's post, commented on Dana's and was invited from a
    // side list: none of it is his.
    await home(b);
    const frank = await cardOn(b, 'frank-miller', `${post('erin-1')} .update-components-header__text-view a`);
    assert.equal(frank.name, 'Frank Miller');
    assert.equal(frank.history, '1 interaction: 1 profile visit');

    // Grace: the SDUI comment; the like in two renders cancelled out.
    await home(b);
    const grace = await cardOn(b, 'grace-ho', sduiActor('grace-1', 'grace-ho'));
    assert.equal(grace.name, 'Grace Ho');
    assert.equal(grace.history, '2 interactions: 1 reply, 1 profile visit');

    // A company's page is no person's, and the user's own profile gets no card.
    await home(b);
    await b.click(`${first('acme-1')} a[href*="/company/acme/"]:not(:has(figure))`);
    await b.waitForText('h1', 'Acme');
    await noCard(b, 'no card on a company page');
    await b.click('#me-menu-trigger');
    await b.click('.global-nav__me-content a[href="/in/kim-lindqvist/"]');
    await b.waitForText(`${TOP_CARD} h2`, 'Kim Lindqvist');
    await noCard(b, 'no card on the user\'s own profile');

    // Exactly these people and interactions, and nothing LinkedIn showed went unrecognised.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 7 people and 14 interactions.');
    await b.waitForText('[data-site="linkedin"] .seen', 'last seen working just now');
    await b.find('[data-site="linkedin"] .seen'); // the sites' list is drawn
    assert.equal(await count(b, '[data-site="linkedin"] .misses'), 0, 'no click was a miss');

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: LinkedIn profile opened directly, Me menu never opened: card, Follow and Connect from the More menu`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    // Straight onto Alice's profile: no feed (no left-rail identity card),
    // the Me menu never opened. Her top card is a div with an h2 and no
    // "edit intro" link, so she is someone else: the card shows.
    await b.goto('https://www.linkedin.com/in/alice-example/');
    await b.waitForText(`${TOP_CARD} h2`, 'Alice Example');
    assert.equal(await count(b, '.global-nav__me-content'), 0, 'the Me menu content is not rendered');
    await waitUntil(async () => (await count(b, overlayOf('alice-example'))) === 1, 'the card on Alice\'s profile');

    // Invite her from the More menu (her card shows Follow, so Connect is
    // there), sending without a note: the card shows it (an invitation counts
    // as a follow).
    await b.click(`${TOP_CARD} button[data-fixture-more]`);
    await b.click('[role="menu"] a[role="menuitem"][href*="vanityName=alice-example"]');
    await b.click('[role="dialog"] button[aria-label="Send without a note"]');
    await waitUntil(async () => (await count(b, '[role="dialog"]')) === 0, 'the invitation is sent');
    await b.switchToFrame(overlayOf('alice-example'));
    await b.waitForText('.history', '2 interactions: 1 follow, 1 profile visit');
    await b.switchToParent();
    // Then follow her from the sticky header's copy of the action row: the
    // same follow, not a second one, and not a miss.
    await b.click(`${STICKY} button[aria-label="Follow Alice Example"]`);
    await b.find(`${TOP_CARD} button[aria-label^="Following"]`);
    // Frank's Connect in "People you may know" is not Alice's.
    await b.click('[data-fixture-pymk] a[aria-label="Invite Frank Miller to connect"]');
    await b.click('[role="dialog"] button[aria-label="Send without a note"]');
    await b.find('[data-fixture-pymk] [aria-label="Pending, click to withdraw invitation sent to Frank Miller"]');
    await pause(500);

    // Frank's profile, reached by the page's own link: only the visit.
    const frank = await cardOn(b, 'frank-miller', `[data-fixture-pymk] a[href*="/in/frank-miller/"]`);
    assert.equal(frank.history, '1 interaction: 1 profile visit');
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 2 people and 3 interactions.');
    await b.find('[data-site="linkedin"] .seen'); // the sites' list is drawn
    assert.equal(await count(b, '[data-site="linkedin"] .misses'), 0, 'no click was a miss');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

/** Read the card on the page the browser was sent to by its address. */
async function cardHere(b, slug) {
  const frame = overlayOf(slug);
  const shown = `const f = document.querySelector(${JSON.stringify(frame)});
    return !!f && getComputedStyle(f).display === 'block';`;
  await waitUntil(() => b.execute(shown), `the card of ${slug} shown`);
  await b.switchToFrame(frame);
  const history = (await b.waitForText('.history', /\S/)).trim();
  await b.switchToParent();
  return history;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  // The notifications page as the captures show it (tests/fixtures/linkedin/
  // app.js cites them): Alice liked Kim's comment, replied to it and
  // mentioned Kim, each card's kind in its headline link. Bob's comment on
  // someone else's post, Carol's like of a comment that mentioned Kim, a
  // company's live event, a job alert and an impressions count are nothing
  // between two people. Opening the page twice adds nothing.
  test(`${name}: LinkedIn notifications become what Alice did for the user, once`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://www.linkedin.com/feed/');
    await b.find(first('alice-1'));
    for (let i = 0; i < 2; i += 1) {
      await b.click('.global-nav a[href="/notifications/"]');
      await b.find('article.nt-card[data-view-name="notification-card-container"]');
      await pause(1500);
      await home(b);
    }

    const alice = await cardOn(b, 'alice-example', sduiActor('alice-1', 'alice-example'));
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '4 interactions: 1 profile visit, 1 like from them, 1 reply from them, 1 mention from them');

    await b.goto('https://www.linkedin.com/in/bob-builder-42/');
    assert.equal(await cardHere(b, 'bob-builder-42'), '1 interaction: 1 profile visit');
    await b.goto('https://www.linkedin.com/in/carol-chen/');
    assert.equal(await cardHere(b, 'carol-chen'), '1 interaction: 1 profile visit');

    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 3 people and 6 interactions.');
    await b.find('[data-site="linkedin"] .seen'); // the sites' list is drawn
    assert.equal(await count(b, '[data-site="linkedin"] .misses'), 0, 'no notification was a miss');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  // Kim's own post, opened on its page: Alice's and Carol's comments on it
  // and Dana's reply to Kim's comment answer Kim; Bob's reply to Carol and
  // Kim's own comments do not. Dana's post, with Frank's comment, is not
  // Kim's. Opening the page again adds nothing.
  test(`${name}: LinkedIn comments on the user's own post page are replies to the user, once`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://www.linkedin.com/feed/');
    await b.find(first('alice-1'));
    const open = async (urn, last) => {
      await b.goto(`https://www.linkedin.com/feed/update/${urn}/`);
      await b.find(`article.comments-comment-entity[data-id$=",${last})"]`);
      await pause(1500);
    };
    await open('urn:li:activity:7300000000000000001', '7300000000000000101');
    for (let i = 0; i < 2; i += 1) await open('urn:li:activity:7300000000000000003', '7300000000000000206');

    const expected = {
      'alice-example': '2 interactions: 1 profile visit, 1 reply from them',
      'carol-chen': '2 interactions: 1 profile visit, 1 reply from them',
      'dana-reyes': '2 interactions: 1 profile visit, 1 reply from them',
      'bob-builder-42': '1 interaction: 1 profile visit',
      'frank-miller': '1 interaction: 1 profile visit',
    };
    for (const [slug, history] of Object.entries(expected)) {
      await b.goto(`https://www.linkedin.com/in/${slug}/`);
      assert.equal(await cardHere(b, slug), history, slug);
    }
    await b.openExtensionPage('options.html');
    await b.find('[data-site="linkedin"] .seen'); // the sites' list is drawn
    assert.equal(await count(b, '[data-site="linkedin"] .misses'), 0, 'no comment was a miss');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
