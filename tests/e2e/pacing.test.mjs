// The pacing engine as the card shows it: four quick likes on one
// person's posts bring "slow down"; ten weeks of gradual two-way engagement
// (imported) bring a soft suggestion to talk; one like yesterday brings
// nothing of the kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const ALICE_OLDER = ['11', '12', '13'].map((n) => post(`/alice/status/18600000000000000${n}`));
const DAY = 24 * 3600 * 1000;

/** An export holding dave's ten weeks of two-way engagement and erin's one like yesterday. */
function history(now) {
  const iso = (ms) => new Date(ms).toISOString();
  const person = (handle, name) => ({
    id: `p:x:${handle}`, name, identities: [{ site: 'x', handle, url: `https://x.com/${handle}` }],
    tracked: true, created_at: iso(now - 80 * DAY), tags: [], notes: [], ask_about: [], irl_attempts: [], meetings: [],
  });
  const interaction = (handle, n, kind, direction, at) => ({
    id: `i${handle}${n}`, person: `p:x:${handle}`, site: 'x', kind, direction, at: iso(at),
    url: `https://x.com/${handle}/status/18620000000000000${String(n).padStart(2, '0')}`, handle,
  });
  const interactions = [];
  for (let week = 0; week < 10; week++) interactions.push(interaction('dave', week, 'reply', 'outbound', now - (70 - week * 7 - 1) * DAY));
  for (let k = 0; k < 4; k++) interactions.push(interaction('dave', 20 + k, 'like', 'inbound', now - (60 - k * 14) * DAY));
  interactions.push(interaction('erin', 1, 'like', 'outbound', now - DAY));
  return {
    format: 'kindling-export', version: 1, exported_at: iso(now),
    people: [person('dave', 'Dave Okafor'), person('erin', 'Erin Walsh')], interactions,
    settings: { retention_months: null, keep_snippets: false },
  };
}

async function card(b, handle) {
  await b.goto(`https://x.com/${handle}`);
  await b.switchToFrame(`iframe[data-kindling][src$="#x/${handle}"]`);
  const seen = {
    stage: await b.text('.stage'),
    hint: await b.text('.hint'),
    suggestion: await b.execute('const s = document.querySelector(".suggestion"); return s ? s.innerText : null'),
  };
  await b.switchToParent();
  return seen;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the card paces the relationship: slow down after a burst, a soft call after weeks, nothing after one like`, async (t) => {
    const b = await launch();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-pacing-'));
    t.after(async () => {
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    // Four quick likes on four of Alice's posts.
    await b.goto('https://x.com/home');
    for (const target of [ALICE, ...ALICE_OLDER]) {
      await b.click(`${target} [data-testid="like"]`);
      await b.find(`${target} [data-testid="unlike"]`);
    }
    await new Promise((r) => setTimeout(r, 800));
    const alice = await card(b, 'alice');
    assert.match(alice.hint, /^Slow down\. 4 touches within an hour: that can come across as a lot\./);
    assert.match(alice.hint, /Fine to engage again in \d+ (hours|days)\.$/);
    assert.equal(alice.suggestion, null);

    // Ten weeks of gradual, two-way engagement with Dave; one like for Erin yesterday.
    const file = path.join(dir, 'history.json');
    fs.writeFileSync(file, JSON.stringify(history(Date.now())));
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    await b.upload('#import-file', file);
    await b.click('input[name="mode"][value="merge"]');
    await b.click('[data-action="import"]');
    await b.waitForText('.message', 'Merged in 2 people');

    const dave = await card(b, 'dave');
    assert.equal(dave.stage, 'Ready for real life');
    assert.match(dave.suggestion, /suggest a call, lightly:/);
    assert.match(dave.suggestion, /We should chat sometime!/);
    assert.match(dave.suggestion, /I'd love to ask you a few questions on a phone call if you have some time\./);

    // Telling the card: "I suggested it", then their answer.
    await b.switchToFrame('iframe[data-kindling][src$="#x/dave"]');
    await b.click('button.action:nth-of-type(2)');
    await b.waitForText('.stage', 'You raised meeting');
    assert.equal(await b.text('.next'), 'You asked; give them time to answer.');
    await b.click('button.action:nth-of-type(3)');
    await b.waitForText('.stage', 'Giving it time');
    assert.match(await b.text('.next'), /Keep engaging lightly/);
    assert.equal(await b.execute('return document.querySelector(".suggestion")'), null);
    await b.switchToParent();

    const erin = await card(b, 'erin');
    assert.equal(erin.stage, 'Getting to know them');
    assert.equal(erin.suggestion, null);

    // The popup's Today: Dave is ready, Alice needs a pause, Erin needs nothing.
    await b.openExtensionPage('popup.html');
    const agenda = await b.waitForText('.agenda', 'Alice Example');
    assert.match(agenda, /Alice Example\s*Slow down\. 4 touches/);
    assert.doesNotMatch(agenda, /Erin|Dave/, 'Dave said not now: he is off the list while it cools');
  });
}
