// A Mastodon instance Kindling does not ship with: nothing runs there until
// the user adds it on the options page (the browser grants that one host);
// then a favourite is recorded for the right account, and after removing it
// nothing is recorded again. The card stays off on added instances (its
// frame is web-accessible on the shipped hosts only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';

const ALICE = '.status[data-id="113000000000000001"]';
const ERIN = '.status[data-id="113000000000000005"]';
const STAR = 'button.status__action-bar__button.star-icon';
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function favourite(b) {
  await b.goto('https://social.example/home');
  await b.click(`${ALICE} ${STAR}`);
  await b.find(`${ALICE} ${STAR}.active`);
  await pause(800);
}

async function counts(b) {
  await b.openExtensionPage('options.html');
  return b.waitForText('.counts', 'Kindling keeps');
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: an instance that is not a server name is refused and nothing is asked`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    for (const [typed, why] of [
      ['not a host', '"not a host" is not a server name like mastodon.example'],
      ['mastodon.social', 'mastodon.social is already one of the instances Kindling works on'],
    ]) {
      await b.type('#instance-host', typed);
      await b.click('[data-action="add-instance"]');
      assert.equal(await b.waitForText('.message.error', why), `Not added: ${why}.`);
      await b.execute('document.getElementById("instance-host").value = ""');
    }
    assert.equal(await b.execute('return document.querySelectorAll(".instances li").length'), 0);
  });
}

// Chromium cannot grant an optional host permission without its dialog,
// which automation cannot answer; Firefox's pref answers yes.
const firefox = BROWSERS.firefox;
if (firefox) {
  test('firefox: adding a Mastodon instance starts recording there; removing it stops', async (t) => {
    const b = await firefox();
    t.after(() => b.close());

    // Not added: no content script, nothing recorded.
    await favourite(b);
    assert.match(await counts(b), /Kindling keeps 0 people and 0 interactions\./);

    await b.type('#instance-host', 'https://Social.Example/');
    await b.click('[data-action="add-instance"]');
    await b.waitForText('.message.done', 'Added social.example.');
    await b.waitForText('.instances li', 'social.example');

    // Added: the favourite and a profile visit land on the instance's account.
    await favourite(b);
    await b.click(`${ALICE} a.status__display-name`);
    await b.waitForText('.account__header__tabs__name h1', 'Alice Example');
    await pause(800);
    assert.equal(await b.execute('return document.querySelectorAll("iframe[data-kindling]").length'), 0, 'no card here');
    assert.match(await counts(b), /Kindling keeps 1 person and 2 interactions\./);
    // The list is drawn after the counts.
    await b.waitForText('.people-list', /Alice Example\s*mastodon:alice@social\.example · 2 interactions/);

    // Removed: the permission is given back and nothing more is recorded.
    await b.click('[data-action="remove-instance"][data-host="social.example"]');
    await b.waitForText('.message.done', 'Removed social.example.');
    await b.goto('https://social.example/home');
    await b.click(`${ERIN} ${STAR}`);
    await b.find(`${ERIN} ${STAR}.active`);
    await pause(800);
    assert.match(await counts(b), /Kindling keeps 1 person and 2 interactions\./, 'the favourite was not seen');
    assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
  });
}
