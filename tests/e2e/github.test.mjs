// GitHub end to end, on the fixture of github.com signed in as kindling-kim:
// a reaction on a comment (and its undo), a comment on an issue, a follow
// (and its undo) on a profile reached by Turbo-like navigation, each recorded
// for exactly the right login; then reactions in the React issue view
// (aria-checked buttons, recognised with or without role="switch") on a
// comment and on the issue itself, and one taken back. The signed-in user
// is named only by meta[name="user-login"] (GitHub's current header has no
// link to their profile): their own comments and profile, an organisation,
// and people followed from a list on someone else's profile get nothing,
// and no visit of the user's own profile is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { noFrame, pause, readCard, waitUntil } from '../harness/card.mjs';

const ISSUE = 'https://github.com/octo-org/widgets/issues/7';
const item = (id) => `.TimelineItem:has(#${id})`;
const OPENER = item('issue-900'); // mona
const HUBOT = item('issuecomment-1001');
const MINE = item('issuecomment-1002');
const DEFUNKT = item('issuecomment-1003');
const REACTION = 'button.js-reaction-group-button';
const REACT_ISSUE = '#fixture-react-issue-link';
const reactionSwitch = (comment, emotion) => `[aria-label="Reactions"] button[aria-checked][data-fixture-reaction="${comment}/${emotion}"]`;
const reactAuthor = (comment) => `[data-wrapper-timeline-id="${comment}"] [data-testid="comment-header"] a[data-testid="avatar-link"]`;
const COMMENT = 'form.js-new-comment-form #partial-new-comment-form-actions button.btn-primary[type="submit"]';
const vcardForm = (verb, login) => `.js-profile-editable-replace form[action="/users/${verb}?target=${login}"]`;
const OVERLAY = 'iframe[data-kindling]';
const overlayOf = (login) => `${OVERLAY}[data-account="github/${login}"]`;


async function toIssue(b) {
  await b.click('#fixture-issue-link');
  await b.find(`${OPENER} a.author`);
}

/** Follow a link to a profile, as a user would, and read the card shown there. */
const cardOn = (b, login, linkCss) => readCard(b, overlayOf(login), linkCss);

