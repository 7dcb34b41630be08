// Snippets of the posts the user engages with: off by default (nothing of a
// post's text is kept), on from the options page (the card quotes the post
// liked, and an open tab follows at once), off again (every snippet kept is
// deleted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { likeAlicesPost, pause, waitUntil } from '../harness/card.mjs';

const OLDER = 'article[data-testid="tweet"]:has(a[href="/alice/status/1860000000000000011"])';

/** The snippets on Alice's card, newest first. */
async function snippets(b) {
  await b.goto('https://x.com/alice');
  await b.switchToFrame('iframe[data-kindling][data-account="x/alice"]');
  await b.find('.timeline');
  const quoted = await b.execute('return [...document.querySelectorAll(".timeline .snippet")].map((q) => q.textContent)');
  await b.switchToParent();
  return quoted;
}

/** Tick or untick the options page's snippet box, and wait for it to be saved. */
async function keepSnippets(b, on) {
  await b.waitForText('.counts', 'Kindling keeps');
  assert.match(await b.text('label:has(#keep-snippets)'), /^Keep a short snippet \(up to 140 characters\)/);
  const checked = await b.execute('return document.querySelector("#keep-snippets").checked');
  assert.equal(checked, !on);
  await b.click('#keep-snippets');
  await b.waitForText('.message', 'Settings saved.');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: snippets are off by default, kept once turned on (open tabs follow), deleted once turned off`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await likeAlicesPost(b);
    await pause(500);
    assert.deepEqual(await snippets(b), [], 'off by default: no words of the post are kept');

    // Turned on in the options page while the timeline is open in another tab.
    await b.goto('https://x.com/home');
    await b.find(OLDER);
    await b.openExtensionPage('options.html');
    await keepSnippets(b, true);
    await b.switchToPage(0);
    await pause(500); // the tab hears of the change
    await b.click(`${OLDER} [data-testid="like"]`);
    await b.find(`${OLDER} [data-testid="unlike"]`);
    await pause(500);
    assert.deepEqual(await snippets(b), ['Week 9 of marathon training: legs say no, plan says yes.']);

    // Off again: the snippet kept is deleted.
    await b.switchToPage(1);
    await keepSnippets(b, false);
    await b.switchToPage(0);
    await waitUntil(async () => (await snippets(b)).length === 0, 'the snippet is deleted', 10000);
  });
}
