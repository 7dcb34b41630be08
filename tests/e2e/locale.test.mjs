// Kindling speaks the browser's language (issue 6): with the browser in
// German, the card, the core's own sentences in it, and the popup are German,
// and the pages say so (`lang="de"`). The English wording is covered by every
// other test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { settled } from '../harness/card.mjs';

const FRAME = 'iframe[data-kindling][data-account="x/erin"]';

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: in a German browser the card and the popup are in German`, async (t) => {
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
  });
}