async function noCard(b, what) {
  await pause(500);
  await noFrame(b, what);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: GitHub reactions, comments and follows land on the right login`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto(ISSUE);
    await b.find(`${OPENER} a.author`);

    // React to hubot's comment and to the user's own comment.
    for (const target of [HUBOT, MINE]) {
      await b.click(`${target} ${REACTION}`);
      await b.find(`${target} ${REACTION}[aria-pressed="true"]`);
    }

    // React to defunkt's comment and take it back: nothing is left.
    await b.click(`${DEFUNKT} ${REACTION}`);
    await b.find(`${DEFUNKT} ${REACTION}[aria-pressed="true"]`);
    await b.click(`${DEFUNKT} ${REACTION}`);
    await b.find(`${DEFUNKT} ${REACTION}[aria-pressed="false"]`);

    // Comment on the issue: it is for mona, who opened it.
    await b.type('#new_comment_field', 'Confirmed on my machine too.');
    await b.click(COMMENT);
    await waitUntil(async () => (await b.execute('return document.querySelectorAll(".js-discussion .TimelineItem").length')) === 6,
      'the comment is posted');
    await pause(500);

    // Turbo navigation to the reacted-to author's profile shows the card.
    const hubot = await cardOn(b, 'hubot', `${HUBOT} a.author`);
    assert.equal(hubot.name, 'Hubot');
    assert.equal(hubot.history, '2 interactions: 1 like, 1 profile visit');

    // The comment went to the opener.
    await toIssue(b);
    const mona = await cardOn(b, 'mona', `${OPENER} a.author`);
    assert.equal(mona.name, 'Mona Lisa Octocat');
    assert.equal(mona.history, '2 interactions: 1 comment, 1 profile visit');

    // Follow mona from her profile; follow defunkt from the list on her
    // profile, which is not a follow Kindling can attribute.
    await b.click(`${vcardForm('follow', 'mona')} [type="submit"]`);
    await b.find(`${vcardForm('unfollow', 'mona')}:not([hidden])`);
    await b.click('.Layout-main form[action="/users/follow?target=defunkt"] [type="submit"]');
    await b.find('.Layout-main form[action="/users/unfollow?target=defunkt"]:not([hidden])');
    await pause(500);
    await toIssue(b);
    const followed = await cardOn(b, 'mona', `${OPENER} a.author`);
    assert.equal(followed.history, '3 interactions: 1 comment, 1 follow, 1 profile visit');

    // Unfollow: the follow is withdrawn.
    await b.click(`${vcardForm('unfollow', 'mona')} [type="submit"]`);
    await b.find(`${vcardForm('follow', 'mona')}:not([hidden])`);
    await pause(500);
    await toIssue(b);
    const unfollowed = await cardOn(b, 'mona', `${OPENER} a.author`);
    assert.equal(unfollowed.history, '2 interactions: 1 comment, 1 profile visit');

    // defunkt: the reaction was taken back, the list follow not counted.
    await toIssue(b);
    const defunkt = await cardOn(b, 'defunkt', `${DEFUNKT} a.author`);
    assert.equal(defunkt.name, 'Chris Wanstrath');
    assert.equal(defunkt.history, '1 interaction: 1 profile visit');

    // The user's own profile gets no card, and their own comment no record:
    // the header has no link to it, only meta[name="user-login"] says who
    // the user is. Reached by Turbo navigation, then loaded afresh.
    assert.equal(await b.execute(`return document.querySelectorAll('header a[href="/kindling-kim"]').length`), 0);
    await toIssue(b);
    await b.click(`${MINE} a.author`);
    await b.waitForText('.vcard-fullname', 'Kim Lindqvist');
    await noCard(b, 'no card on the user\'s own profile');
    await b.goto('https://github.com/kindling-kim');
    await b.waitForText('.vcard-fullname', 'Kim Lindqvist');
    await noCard(b, 'no card on the user\'s own profile, loaded directly');

    // An organisation has the same URL shape, but is no person.
    await b.click('header a[href="/octo-org"]');
    await b.waitForText('.orghead h1', 'Octo Org');
    await noCard(b, 'no card on an organisation');

    // The React issue view: reactions are switches with aria-checked.
    const toReactIssue = async () => {
      await b.click(REACT_ISSUE);
      await b.find(reactAuthor('issuecomment-2001'));
    };
    await toReactIssue();
    // As rendered (role="switch", refined-github reactions-avatars.tsx).
    await b.click(reactionSwitch('issuecomment-2001', 'THUMBS_UP'));
    await b.find(`${reactionSwitch('issuecomment-2001', 'THUMBS_UP')}[aria-checked="true"]`);
    // The role is not what Kindling relies on: without it, the state in
    // aria-checked still says what the click did.
    await b.execute(`document.querySelectorAll('[aria-label="Reactions"] button[role="switch"]').forEach((s) => s.removeAttribute('role'))`);
    for (const [comment, emotion] of [['issue-901', 'THUMBS_UP'], ['issuecomment-2003', 'THUMBS_UP']]) {
      await b.click(reactionSwitch(comment, emotion));
      await b.find(`${reactionSwitch(comment, emotion)}[aria-checked="true"]`);
    }
    // defunkt's rocket, taken back: nothing is left.
    await b.click(reactionSwitch('issuecomment-2002', 'ROCKET'));
    await b.find(`${reactionSwitch('issuecomment-2002', 'ROCKET')}[aria-checked="true"]`);
    await b.click(reactionSwitch('issuecomment-2002', 'ROCKET'));
    await b.find(`${reactionSwitch('issuecomment-2002', 'ROCKET')}[aria-checked="false"]`);
    // The picker button is no reaction.
    await b.click('[data-wrapper-timeline-id="issuecomment-2001"] [aria-label="Reactions"] button[aria-label="All reactions"]');
    await pause(500);

    // hubot: this like and the one on issue 7's comment, two comments apart.
    const hubotReact = await cardOn(b, 'hubot', reactAuthor('issuecomment-2001'));
    assert.equal(hubotReact.history, '3 interactions: 2 likes, 1 profile visit');
    // mona: the like on the issue she opened, besides her comment on issue 7.
    await toReactIssue();
    const monaReact = await cardOn(b, 'mona', '.react-issue-body a[data-testid="issue-body-header-author"]');
    assert.equal(monaReact.history, '3 interactions: 1 like, 1 comment, 1 profile visit');
    await toReactIssue();
    const defunktReact = await cardOn(b, 'defunkt', reactAuthor('issuecomment-2002'));
    assert.equal(defunktReact.history, '1 interaction: 1 profile visit', 'the rocket was taken back');

    // Nothing at all is kept about the signed-in user: no visit of their
    // profile, no like of their own comments.
    await b.openExtensionPage('options.html');
    const file = await b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'export', format: 'json' })`);
    const handles = JSON.parse(file.text).people.flatMap((p) => p.identities.map((i) => `${i.site}/${i.handle}`)).sort();
    // octocat mentioned the user on issue 7 and reacted to their comment on
    // issue 8: inbound, read as the user opened those pages.
    assert.deepEqual(handles, ['github/defunkt', 'github/hubot', 'github/mona', 'github/octocat']);

    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  // What others did for the user, read from the conversations the user opens
  // (GitHub's notifications page lists threads, not people). Issue 9 is the
  // user's own: Alice's comment is a reply to them, her heart on the opening
  // post a like; hubot's rocket on the user's comment a like, the app's
  // (dependabot[bot]) nothing; the app's comment that @-mentions the user is
  // nobody's. Issue 7 is mona's: octocat's @-mention of the user is a
  // mention; hubot's and defunkt's comments after the user's answer nobody
  // GitHub's flat timeline names, so they are nothing. Opening the pages
  // again adds nothing. GitHub shows no follows of the user anywhere
  // Kindling reads (docs/sites/github.md).
  test(`${name}: GitHub replies, reactions and mentions for the user are theirs, once`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto(ISSUE);
    await b.find(`${OPENER} a.author`);
    for (let i = 0; i < 2; i += 1) {
      await b.click('#fixture-own-issue-link');
      await b.find(`${item('issuecomment-3003')} a.author[href="/apps/dependabot"]`);
      await pause(1200);
      await toIssue(b);
      await b.find(`${item('issuecomment-1004')} a.user-mention`);
      await pause(1200);
    }

    // Alice: her heart on the opening post, her comment; reached by the
    // user's own @-mention of her.
    await b.click('#fixture-own-issue-link');
    await b.find(`${item('issuecomment-3001')} a.author`);
    const alice = await cardOn(b, 'alice', `${item('issuecomment-3002')} a.user-mention[href="https://github.com/alice"]`);
    assert.equal(alice.name, 'Alice Example');
    assert.equal(alice.history, '3 interactions: 1 profile visit, 1 like from them, 1 reply from them');
    // hubot: the rocket on the user's comment on issue 9; his comment on
    // mona's issue 7 is not a reply to the user.
    await toIssue(b);
    const hubot = await cardOn(b, 'hubot', `${HUBOT} a.author`);
    assert.equal(hubot.history, '2 interactions: 1 profile visit, 1 like from them');
    await toIssue(b);
    const octocat = await cardOn(b, 'octocat', `${item('issuecomment-1004')} a.author`);
    assert.equal(octocat.name, 'The Octocat');
    assert.equal(octocat.history, '2 interactions: 1 profile visit, 1 mention from them');
    await toIssue(b);
    const defunkt = await cardOn(b, 'defunkt', `${DEFUNKT} a.author`);
    assert.equal(defunkt.history, '1 interaction: 1 profile visit');

    // Nobody else: not the app, not the user, not mona whose issue it is.
    await b.openExtensionPage('options.html');
    const file = await b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'export', format: 'json' })`);
    const people = JSON.parse(file.text).people;
    const handles = people.flatMap((p) => p.identities.map((i) => `${i.site}/${i.handle}`)).sort();
    assert.deepEqual(handles, ['github/alice', 'github/defunkt', 'github/hubot', 'github/octocat']);
    await b.find('[data-site="github"] .seen'); // the sites' list is drawn
    assert.equal(await b.execute(`return document.querySelectorAll('[data-site="github"] .misses').length`), 0, 'no item was a miss');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
