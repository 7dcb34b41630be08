// The page plays the attacker (issue 20). A script on Alice's profile page
// finds Kindling's card frame and posts it `show` for other accounts: Dave,
// whom the user knows well (ten weeks both ways, on X and on Mastodon), and
// Zed, a stranger. It records every message that reaches its window and
// everything it can see of the frame (its box, style, attributes, address)
// after each. Both must look the same to it, as if it had posted nothing,
// and the card on screen must stay Alice's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder, pause, waitUntil } from '../harness/card.mjs';
import { daveAndErin, exportOf } from '../harness/history.mjs';

const FRAME = 'iframe[data-kindling][data-account="x/alice"]';

// Runs in the page's own world, as the site's scripts (or an ad's) would.
const ATTACKER = `
  window.__seen = [];
  window.addEventListener('message', (event) => {
    let data;
    try { data = JSON.stringify(event.data); } catch { data = String(event.data); }
    window.__seen.push({ origin: event.origin, data });
  });
  window.__look = () => {
    const frame = document.querySelector('iframe');
    if (!frame) return null;
    const box = frame.getBoundingClientRect();
    const style = getComputedStyle(frame);
    return JSON.stringify({
      frames: document.querySelectorAll('iframe').length,
      box: [box.x, box.y, box.width, box.height],
      style: [style.display, style.visibility, style.width, style.height, style.opacity],
      attributes: [...frame.attributes].map((a) => a.name + '=' + a.value),
      messages: window.__seen.splice(0),
    });
  };
  window.__post = (account) => {
    const frame = document.querySelector('iframe');
    frame.contentWindow.postMessage({ kindling: 'show', account }, '*');
    frame.contentWindow.postMessage({ kindling: 'changed' }, '*');
    frame.contentWindow.postMessage({ kindling: 'measure' }, '*');
  };
  return true;
`;

async function lookAfter(b, account) {
  if (account) await b.execute(`window.__post(${JSON.stringify(account)}); return true`);
  await pause(1500);
  return JSON.parse(await b.execute('return window.__look()'));
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: a page that posts its card frame other accounts learns nothing, and the card stays the profile's own`, async (t) => {
    const { b, dir } = await launchWithFolder(t, launch, 'kindling-framepeek-');
    const file = path.join(dir, 'history.json');
    fs.writeFileSync(file, JSON.stringify(exportOf(Date.now(), daveAndErin(Date.now()))));
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    await b.upload('#import-file', file);
    await b.click('input[name="mode"][value="merge"]');
    await b.click('[data-action="import"]');
    await b.waitForText('.message', 'Merged in 2 people');

    await b.goto('https://x.com/alice');
    const shown = `const f = document.querySelector(${JSON.stringify(FRAME)}); return !!f && getComputedStyle(f).display === 'block';`;
    await waitUntil(() => b.execute(shown), "Alice's card shown");
    await b.execute(ATTACKER);

    const before = await lookAfter(b, null);
    const dave = await lookAfter(b, 'x/dave');
    const zed = await lookAfter(b, 'x/zed_nobody');
    const daveElsewhere = await lookAfter(b, 'mastodon/dokafor%40mastodon.social');
    assert.deepEqual(dave, zed, 'a person the user knows well looks like a stranger');
    assert.deepEqual(daveElsewhere, zed, "another site's account too");
    assert.deepEqual(zed, before, 'as if nothing had been posted');
    assert.deepEqual(before.messages, [], 'the frame posts nothing to the page');

    // The card on screen is still Alice's, and still hers after a redraw.
    await b.switchToFrame(FRAME);
    assert.equal((await b.waitForText('.name', /\S/)).trim(), 'Alice Example');
    await b.switchToParent();

    // Dave's own profile gets Dave's card: the frame shows what the tab shows.
    await b.goto('https://x.com/dave');
    await b.switchToFrame('iframe[data-kindling][data-account="x/dave"]');
    assert.equal((await b.waitForText('.stage', /\S/)).trim(), 'Ready for real life');
    await b.switchToParent();
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
