// The overlay card on a profile (issue 6): it follows what happens on the
// page without a reload, keeps what the user wants to remember, shows a
// hostile display name as text, and the page cannot read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { likeAlicesPost, pause, settled, waitUntil } from '../harness/card.mjs';

const FRAME = (handle) => `iframe[data-kindling][data-account="x/${handle}"]`;
const PAYLOAD = '<img src=x onerror="window.__pwned=1">Mallory';

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the card updates live, remembers ask-about items and notes, and keeps page data inert`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/erin');
    await b.switchToFrame(FRAME('erin'));
    await b.waitForText('.history', '1 interaction: 1 profile visit');
    await b.switchToParent();

    // A follow on the page shows in the card without reloading it.
    await b.click('button[data-testid$="-follow"]');
    await b.switchToFrame(FRAME('erin'));
    await b.waitForText('.history', '2 interactions: 1 follow, 1 profile visit');
    await b.waitForText('.timeline li:first-child', 'follow · just now');

    if (name === 'chromium') {
      // Clickjacking: while the page makes the card see-through, its buttons do nothing.
      const opacity = (value) => b.execute(`document.querySelector('iframe[data-kindling]').style.setProperty('opacity', '${value}', 'important')`);
      await b.switchToParent();
      await opacity('0.3');
      await pause(500);
      await b.switchToFrame(FRAME('erin'));
      await b.click('.actions button:first-child');
      await b.waitForText('.problem', 'Kindling ignored that click');
      assert.equal(await b.text('.actions button:first-child'), 'Track');
      await b.switchToParent();
      await opacity('1');
      await pause(1000);
      await b.switchToFrame(FRAME('erin'));
    } else {
      // Firefox cannot tell a frame it is covered or see-through: a click
      // counts only once the user's pointer has rested on the whole card a
      // moment. A click that comes with the pointer's first move onto it
      // (the page just slid the card under it) does nothing.
      await b.switchToParent();
      await b.hover('[data-testid="UserName"]');
      await pause(800);
      await b.switchToFrame(FRAME('erin'));
      await b.click('.actions button:first-child');
      await b.waitForText('.problem', 'Kindling ignored that click');
      assert.equal(await b.text('.actions button:first-child'), 'Track');
      // Partly pushed off screen by the page: not even a resting pointer counts.
      await b.switchToParent();
      const shift = (px) => b.execute(`document.querySelector('iframe[data-kindling]').style.setProperty('transform', 'translateY(${px}px)'); return true`);
      await shift(200);
      await pause(300);
      await b.switchToFrame(FRAME('erin'));
      await b.hover('header');
      await pause(800);
      await b.click('header .brand');
      await b.click('.actions button:first-child');
      await b.waitForText('.problem', 'Kindling ignored that click');
      assert.equal(await b.text('.actions button:first-child'), 'Track');
      await b.switchToParent();
      await shift(0);
      await pause(300);
      await b.switchToFrame(FRAME('erin'));
    }
    await settled(b);
    await b.click('.actions button:first-child');
    await b.waitForText('.actions button:first-child', 'Stop tracking');

    // What the user was typing survives a redraw caused by the page (an unfollow).
    await b.type('input.note-text', 'Bakes on Sundays');
    await b.switchToParent();
    await b.click('button[data-testid$="-unfollow"]');
    await b.click('[data-testid="confirmationSheetConfirm"]');
    await b.switchToFrame(FRAME('erin'));
    await b.waitForText('.history', '1 interaction: 1 profile visit');
    assert.equal(await b.execute('return document.querySelector("input.note-text").value'), 'Bakes on Sundays');

    // Something to ask about next time, and a note; "Asked" clears the item.
    await b.click('input.ask-text');
    await b.type('input.ask-text', 'the sourdough starter');
    await settled(b);
    await b.click('[data-add="ask"]');
    await b.waitForText('.ask-about', 'Ask about the sourdough starter');
    await b.click('[data-add="note"]');
    await b.waitForText('.notes', 'Bakes on Sundays');
    await b.click('[data-add="note"]');
    await b.waitForText('.problem', 'Write a note first.');
    await b.click('.ask-about li button');
    await waitUntil(async () => (await b.execute('return document.querySelector(".ask-about")')) === null,
      'the asked item leaves the card');
    await b.switchToParent();

    // The page cannot reach into the card.
    const reach = await b.execute(`const frame = document.querySelector('iframe[data-kindling]');
      let content = 'none';
      try { content = frame.contentWindow.document.body.innerText; } catch { content = 'blocked'; }
      return { doc: frame.contentDocument === null, content };`);
    assert.deepEqual(reach, { doc: true, content: 'blocked' });
    if (name === 'chromium') {
      // The frame's URL changes every session (use_dynamic_url): the fixed one does not answer pages.
      assert.ok(!(await b.execute('return document.querySelector("iframe[data-kindling]").src')).startsWith(b.extensionOrigin));
      const probe = await b.execute(`return fetch("${b.extensionOrigin}/overlay.html").then(() => "answered", () => "refused")`);
      assert.equal(probe, 'refused');
    }

    // A display name written as markup is shown as text and runs nothing.
    await b.goto('https://x.com/mallory');
    await b.click('button[data-testid$="-follow"]');
    await b.switchToFrame(FRAME('mallory'));
    await b.waitForText('.history', '1 follow');
    assert.equal(await b.text('.name'), PAYLOAD);
    assert.deepEqual(await b.execute('return [document.querySelectorAll("img").length, window.__pwned ?? null]'), [0, null]);
    await b.switchToParent();
    assert.equal(await b.execute('return window.__pwned ?? null'), null);
    await b.openExtensionPage('popup.html');
    await b.waitForText('.people', 'Mallory');
    assert.match(await b.text('.people'), /<img src=x onerror="window.__pwned=1">Mallory/);
    assert.deepEqual(await b.execute('return [document.querySelectorAll("img").length, window.__pwned ?? null]'), [0, null]);
  });
}

/** The box the page sees of Kindling's frame on this page, or null when there is none. */
const FRAME_BOX = `const f = document.querySelector('iframe[data-kindling]');
  if (!f) return null;
  const r = f.getBoundingClientRect();
  return [r.width, r.height].join('x');`;

/** Focus a control in the card and let a moment pass, as a keyboard user's Tab would, then press a key. */
async function keyOn(b, css, key) {
  await b.execute(`document.querySelector(${JSON.stringify(css)}).focus(); return true`);
  await pause(700);
  await b.press(css, key);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a visit alone gets a Track view the size of any card; the card folds to a bar per site, by keyboard too, for everyone; Kindling can be turned off on profiles`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    // Only visited: what Kindling knows, and "Track", in a frame the size of
    // any open card (the page must not tell a stranger from a friend).
    await b.goto('https://x.com/bob');
    await b.switchToFrame(FRAME('bob'));
    await b.waitForText('.chip .history', '1 interaction: 1 profile visit');
    assert.equal(await b.text('.chip .name'), 'Bob Builder');
    assert.equal(await b.execute('return document.querySelector(".stage")'), null, 'no advice for a stranger');
    await b.switchToParent();
    const open = await b.execute(FRAME_BOX);
    assert.equal(open, '320x460', 'the open size');
    await b.switchToFrame(FRAME('bob'));
    await settled(b);
    await b.click('.chip button.action');
    await b.waitForText('.actions button:first-child', 'Stop tracking');
    await b.switchToParent();
    assert.equal(await b.execute(FRAME_BOX), open, 'tracked: the same frame');
    await b.switchToFrame(FRAME('bob'));

    // Keyboard: Enter on the fold button folds the card; focus lands on the
    // control that opens it, and Enter there opens it again.
    await keyOn(b, 'button.fold', 'Enter');
    await b.waitForText('button.expand', 'Kindling · Bob Builder');
    assert.equal(await b.execute('return document.activeElement.className'), 'expand');
    assert.equal(await b.execute('return document.querySelector("button.expand").getAttribute("aria-expanded")'), 'false');
    await b.switchToParent();
    await waitUntil(async () => (await b.execute(FRAME_BOX)) === '320x48', 'the folded bar\'s size');

    // Folded is remembered on X, for everyone: an engaged person's card and
    // a stranger's come as the same bar.
    await likeAlicesPost(b);
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME('alice'));
    await b.waitForText('button.expand', 'Kindling · Alice Example');
    await b.switchToParent();
    assert.equal(await b.execute(FRAME_BOX), '320x48');
    await b.goto('https://x.com/carol');
    await b.switchToFrame(FRAME('carol'));
    await b.waitForText('button.expand', 'Kindling · Carol');
    await b.switchToParent();
    assert.equal(await b.execute(FRAME_BOX), '320x48', 'a stranger: the same bar');
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME('alice'));
    await settled(b);
    await keyOn(b, 'button.expand', 'Enter');
    await b.waitForText('.history', '1 like');
    assert.equal(await b.execute('return document.activeElement.className'), 'fold');
    await b.switchToParent();
    await waitUntil(async () => (await b.execute(FRAME_BOX)) === open, 'opened: the open size again');

    // Kindling off on profiles: no frame on any profile, a stranger's or a
    // friend's. The card already on screen goes as soon as the options page saves.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    assert.equal(await b.execute('return document.getElementById("track-chips").checked'), true);
    await b.click('#track-chips');
    await b.click('[data-action="save-settings"]');
    await b.waitForText('.message', 'Settings saved.');
    await b.switchToPage(0);
    await waitUntil(async () => (await b.execute(FRAME_BOX)) === null, 'the open card goes without a reload');
    for (const handle of ['carol', 'alice']) {
      await b.goto(`https://x.com/${handle}`);
      await b.waitForText('[data-testid="UserName"]', `@${handle}`);
      await pause(1500);
      assert.equal(await b.execute(FRAME_BOX), null, `no frame on ${handle}'s profile`);
    }
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: from the card, the person's other account is found by search and merged in`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/bob');
    await b.switchToFrame(FRAME('bob'));
    await b.waitForText('.chip .history', '1 profile visit');
    await b.switchToParent();
    await likeAlicesPost(b);
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME('alice'));
    await b.waitForText('.history', '2 interactions: 1 like, 1 profile visit');
    assert.equal(await b.execute('return document.querySelector(".accounts")'), null, 'one account: no list');

    await b.click('details.merge summary');
    await b.type('input.merge-query', 'bob');
    await settled(b);
    await b.click('[data-find]');
    await b.waitForText('ul.found li', 'Bob Builder · @bob on X');
    // The frame keeps its size (the page must not learn what the card
    // holds); the card scrolls inside it, and the results are there.
    await b.switchToParent();
    assert.equal(await b.execute(FRAME_BOX), '320x460');
    await b.switchToFrame(FRAME('alice'));
    assert.ok(await b.execute(`const card = document.querySelector('.card');
      return card.scrollHeight > card.clientHeight && getComputedStyle(card).overflowY === 'auto';`), 'the card scrolls');
    await b.click('ul.found [data-merge]');
    await b.waitForText('.history', '3 interactions: 2 profile visits, 1 like');
    assert.equal(await b.text('.accounts'), 'X @alice\nX @bob');
    await b.switchToParent();

    // Either account's profile now shows the one person.
    await b.goto('https://x.com/bob');
    await b.switchToFrame(FRAME('bob'));
    await b.waitForText('.name', 'Alice Example');
    await b.waitForText('.history', '3 interactions: 2 profile visits, 1 like');

    // "Open in the popup": the toolbar popup (or, where the browser cannot
    // open it from a page, a tab) opens at the card's address, which shows
    // the same person. Chromium lists the popup among its targets; Firefox
    // opens a tab (a frame in a page has no action API there).
    await b.click('button.open');
    if (name === 'chromium') {
      const cdp = await b.context.newCDPSession(b.page);
      await waitUntil(async () => (await cdp.send('Target.getTargets')).targetInfos
        .some((target) => target.url.endsWith('/popup.html#card=x/bob')), 'the popup opened at the card');
    }
    assert.equal(await b.text('.problem'), '', 'no complaint in the card');
    await b.switchToParent();
    if (name === 'firefox') await b.waitForExtensionPage('popup.html#card=x/bob');
    else await b.openExtensionPage('popup.html#card=x/bob');
    await b.waitForText('.name', 'Alice Example');
    await b.waitForText('.accounts', 'X @alice');
    assert.equal(await b.execute('return document.querySelector("button.open, button.fold")'), null, 'no page controls there');
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: "They reached out" is entered by hand from the card and the popup, marked, undoable and exported`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await likeAlicesPost(b);
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME('alice'));
    await b.waitForText('.history', '1 like');
    await b.waitForText('.balance', 'You 1 · them 0 in 90 days');

    // From the card: they sent a message (Kindling never reads messages).
    await settled(b);
    await b.click('details.reached-out summary');
    assert.equal(await b.execute('return document.querySelector("select.reached-kind").value'), 'message');
    await b.click('[data-reach]');
    await b.waitForText('.history', '3 interactions: 1 like, 1 profile visit, 1 message from them');
    await b.waitForText('.timeline li:first-child', 'message from them · just now');
    assert.match(await b.text('.timeline li:first-child'), /entered by you/);
    await b.waitForText('.balance', /^You 1 · them 1 in 90 days, last from them just now$/);
    await b.waitForText('.entered', 'Noted: message from them.');

    // Undo right after: gone, and the seen like stays.
    await b.click('.entered button');
    await b.waitForText('.history', /^2 interactions: 1 like, 1 profile visit$/);
    assert.doesNotMatch(await b.text('.timeline'), /entered by you/);
    assert.equal(await b.execute('return document.querySelector(".entered")'), null, 'no Undo for what is gone');

    // A date in the future is refused, saying why.
    await b.click('details.reached-out summary');
    await b.execute(`const when = document.querySelector('input.reached-date');
      when.removeAttribute('max'); when.value = '${new Date().getFullYear() + 1}-01-15';`);
    await b.click('[data-reach]');
    await b.waitForText('.problem', 'That date is in the future: note it once it has happened.');
    await b.switchToParent();

    // From the popup's person view: a call, removable later from the timeline.
    await b.openExtensionPage('popup.html#card=x/alice');
    await b.waitForText('.name', 'Alice Example');
    await b.click('details.reached-out summary');
    await b.choose('select.reached-kind', 'call');
    await b.click('[data-reach]');
    await b.waitForText('.history', '3 interactions: 1 like, 1 profile visit, 1 call from them');
    await b.waitForText('.timeline li:first-child', 'call from them · just now');
    assert.match(await b.text('.timeline li:first-child'), /entered by you/);
    const file = JSON.parse((await b.execute(
      `return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'export', format: 'json' })`)).text);
    const entered = file.interactions.filter((i) => i.by_hand);
    assert.deepEqual(entered.map((i) => [i.kind, i.direction, i.person]), [['call', 'inbound', 'p:x:alice']]);
    assert.equal(file.version, 1);
    await b.click('.timeline li:first-child button.remove');
    await b.waitForText('.history', /^2 interactions: 1 like, 1 profile visit$/);
    assert.equal(await b.execute('return document.querySelectorAll(".timeline .by-hand").length'), 0);
  });
}
