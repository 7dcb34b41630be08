// The pacing engine as the card shows it: four quick likes on one
// person's posts bring "slow down"; ten weeks of gradual two-way engagement
// (imported) bring a soft suggestion to talk; one like yesterday brings
// nothing of the kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder, settled, waitUntil } from '../harness/card.mjs';
import { daveAndErin, exportOf } from '../harness/history.mjs';

const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const ALICE_OLDER = ['11', '12', '13'].map((n) => post(`/alice/status/18600000000000000${n}`));
/** An export holding dave's ten weeks of two-way engagement and erin's one like yesterday. */
const history = (now) => exportOf(now, daveAndErin(now));

/** Merge `history` into the record from the options page, already open in `b`. */
async function importHistory(b, dir) {
  const file = path.join(dir, 'history.json');
  fs.writeFileSync(file, JSON.stringify(history(Date.now())));
  await b.upload('#import-file', file);
  await b.click('input[name="mode"][value="merge"]');
  await b.click('[data-action="import"]');
  await b.waitForText('.message', 'Merged in 2 people');
}

async function card(b, handle) {
  await b.goto(`https://x.com/${handle}`);
  await b.switchToFrame(`iframe[data-kindling][data-account="x/${handle}"]`);
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
    const { b, dir } = await launchWithFolder(t, launch, 'kindling-pacing-');

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
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    await importHistory(b, dir);

    const dave = await card(b, 'dave');
    assert.equal(dave.stage, 'Ready for real life');
    assert.match(dave.suggestion, /suggest a call, lightly:/);
    assert.match(dave.suggestion, /We should chat sometime!/);
    assert.match(dave.suggestion, /I'd love to ask you a few questions on a phone call if you have some time\./);

    // Telling the card: "I suggested it", then their answer.
    await b.switchToFrame('iframe[data-kindling][data-account="x/dave"]');
    await settled(b);
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
    // Each line links to that person's card; the search finds anyone by any of their accounts.
    await b.click('.agenda li[data-reason="slow_down"] a.name');
    await b.waitForText('.card .name', 'Alice Example');
    await b.waitForText('.card .hint', /^Slow down\./);
    await b.click('.card a.back');
    await b.waitForText('.agenda', 'Alice Example');
    await b.type('input.people-query', 'mastodon.social');
    await b.click('[data-search]');
    await b.waitForText('.search .found', /^Dave Okafor\s*@dave on X, @dokafor@mastodon\.social on Mastodon\s*Giving it time$/);
    await b.click('.search .found a.name');
    await b.waitForText('.card .name', 'Dave Okafor');
    await b.waitForText('.card .accounts', /Mastodon @dokafor@mastodon\.social/);
    await b.click('.card a.back');
    // "Not today": Alice leaves the list until tomorrow.
    await b.click('.agenda li[data-reason="slow_down"] [data-line="1"]');
    await b.waitForText('.today .said', "They're off today's list for now.");
    assert.doesNotMatch(await b.text('.today'), /Alice Example/);
  });
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: from the user's own words to a date: copy a phrasing, record their yes, save a date, get a calendar file and a reminder`, async (t) => {
    const { b, dir } = await launchWithFolder(t, launch, 'kindling-irl-');

    // The user's own way to suggest a call, typed in the options page.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    // The settings' fields are filled once their answer came (after the counts, or before).
    await waitUntil(async () => /We should chat sometime!/.test(await b.execute('return document.getElementById("pace-call_phrases")?.value ?? ""')),
      'the call phrasings shown');
    await b.execute('document.getElementById("pace-plateau").value = "zero"');
    await b.click('[data-action="save-pacing"]');
    await b.waitForText('.message', 'Pacing not saved: “Touches a week at most” needs a whole number.');
    await b.execute(`document.getElementById("pace-plateau").value = "4";
      document.getElementById("pace-call_phrases").value = "Fancy a call next week?\\n\\nWe should chat sometime!"`);
    await b.click('[data-action="save-pacing"]');
    await b.waitForText('.message', 'Settings saved.');
    await importHistory(b, dir);

    await b.goto('https://x.com/dave');
    await b.switchToFrame('iframe[data-kindling][data-account="x/dave"]');
    await settled(b);
    const offered = await b.text('.suggestion');
    assert.match(offered, /Fancy a call next week\?/);
    assert.doesNotMatch(offered, /phone call if you have some time/, 'only the phrasings the user kept');
    await b.click('.phrases li:first-child button.copy');
    await b.waitForText('.phrases li:first-child button.copy', 'Copied');
    await b.click('[data-raise]');
    await b.waitForText('.stage', 'You raised meeting');
    await b.click('button.action:nth-of-type(2)'); // "They're up for it"
    await b.waitForText('.next', "They're up for it: ask when would be good for them.");

    // A date: none given is refused; one given (tomorrow, local time) is kept and offered as a file.
    await b.click('[data-schedule]');
    await b.waitForText('.problem', 'Pick a date and a time first.');
    await b.execute(`const at = new Date(Date.now() + 20 * 3600 * 1000 + 30 * 60 * 1000);
      const two = (n) => String(n).padStart(2, '0');
      document.querySelector('input.when').value =
        at.getFullYear() + '-' + two(at.getMonth() + 1) + '-' + two(at.getDate()) + 'T' + two(at.getHours()) + ':' + two(at.getMinutes());`);
    await b.click('[data-schedule]');
    await b.waitForText('.next', "It's in the calendar. Enjoy it!");
    assert.match(await b.text('.plan'), /^Agreed: .+/);
    const ics = await b.download('[data-ics]');
    assert.match(ics.name, /^kindling-\d{4}-\d{2}-\d{2}\.ics$/);
    assert.match(ics.text, /BEGIN:VEVENT/);
    assert.match(ics.text, /Dave Okafor/);
    await b.switchToParent();

    // The popup reminds as the date nears.
    await b.openExtensionPage('popup.html');
    const agenda = await b.waitForText('.agenda', 'Dave Okafor');
    assert.match(agenda, /Call with Dave Okafor in 2[01] hours\./);

    // What was said is the phrasing the user copied.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    const saved = JSON.parse((await b.download('[data-action="export"][data-format="json"]')).text);
    const dave = saved.people.find((p) => p.id === 'p:x:dave');
    assert.equal(dave.irl_attempts[0].phrasing, 'Fancy a call next week?');
    assert.deepEqual(saved.settings.pacing.call_phrases, ['Fancy a call next week?', 'We should chat sometime!']);
  });
}
