// Kindling speaks the browser's language (issue 6): with the browser in
// German, the card, the core's own sentences in it, the popup and the options
// page are German, and the pages say so (`lang="de"`). The English wording is
// covered by every other test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSERS, BUILDS } from '../harness/browsers.mjs';
import { settled } from '../harness/card.mjs';

const FRAME = 'iframe[data-kindling][data-account="x/erin"]';

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: in a German browser the card, the popup and the options page are in German`, async (t) => {
    const b = await launch({ locale: 'de' });
    t.after(() => b.close());

    // Only visited: the small chip, in German.
    await b.goto('https://x.com/erin');
    await b.switchToFrame(FRAME);
    await b.waitForText('.history', '1 Interaktion: 1 Profilbesuch');
    assert.equal(await b.execute('return document.documentElement.lang'), 'de');
    assert.equal(await b.text('.chip button.action'), 'Im Blick behalten');
    await b.switchToParent();

    // A follow: the whole card, its counts, timeline and the engine's advice.
    await b.click('button[data-testid$="-follow"]');
    await b.switchToFrame(FRAME);
    await b.waitForText('.history', '2 Interaktionen: 1 Follow, 1 Profilbesuch');
    await b.waitForText('.timeline li:first-child', 'Follow · gerade eben');
    assert.equal(await b.text('.stage'), 'Kennenlernen');
    // One touch in the first week is the week's allowance.
    assert.equal(await b.text('.hint'), 'Du warst diese Woche genug aktiv; lass es jetzt etwas ruhen.');
    assert.equal(await b.text('.add button[data-add="note"]'), 'Hinzufügen');

    // An answer from the core (the stage the user sets) is German too.
    await settled(b);
    await b.click('.actions button:first-child');
    await b.waitForText('.actions button:first-child', 'Nicht mehr im Blick behalten');
    await b.switchToParent();

    await b.openExtensionPage('popup.html');
    await b.waitForText('h2', /^heute$/i); // styled in capitals
    assert.equal(await b.execute('return document.documentElement.lang'), 'de');
    await b.waitForText('.people li', /Erin.*@erin auf X.*Follow · gerade eben/s);

    // The options page: its own labels, the counts it builds and the core's answers.
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling bewahrt 1 Person und 2 Interaktionen auf.');
    assert.equal(await b.execute('return document.documentElement.lang'), 'de');
    assert.equal(await b.execute('return document.title'), 'Kindling: deine Daten');
    assert.equal(await b.text('h1'), 'Kindling: deine Daten');
    const headings = await b.execute('return [...document.querySelectorAll("h2")].map((h) => h.textContent)');
    assert.ok(headings.includes('Alles löschen'), `${headings}`);
    for (const english of ['Export', 'Import', 'Pacing', 'Sites', 'People', 'Delete everything']) {
      assert.ok(!headings.includes(english), `no English heading "${english}" in ${headings}`);
    }
    assert.equal(await b.text('[data-action="export"][data-format="json"]'), 'Alles exportieren (JSON)');
    assert.equal(await b.text('#retention option[value="3"]'), '3 Monate');
    assert.equal(await b.text('#retention option[value="12"]'), '1 Jahr');
    assert.equal(await b.text('label[for="pace-call_phrases"]'), 'Formulierungen, um einen Anruf vorzuschlagen (eine pro Zeile)');
    assert.equal(await b.text('[data-site="x"] .seen'), 'funktionierte zuletzt gerade eben.');
    await b.waitForText('.people-list', /x:erin · 2 Interaktionen/); // drawn after the counts
    await b.click('[data-action="delete-everything"]');
    await b.waitForText('.delete-all', 'Das lässt sich nicht rückgängig machen. Alles löschen: 1 Person und 2 Interaktionen?');
    await b.click('[data-action="cancel-delete-everything"]');
    await b.waitForText('.delete-all [data-action="delete-everything"]', 'Alles löschen …');
    await b.click('[data-action="save-settings"]');
    await b.waitForText('.message', 'Einstellungen gespeichert.');
    // What the core finds wrong with an instance is German too.
    await b.type('#instance-host', 'kein host');
    await b.click('[data-action="add-instance"]');
    await b.waitForText('.message.error', 'Nicht hinzugefügt: „kein host“ ist kein Servername wie mastodon.example.');
  });
}

// Chromium's renderer keeps the first catalogue the browser gives it for the
// life of the process, an empty one too (extensions/renderer/shared_l10n_map.cc),
// and a card frame once got one: it showed the key `card_history`. Here every
// page of a copied build is given no words, as such a renderer is; each page
// reads the extension's own catalogue, in the browser's language.
const SPEECHLESS = `for (const api of [globalThis.chrome?.i18n, globalThis.browser?.i18n]) {
  if (api) Object.defineProperty(api, 'getMessage', { value: () => '', configurable: true });
}
document.documentElement.dataset.speechless = String(chrome.i18n.getMessage('extName') === '');
`;

function speechless(build) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-speechless-'));
  fs.cpSync(build, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'speechless.js'), SPEECHLESS);
  for (const page of ['overlay.html', 'popup.html', 'options.html']) {
    const file = path.join(dir, page);
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /<script type="module"/);
    fs.writeFileSync(file, html.replace('<script type="module"', '<script src="speechless.js"></script>\n  <script type="module"'));
  }
  return dir;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: pages the browser gives no words read Kindling's own catalogue, in the browser's language`, async (t) => {
    const dir = speechless(BUILDS[name]);
    const b = await launch({ locale: 'de', extensionDir: dir });
    t.after(async () => {
      try {
        await b.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    await b.goto('https://x.com/erin');
    await b.switchToFrame(FRAME);
    await b.waitForText('.history', '1 Interaktion: 1 Profilbesuch');
    assert.equal(await b.execute('return document.documentElement.dataset.speechless'), 'true', 'the browser gave the card no words');
    assert.equal(await b.text('.chip button.action'), 'Im Blick behalten');
    assert.equal(await b.execute('return document.documentElement.lang'), 'de');
    await b.switchToParent();

    await b.openExtensionPage('popup.html');
    assert.equal(await b.execute('return document.documentElement.dataset.speechless'), 'true');
    await b.waitForText('h2', /^heute$/i);
    await b.waitForText('.people li', /Erin.*@erin auf X.*Profilbesuch · gerade eben/s);

    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling bewahrt 1 Person und 1 Interaktion auf.');
    assert.equal(await b.execute('return document.title'), 'Kindling: deine Daten');
  });
}
