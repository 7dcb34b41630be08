// Bring your network (issue 25): the user imports the people they already
// know from files they have (LinkedIn's Connections.csv, Mastodon's follows,
// an address book, Kindling's own CSV), sees them in the popup's People
// view, and gets at most five suggestions of whom to track, each with its
// reasons; tracking from a suggestion works, "Not interested" stays; two
// records with the same name and a link in common are offered as one on
// the card, and merged with one click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder } from '../harness/card.mjs';

// Shaped as LinkedIn writes it (engine/network/linkedin.rs cites where the
// shape is seen): lines of notes before the header, a quoted comma, a
// connection who hides their profile address (skipped).
const CONNECTIONS = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Ana,Petrova,https://www.linkedin.com/in/ana-petrova,,"Acme, Inc.",Engineer,07 Nov 2026',
  'Bob,Smith,https://www.linkedin.com/in/bobsmith-42,bob@example.com,Globex,CTO,01 Oct 2026',
  'Private,Person,,,,,12 Sep 2026',
].join('\r\n');
const FOLLOWS = 'Account address,Show boosts,Notify on new posts,Languages\nzoe@fosstodon.org,true,false,\n';
const CONTACTS = [
  'BEGIN:VCARD', 'VERSION:3.0', 'FN:Yuki Tanaka', 'N:Tanaka;Yuki;;;',
  'item1.URL:https://x.com/yukit', 'item1.X-ABLabel:Twitter', 'URL:https://github.com/yukitanaka', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:Nobody Online', 'EMAIL:nobody@example.com', 'END:VCARD', '',
].join('\r\n');
const KINDLING = 'id,name,accounts,profile_urls,tracked,tags,notes,interactions,first_interaction,last_interaction\r\n'
  + '"p:github:octocat","Octo Cat","github:octocat","https://github.com/octocat","true","friends","met at a conf","3","",""\r\n';
// Two records, one name, one website: maybe one person.
const DAVES = [
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:Dave Okafor', 'URL:https://x.com/dave', 'URL:https://dave.example', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:Dave Okafor', 'X-SOCIALPROFILE;TYPE=mastodon:https://mastodon.social/@dokafor',
  'URL:https://www.dave.example/', 'END:VCARD', '',
].join('\r\n');

async function importFile(b, dir, name, text, said) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  await b.upload('#network-file', file);
  await b.click('[data-action="import-network"]');
  await b.waitForText('.message', said);
}

/** The suggestions shown: each one's name and reasons. */
function suggested(b) {
  return b.execute(`return [...document.querySelectorAll("details.suggestions ul.suggested > li")]
    .map((li) => [li.querySelector(".name")?.textContent ?? li.textContent, [...li.querySelectorAll(".reasons li")].map((r) => r.textContent)])`);
}

async function openSuggestions(b) {
  await b.openExtensionPage('popup.html');
  await b.click('details.suggestions > summary');
  await b.waitForText('details.suggestions ul.suggested', /\S/);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the user's network comes in from four kinds of file; five suggestions with reasons; track one, not another`, async (t) => {
    const { b, dir } = await launchWithFolder(t, launch, 'kindling-network-');
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 0 people');
    await importFile(b, dir, 'Connections.csv', CONNECTIONS,
      '2 people came in; 0 matched people you already know. Skipped: 1 row with no account on a site Kindling knows, 0 rows naming someone listed before.');
    await importFile(b, dir, 'following_accounts.csv', FOLLOWS, '1 person came in; 0 matched people you already know. Nothing was skipped.');
    await importFile(b, dir, 'contacts.vcf', CONTACTS,
      '1 person came in; 0 matched people you already know. Skipped: 1 row with no account on a site Kindling knows');
    await importFile(b, dir, 'kindling-people.csv', KINDLING, '1 person came in; 0 matched people you already know. Nothing was skipped.');
    await b.waitForText('.counts', 'Kindling keeps 5 people and 0 interactions.');

    // The People view lists them all; none is tracked.
    await b.openExtensionPage('popup.html');
    await b.click('details.filter > summary');
    await b.waitForText('.search .found', 'Yuki Tanaka');
    const found = await b.text('.search .found');
    for (const who of ['Ana Petrova', 'Bob Smith', 'zoe@fosstodon.org', 'Yuki Tanaka', 'Octo Cat']) assert.match(found, new RegExp(who));

    // Suggestions: all five, each saying why; Yuki (two sites) first.
    await b.click('details.suggestions > summary');
    await b.waitForText('details.suggestions ul.suggested', 'Yuki Tanaka');
    const shown = await suggested(b);
    assert.equal(shown.length, 5, JSON.stringify(shown));
    assert.deepEqual(shown[0], ['Yuki Tanaka', ['In your address book', 'The same person on X, GitHub']]);
    const reasons = Object.fromEntries(shown);
    assert.deepEqual(reasons['Ana Petrova'], ['A LinkedIn connection you imported']);
    assert.deepEqual(reasons['zoe@fosstodon.org'], ['Someone you follow on Mastodon']);
    assert.deepEqual(reasons['Octo Cat'], ['From a Kindling list you imported']);

    // Track Ana from her suggestion; Bob: not interested.
    await b.click('button[data-suggest="track"][data-person="p:linkedin:ana-petrova"]');
    await b.waitForText('details.suggestions p.said', 'Tracking');
    await b.click('button[data-suggest="not"][data-person="p:linkedin:bobsmith-42"]');
    await b.waitForText('details.suggestions p.said', "They won't be suggested again.");
    const names = (await suggested(b)).map(([who]) => who);
    assert.deepEqual(names.sort(), ['Octo Cat', 'Yuki Tanaka', 'zoe@fosstodon.org']);

    // Another day, another popup: Bob stays out; Ana's card says she is tracked, with what LinkedIn said.
    await openSuggestions(b);
    assert.ok(!(await suggested(b)).some(([who]) => who === 'Bob Smith'));
    await b.openExtensionPage('popup.html#card=linkedin/ana-petrova');
    await b.waitForText('.name', 'Ana Petrova');
    assert.match(await b.text('.actions'), /Stop tracking/);
    const notes = await b.text('.notes');
    assert.match(notes, /Engineer · Acme, Inc\./);
    assert.match(notes, /Connected on LinkedIn/);
    assert.doesNotMatch(await b.execute('return document.body.textContent'), /bob@example\.com/);
  });

  test(`${name}: two records with one name and one website are offered as one person on the card, and merged`, async (t) => {
    const { b, dir } = await launchWithFolder(t, launch, 'kindling-network-');
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 0 people');
    await importFile(b, dir, 'daves.vcf', DAVES, '2 people came in');
    await b.openExtensionPage('popup.html#card=x/dave');
    await b.waitForText('.same-as', 'Same person as Dave Okafor (@dokafor@mastodon.social on Mastodon)?');
    await b.click('.same-as button[data-merge]');
    await b.waitForText('.name', 'Dave Okafor');
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps 1 person and 0 interactions.');
  });
}
