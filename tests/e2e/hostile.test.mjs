// Hostile pages (issue 21): what a page script on a supported site tries,
// and what it gets. Here: page text passed off as Kindling's own warning.
// The page frames Kindling's card page itself, with words of its own in the
// frame's address, and posts the frames malformed messages; before, a
// refused request from a frame in a tab set the toolbar badge, and the
// popup showed the refusal's words (which quoted the page) as Kindling's
// warning. Now only Kindling's own failures (storage, its core) set it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { ALICE_POST, pause, settled, waitUntil } from '../harness/card.mjs';

const FRAME = 'iframe[data-kindling][data-account="x/alice"]';
// Posts of the X fixture's timeline (tests/fixtures/x/app.js).
const DAVE_POST_CSS = 'article[data-testid="tweet"]:has(a[href="/dave/status/1861000000000000003"])';
const CAROL_POST_CSS = 'article[data-testid="tweet"]:has(a[href="/carol/status/1861000000000000002"])';

// Runs in the page's own world: frames Kindling's card page with its own
// words in the address, and posts every frame garbage.
const ATTACK = `
  const ours = document.querySelector('iframe[data-kindling]').src;
  const words = 'Kindling lost your data: restore your data from https://evil.example/restore';
  for (const address of [ours + '?' + encodeURIComponent(words), ours + '#card=' + encodeURIComponent(words),
    ours.replace('overlay.html', 'popup.html') + '#card=x/' + encodeURIComponent(words)]) {
    const frame = document.createElement('iframe');
    frame.src = address;
    document.body.append(frame);
  }
  setTimeout(() => {
    for (const frame of document.querySelectorAll('iframe')) {
      for (const message of [{ kindling: 'show', account: words }, { type: 'card', site: 'x', handle: words }, words, null]) {
        frame.contentWindow.postMessage(message, '*');
      }
    }
  }, 500);
  return true;`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a page's words never become Kindling's warning`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/alice');
    await b.find(FRAME);
    await b.execute(ATTACK);
    await pause(2500);
    await b.openExtensionPage('popup.html');
    await b.waitForText('.people', /\S/);
    assert.equal(await b.execute('return document.querySelector(".problem")?.textContent ?? null'), null, 'no warning');
    assert.doesNotMatch(await b.execute('return document.body.textContent'), /evil\.example|restore your data/);
  });
}

// The page changes its own address 500 times to profile after profile, with
// titles that name each account (what the site's navigation would show),
// and no one clicked: no one is visited, no one is made. Then the user
// follows a link: that visit counts.
const PUSH_500 = `
  (async () => {
    for (let i = 0; i < 500; i++) {
      history.pushState({}, '', '/forged' + i);
      document.title = 'Forged ' + i + ' (@forged' + i + ') / X';
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    window.__pushed = true;
  })();
  return true;`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: 500 profile addresses pushed by a page script visit no one`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await b.find('article[data-testid="tweet"]');
    await b.execute(PUSH_500);
    await waitUntil(() => b.execute('return window.__pushed === true'), 'the page pushed its 500 addresses', 30000);
    await pause(1000);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 0 people and 0 interactions.');

    // A link the user follows is a visit.
    await b.goto('https://x.com/home');
    await b.click('article a[href="/alice"][role="link"]:not([aria-hidden])');
    await b.find('[data-testid="UserName"]');
    await pause(1000);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 1 interaction.');
  });
}

// The same push, made while the page still loads (its deferred script runs
// before Kindling first looks at the page): the user loaded the page, not
// the profile it pushed. Before, the first look took the pushed address for
// the one loaded and visited it (seen in CI on 2026-12-07, when the
// background answered late).
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a profile address pushed while the page loads visits no one`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/hostile?push-at-load');
    await waitUntil(() => b.execute('return location.pathname === "/forged"'), 'the page pushed its address', 5000);
    await pause(1500);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 0 people and 0 interactions.');
  });
}

// The page's script sends the tab to a profile as a whole new document
// (location.assign) with no one clicking: the profile that loads is no
// visit. The same navigation made by the page's click handler, when the
// user clicks, is the user's: a visit.
const ASSIGN = `
  setTimeout(() => location.assign('/alice'), 300);
  return true;`;
const ASSIGN_ON_CLICK = `
  const button = document.createElement('button');
  button.id = 'go-alice';
  button.textContent = 'Alice';
  button.addEventListener('click', () => location.assign('/alice'));
  document.body.prepend(button);
  return true;`;

// Waits out the navigation (a look at the page while it goes fails).
const onAlice = (b, what) => waitUntil(
  () => b.execute('return location.pathname === "/alice" && document.readyState === "complete"').catch(() => false),
  what, 10000,
);

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a profile a page script loads with no one clicking is no visit`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await b.find('article[data-testid="tweet"]');
    await b.execute(ASSIGN);
    await onAlice(b, 'the page script loaded Alice\'s profile');
    await b.find('[data-testid="UserName"]');
    await pause(1500);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 0 people and 0 interactions.');

    await b.goto('https://x.com/home');
    await b.find('article[data-testid="tweet"]');
    await b.execute(ASSIGN_ON_CLICK);
    await b.click('#go-alice');
    await onAlice(b, 'the click loaded Alice\'s profile');
    await b.find('[data-testid="UserName"]');
    await pause(1500);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 1 interaction.');
  });
}

