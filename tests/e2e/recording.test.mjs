// The user's switch (issue 7): the popup says whether the site of the tab
// they are on is being recorded; turning that site off, or pausing
// everywhere, stops a like from being noted, and turning it back on notes
// the next one. Cards still show what is known meanwhile.
import { test } from 'node:test';
import { BROWSERS } from '../harness/browsers.mjs';

const POST = 'article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"])';
const FRAME = 'iframe[data-kindling][data-account="x/alice"]';

/** Like Alice's post on the X timeline in the first tab, then unlike it, so the next like is a new one. */
async function likeAndUnlike(b) {
  await b.switchToPage(0);
  await b.goto('https://x.com/home');
  await b.click(`${POST} [data-testid="like"]`);
  await b.find(`${POST} [data-testid="unlike"]`);
  await b.click(`${POST} [data-testid="unlike"]`);
  await b.find(`${POST} [data-testid="like"]`);
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

    await b.switchToPage(1);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.waitForText('.recording .state', 'Recording is off on X.');
    await b.click('.recording [data-recording="x"]');
    await b.waitForText('.recording .state', 'Noting what you do on X.');
    await likeAndUnlike(b);
    await aliceHistory(b, '1 interaction: 1 profile visit');

    // Paused everywhere: nothing new, until resumed.
    await b.switchToPage(1);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.click('.recording [data-recording="all"]');
    await b.waitForText('.recording .state', 'Recording is paused everywhere.');
    await b.switchToPage(0);
    await b.goto('https://x.com/home');
    await b.click(`${POST} [data-testid="like"]`);
    await b.find(`${POST} [data-testid="unlike"]`);
    await aliceHistory(b, '1 interaction: 1 profile visit');

    await b.switchToPage(1);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.click('.recording [data-recording="all"]');
    await b.waitForText('.recording .state', 'Noting what you do on X.');
    await b.switchToPage(0);
    await b.goto('https://x.com/home');
    await b.click(`${POST} [data-testid="like"]`);
    await b.find(`${POST} [data-testid="unlike"]`);
    await aliceHistory(b, '2 interactions: 1 like, 1 profile visit');
  });
}
