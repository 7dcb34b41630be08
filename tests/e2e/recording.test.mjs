// The user's switch (issue 7): the popup says whether the site of the tab
// they are on is being recorded; turning that site off, or pausing
// everywhere, stops a like from being noted, and turning it back on notes
// the next one. Cards still show what is known meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS, BUILDS } from '../harness/browsers.mjs';
import { ALICE_POST as POST, likeAlicesPost } from '../harness/card.mjs';

const FRAME = 'iframe[data-kindling][data-account="x/alice"]';

/** Like Alice's post on the X timeline in the first tab, then unlike it, so the next like is a new one. */
async function likeAndUnlike(b) {
  await b.switchToPage(0);
  await likeAlicesPost(b);
  await b.click(`${POST} [data-testid="unlike"]`);
  await b.find(`${POST} [data-testid="like"]`);
}

/** In the popup (the second tab, drawn afresh, first showing `before` when given): flip a recording switch and wait for the state it reports. */
async function flip(b, which, state, before) {
  await b.switchToPage(1);
  await b.goto(`${b.extensionOrigin}/popup.html`);
  if (before) await b.waitForText('.recording .state', before);
  await b.click(`.recording [data-recording="${which}"]`);
  await b.waitForText('.recording .state', state);
}

/** Alice's card, read on her profile in the first tab. */
async function aliceHistory(b, expected) {
  await b.switchToPage(0);
  await b.goto('https://x.com/alice');
  await b.switchToFrame(FRAME);
  await b.waitForText('.history', expected);
  await b.switchToParent();
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: recording can be turned off on a site and paused everywhere from the popup, and turned on again`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/home');
    await b.openExtensionPage('popup.html');
    await b.waitForText('.recording .state', 'Noting what you do on X.');
    await b.click('.recording [data-recording="x"]');
    await b.waitForText('.recording .state', 'Recording is off on X.');

    await likeAndUnlike(b);
    // Off on X: the like, the unlike and the profile visit leave no trace.
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME);
    await b.waitForText('.history', 'No history yet.');
    await b.switchToParent();

    await flip(b, 'x', 'Noting what you do on X.', 'Recording is off on X.');
    await likeAndUnlike(b);
    await aliceHistory(b, '1 interaction: 1 profile visit');

    // Paused everywhere: nothing new, until resumed.
    await flip(b, 'all', 'Recording is paused everywhere.');
    await b.switchToPage(0);
    await likeAlicesPost(b);
    await aliceHistory(b, '1 interaction: 1 profile visit');

    await flip(b, 'all', 'Noting what you do on X.');
    await b.switchToPage(0);
    await likeAlicesPost(b);
    await aliceHistory(b, '2 interactions: 1 like, 1 profile visit');

    // The options page says what stays where, and has the same switch per site.
    await b.openExtensionPage('options.html');
    await b.waitForText('.privacy', /Nothing Kindling records ever leaves this browser profile/);
    await b.waitForText('.sites li[data-site="x"] .recording', 'Recording.');
    await b.click('.sites li[data-site="x"] [data-action="site-recording"]');
    await b.waitForText('.sites li[data-site="x"] .recording', 'Recording is off.');
    await b.waitForText('.sites li[data-site="x"] [data-action="site-recording"]', 'Turn on on X');
    // Never in private windows: the browser does not run Kindling there at all.
    const manifest = JSON.parse(fs.readFileSync(path.join(BUILDS[name], 'manifest.json'), 'utf8'));
    assert.equal(manifest.incognito, 'not_allowed');
  });
}