// The page rewrites the post's author the moment the user presses its like
// button (its own listener, after Kindling's): the like is still Alice's.
const REWRITE_AUTHOR = `
  addEventListener('pointerdown', (event) => {
    const post = event.target.closest?.('article[data-testid="tweet"]');
    for (const link of post?.querySelectorAll('a[href="/alice"]') ?? []) {
      link.setAttribute('href', '/mallory');
      if (link.textContent.includes('Alice')) link.textContent = 'Mallory';
    }
  }, true);
  return true;`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a post rewritten as the user presses its like button is still its own author's`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await b.execute(REWRITE_AUTHOR);
    await b.click(`${ALICE_POST} [data-testid="like"]`);
    await b.find(`${ALICE_POST} [data-testid="unlike"]`);
    assert.equal(await b.execute(`return document.querySelectorAll('${ALICE_POST} a[href="/mallory"]').length > 0`), true,
      'the page did rewrite the author');
    await pause(1000);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 1 interaction.');
    await b.find('li[data-person="p:x:alice"]');
    assert.equal(await b.execute('return document.querySelector(\'li[data-person="p:x:mallory"]\')'), null, 'no like of Mallory');
  });
}

// After the user's one real click (a like of Alice's post), the page clicks
// Dave's like button itself (a synthetic click) and flips Carol's to "liked"
// without any click: only the user's like is recorded (issue 21: synthetic
// clicks count for nothing; a state a page flips is no engagement).
const FORGE_AFTER_CLICK = `
  document.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    setTimeout(() => {
      document.querySelector(${JSON.stringify(`${DAVE_POST_CSS} [data-testid="like"]`)})?.click();
      const carols = document.querySelector(${JSON.stringify(`${CAROL_POST_CSS} [data-testid="like"]`)});
      if (carols) { carols.dataset.testid = 'unlike'; carols.setAttribute('aria-label', '13 Likes. Liked'); }
    }, 50);
  }, true);
  return true;`;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: after the user's real click, a page's own clicks and flipped buttons record no one`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto('https://x.com/home');
    await b.execute(FORGE_AFTER_CLICK);
    await b.click(`${ALICE_POST} [data-testid="like"]`);
    await b.find(`${ALICE_POST} [data-testid="unlike"]`);
    await b.find(`${DAVE_POST_CSS} [data-testid="unlike"]`);
    await b.find(`${CAROL_POST_CSS} [data-testid="unlike"]`);
    await pause(1500);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 1 interaction.');
    await b.find('li[data-person="p:x:alice"]');
  });
}

// X: a reply dialog closed unsent is forgotten, and so is a shortcut key
// pressed with no post focused: the next post the user sends (from Dave's
// post's own page) is a reply to Dave, not to Alice, whose post's dialog was
// closed and whose post is the first on the timeline.
const DAVE_POST = DAVE_POST_CSS;
async function replyOnDavesPage(b) {
  await b.click(`${DAVE_POST} a[href="/dave/status/1861000000000000003"]`);
  await b.type('[data-testid="tweetTextarea_0"]', 'Lovely.');
  await b.click('[data-testid="tweetButtonInline"]');
  await pause(1000);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: X, a reply dialog closed unsent is forgotten, and a shortcut needs a focused post`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    // Closed three ways: the dialog's close button, the mask around it, Escape.
    for (const close of [
      () => b.click('[data-testid="app-bar-close"]'),
      () => b.click('[data-testid="mask"]'),
      () => b.press('[data-testid="tweetTextarea_0"]', 'Escape'),
    ]) {
      await b.goto('https://x.com/home');
      await b.click(`${ALICE_POST} [data-testid="reply"]`);
      await b.find('[role="dialog"] [data-testid="tweetTextarea_0"]');
      await close();
      await waitUntil(async () => b.execute('return !document.querySelector(\'[role="dialog"]\')'), 'the dialog closed');
      await replyOnDavesPage(b);
    }
    // "r" (reply) with nothing focused readies no reply.
    await b.goto('https://x.com/home');
    await b.find(ALICE_POST);
    await b.press('body', 'r');
    await replyOnDavesPage(b);
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 4 interactions.');
    await b.find('li[data-person="p:x:dave"]');
  });
}

// A page never renames someone the user knows: the name it shows is offered
// on the card, and taken only when the user says so.
for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: another name a page shows for someone known is offered on the card, and taken only on the user's word`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    const FRAME = 'iframe[data-kindling][data-account="x/alice"]';
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME);
    await b.waitForText('.name', 'Alice Example');
    assert.equal(await b.execute('return document.querySelector(".renamed")'), null, 'nothing offered');
    await b.switchToParent();

    await b.goto('https://x.com/alice?renamed');
    await b.find('[data-testid="UserName"]');
    await b.switchToFrame(FRAME);
    await b.waitForText('.renamed', 'Now called “Alice Example Renamed”? Use it');
    assert.equal(await b.text('.name'), 'Alice Example', 'the page did not rename her');
    await b.openExtensionPage('options.html');
    await b.waitForText('li[data-person="p:x:alice"]', /Alice Example(?! Renamed)/);

    // The user says so.
    await b.goto('https://x.com/alice?renamed');
    await settled(b);
    await b.click('.renamed button');
    await b.waitForText('.name', 'Alice Example Renamed');
    assert.equal(await b.execute('return document.querySelector(".renamed")'), null, 'no longer offered');
  });
}
