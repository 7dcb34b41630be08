// The popup's people: everyone listed with those needing attention first,
// narrowed by stage or tag; and a person's view there, where the user edits
// what the card on a page does not offer: tags, "lives nearby", splitting an
// account off, deleting them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder } from '../harness/card.mjs';
import { DAY, daveAndErin, exportOf, interaction, person } from '../harness/history.mjs';

/**
 * An export: Dave, ten weeks of two-way engagement on X and a Mastodon
 * account (ready for real life); Erin, one like yesterday, tagged "work",
 * with a question to ask her; Finn, one like a week ago, tagged "climbing".
 */
function history(now) {
  const { people: [dave, erin], interactions } = daveAndErin(now);
  erin.tags = ['work'];
  erin.ask_about = [{ text: 'the new job', after: null, created_at: new Date(now - 2 * DAY).toISOString(), done: false }];
  interactions.push(interaction('finn', 1, 'like', 'outbound', now - 7 * DAY));
  return exportOf(now, { people: [dave, erin, person(now, 'finn', 'Finn Berg', ['climbing'])], interactions });
}

/** A browser with Kindling holding `history`, imported on the options page as a user would. */
async function withHistory(t, launch) {
  const { b, dir } = await launchWithFolder(t, launch, 'kindling-people-');
  await b.openExtensionPage('options.html');
  await b.waitForText('.counts', 'Kindling keeps');
  const file = path.join(dir, 'history.json');
  fs.writeFileSync(file, JSON.stringify(history(Date.now())));
  await b.upload('#import-file', file);
  await b.click('[data-action="import"]');
  await b.waitForText('.message', 'Merged in 3 people');
  return b;
}

