// Helpers the site tests share: waiting, and reading the card a profile shows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Launch a browser and make a temporary folder; both go after the test `t`, the folder even if closing fails. */
export async function launchWithFolder(t, launch, prefix) {
  const b = await launch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(async () => {
    try {
      await b.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return { b, dir };
}

export const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it holds; fail naming `what` after `timeout` ms. */
export async function waitUntil(check, what, timeout = 5000) {
  for (const end = Date.now() + timeout; Date.now() < end; await pause(100)) {
    if (await check()) return;
  }
  assert.fail(`timed out: ${what}`);
}

/**
 * Wait until the page has no card frame. A frame started from an address shaped like a profile
 * (an organisation's, Marketplace) waits up to 5 s (extension/content/frame.js, UNCONFIRMED_MS)
 * for the page to turn out to be one before it goes; on a loaded machine it is made late, so the
 * wait is longer than that.
 */
export const noFrame = (b, why) => waitUntil(
  async () => (await b.execute('return document.querySelectorAll("iframe[data-kindling]").length')) === 0, why, 9000);

/** A script for the page: is the frame `frameCss` there and shown? */
const shownScript = (frameCss) => `const f = document.querySelector(${JSON.stringify(frameCss)});
  return !!f && getComputedStyle(f).display === 'block' && getComputedStyle(f).visibility === 'visible';`;

/** Follow a link to a profile, as a user would, and read the card in `frameCss` shown there. */
export async function readCard(b, frameCss, linkCss) {
  await b.click(linkCss);
  // The frame starts hidden as soon as the address looks like a profile and
  // is shown once the page is seen to be it: read what the user sees.
  await waitUntil(() => b.execute(shownScript(frameCss)), `the card in ${frameCss} shown`);
  await b.switchToFrame(frameCss);
  // WebDriver reads a frame not shown yet as blank: wait until it says something.
  const name = (await b.waitForText('.name', /\S/)).trim();
  const history = (await b.waitForText('.history', /\S/)).trim();
  await b.switchToParent();
  return { name, history };
}

/** Alice's first post on the X fixture's home timeline. */
export const ALICE_POST = 'article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"])';

/** Like Alice's post from the X home timeline and wait until the page shows it liked. */
export async function likeAlicesPost(b) {
  await b.goto('https://x.com/home');
  await b.click(`${ALICE_POST} [data-testid="like"]`);
  await b.find(`${ALICE_POST} [data-testid="unlike"]`);
}

/**
 * Wait until the card in the current frame takes clicks (it ignores them while hidden, covered or just
 * shown; in Firefox, until the user's pointer has rested on it a moment): the pointer moves onto it first.
 */
export async function settled(b) {
  // The pointer moves onto the card once it is shown (a hidden frame gets no
  // pointer events): its frame is found from the page.
  await b.switchToParent();
  await waitUntil(() => b.execute(shownScript('iframe[data-kindling]')), 'the card shown');
  await b.switchToFrame('iframe[data-kindling]');
  await b.hover('body');
  await b.find('html[data-settled]', { timeout: 5000 });
}