/** The names in the popup's people list, in order. */
function listed(b) {
  return b.execute('return [...document.querySelectorAll(".search .found a.name")].map((a) => a.textContent)');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the popup lists people by attention, filters by stage and tag, and edits a person`, async (t) => {
    const b = await withHistory(t, launch);
    // Dave's profile open in the first tab (the visit is noted).
    await b.switchToPage(0);
    await b.goto('https://x.com/dave');
    await b.find('iframe[data-kindling][data-account="x/dave"]');

    // Today: Erin's question can be marked asked from its line.
    await b.openExtensionPage('popup.html');
    await b.waitForText('.agenda', 'Dave Okafor');
    assert.match(await b.text('.agenda'), /Erin Walsh\s*Ask about the new job\./);
    await b.click('.agenda [data-line="asked"]');
    await b.waitForText('.today .said', 'Marked as asked.');
    assert.doesNotMatch(await b.text('.agenda'), /the new job/);

    // Opening the filter lists everyone: Dave, who is ready, first; then
    // the most recently engaged with.
    await b.click('details.filter summary');
    await b.waitForText('.search .found', 'Finn Berg');
    assert.deepEqual(await listed(b), ['Dave Okafor', 'Erin Walsh', 'Finn Berg']);
    assert.match(await b.text('.search .found li:first-child'), /Ready for real life\s*Weeks of back and forth: maybe suggest a call\./);
    await b.choose('select.stage-filter', 'ready_to_raise');
    await b.waitForText('.search .found', /^(?![\s\S]*Erin)[\s\S]*Dave Okafor/);
    assert.deepEqual(await listed(b), ['Dave Okafor']);
    await b.choose('select.stage-filter', '');
    await b.choose('select.tag-filter', 'climbing');
    await b.waitForText('.search .found', /^(?![\s\S]*Dave)[\s\S]*Finn Berg/);
    assert.deepEqual(await listed(b), ['Finn Berg']);
    assert.match(await b.text('.search .found li'), /#climbing/);

    // Dave's view: tags, tidied as they are kept.
    await b.choose('select.tag-filter', '');
    await b.type('input.people-query', 'dave');
    await b.press('input.people-query', 'Enter');
    await b.waitForText('.search .found', /^(?![\s\S]*Erin)[\s\S]*Dave Okafor/);
    await b.click('.search .found a.name');
    await b.waitForText('.card .name', 'Dave Okafor');
    await b.click('details.edit summary');
    await b.type('input.tags-field', '#Climbing,  coffee  people , climbing,');
    await b.click('[data-tags]');
    await b.waitForText('.card .tags', '#Climbing #coffee people');
    // Dave's card already open on X (the first tab) shows them too, unreloaded.
    await b.switchToPage(0);
    await b.switchToFrame('iframe[data-kindling][data-account="x/dave"]');
    await b.waitForText('.card .tags', '#Climbing #coffee people');
    await b.switchToParent();
    await b.switchToPage(2);
    await b.click('details.edit summary');
    assert.equal(await b.execute('return document.querySelector("input.tags-field").value'), 'Climbing, coffee people');
    // A tag too long is refused with a reason, and the tags stay as they were.
    await b.clear('input.tags-field');
    await b.type('input.tags-field', 'x'.repeat(41));
    await b.click('[data-tags]');
    await b.waitForText('.problem', 'A tag can be at most 40 characters.');
    assert.equal(await b.text('.card .tags'), '#Climbing #coffee people');

    // Lives nearby: Kindling suggests coffee instead of a call.
    assert.match(await b.text('.card .suggestion'), /suggest a call/);
    await b.click('details.edit [aria-pressed="false"]');
    await b.waitForText('.card .suggestion', /suggest a coffee/);
    await b.click('details.edit summary');
    await b.find('details.edit [aria-pressed="true"]');

    // Splitting the Mastodon account off: it is someone of its own again.
    await b.waitForText('.card .accounts', /Mastodon @dokafor@mastodon\.social/);
    await b.click('[data-split="mastodon:dokafor@mastodon.social"]');
    await b.waitForText('.card', /^(?![\s\S]*dokafor)[\s\S]*Dave Okafor/);
    await b.click('.card a.back');
    await b.type('input.people-query', 'dokafor');
    await b.click('[data-search]');
    await b.waitForText('.search .found', /@dokafor@mastodon\.social on Mastodon/);
    assert.doesNotMatch(await b.text('.search .found'), /@dave on X/);

    // Deleting Dave: the confirmation names what goes; then he is gone.
    await b.clear('input.people-query');
    await b.type('input.people-query', 'dave');
    await b.click('[data-search]');
    await b.waitForText('.search .found', 'Dave Okafor');
    await b.click('.search .found a.name');
    await b.waitForText('.card .name', 'Dave Okafor');
    await b.click('details.edit summary');
    await b.click('[data-delete="ask"]');
    await b.waitForText('.delete-person .confirm', 'Delete Dave Okafor and their history (15 interactions)? This cannot be undone.');
    await b.click('[data-delete="yes"]');
    await b.find('section.today');
    await b.type('input.people-query', 'dave');
    await b.click('[data-search]');
    await b.waitForText('.search .found', 'Nobody');
    assert.doesNotMatch(await b.text('.search .found'), /Dave Okafor/);
  });
}

// The popup appears whole: what it shows first is never pushed down the page by what comes
// later (Today answers last, longest after the background has stopped), so nothing moves under
// the user's pointer. Measured with Chromium's Layout Instability API, which Firefox does not
// have; the popup's code is the same in both.
for (const [name, launch] of Object.entries(BROWSERS)) {
  const skip = name !== 'chromium' && `${name} has no Layout Instability API`;
  test(`${name}: the popup opens without its content moving, the background running or stopped`, { skip }, async (t) => {
    const b = await withHistory(t, launch);
    for (const background of ['stopped', 'running', 'running', 'stopped']) {
      await b.goto('about:blank');
      if (background === 'stopped') await b.stopBackground();
      await b.goto(`${b.extensionOrigin}/popup.html`);
      await b.waitForText('.agenda', 'Erin Walsh');
      await b.find('section.recording');
      await b.find('footer');
      const shifts = await b.execute(`return new Promise((resolve) => {
  new PerformanceObserver((list) => resolve(list.getEntries().map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve([]), 300);
});`);
      assert.deepEqual(shifts, [], `the popup, background ${background}: content moved`);
    }
  });
}
