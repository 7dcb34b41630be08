// The overlay card on a profile (issue 6): it follows what happens on the
// page without a reload, keeps what the user wants to remember, shows a
// hostile display name as text, and the page cannot read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause, settled, waitUntil } from '../harness/card.mjs';

const FRAME = (handle) => `iframe[data-kindling][src$="#x/${handle}"]`;
const PAYLOAD = '<img src=x onerror="window.__pwned=1">Mallory';

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the card updates live, remembers ask-about items and notes, and keeps page data inert`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/erin');
    await b.switchToFrame(FRAME('erin'));
    await b.waitForText('.history', '1 interaction: 1 profile visit');
    await b.waitForText('.timeline li:first-child', 'profile visit · just now');
    await b.type('input.note-text', 'Bakes on Sundays');
    await b.switchToParent();

    // A follow on the page shows in the card without reloading it, and
    // what the user was typing there survives the redraw.
    await b.click('button[data-testid$="-follow"]');
    await b.switchToFrame(FRAME('erin'));
    await b.waitForText('.history', '2 interactions: 1 follow, 1 profile visit');
    await b.waitForText('.timeline li:first-child', 'follow · just now');
    assert.equal(await b.execute('return document.querySelector("input.note-text").value'), 'Bakes on Sundays');

    if (name === 'chromium') {
      // Clickjacking: while the page makes the card see-through, its buttons do nothing.
      const opacity = (value) => b.execute(`document.querySelector('iframe[data-kindling]').style.setProperty('opacity', '${value}', 'important')`);
      await b.switchToParent();
      await opacity('0.3');
      await pause(500);
      await b.switchToFrame(FRAME('erin'));
      await b.click('.actions button:first-child');
      await b.waitForText('.problem', 'Kindling ignored that click');
      assert.equal(await b.text('.actions button:first-child'), 'Track');
      await b.switchToParent();
      await opacity('1');
      await pause(1000);
      await b.switchToFrame(FRAME('erin'));
      await settled(b);
      await b.click('.actions button:first-child');
      await b.waitForText('.actions button:first-child', 'Stop tracking');
    }

    // Something to ask about next time, and a note; "Asked" clears the item.
    await settled(b);
    await b.click('input.ask-text');
    await b.type('input.ask-text', 'the sourdough starter');
    await b.click('[data-add="ask"]');
    await b.waitForText('.ask-about', 'Ask about the sourdough starter');
    await b.click('[data-add="note"]');
    await b.waitForText('.notes', 'Bakes on Sundays');
    await b.click('[data-add="note"]');
    await b.waitForText('.problem', 'Write a note first.');
    await b.click('.ask-about li button');
    await waitUntil(async () => (await b.execute('return document.querySelector(".ask-about")')) === null,
      'the asked item leaves the card');
    await b.switchToParent();

    // The page cannot reach into the card.
    const reach = await b.execute(`const frame = document.querySelector('iframe[data-kindling]');
      let content = 'none';
      try { content = frame.contentWindow.document.body.innerText; } catch { content = 'blocked'; }
      return { doc: frame.contentDocument === null, content };`);
    assert.deepEqual(reach, { doc: true, content: 'blocked' });
    if (name === 'chromium') {
      // The frame's URL changes every session (use_dynamic_url): the fixed one does not answer pages.
      assert.ok(!(await b.execute('return document.querySelector("iframe[data-kindling]").src')).startsWith(b.extensionOrigin));
      const probe = await b.execute(`return fetch("${b.extensionOrigin}/overlay.html").then(() => "answered", () => "refused")`);
      assert.equal(probe, 'refused');
    }

    // A display name written as markup is shown as text and runs nothing.
    await b.goto('https://x.com/mallory');
    await b.click('button[data-testid$="-follow"]');
    await b.switchToFrame(FRAME('mallory'));
    await b.waitForText('.history', '1 follow');
    assert.equal(await b.text('.name'), PAYLOAD);
    assert.deepEqual(await b.execute('return [document.querySelectorAll("img").length, window.__pwned ?? null]'), [0, null]);
    await b.switchToParent();
    assert.equal(await b.execute('return window.__pwned ?? null'), null);
    await b.openExtensionPage('popup.html');
    await b.waitForText('.people', 'Mallory');
    assert.match(await b.text('.people'), /<img src=x onerror="window.__pwned=1">Mallory/);
    assert.deepEqual(await b.execute('return [document.querySelectorAll("img").length, window.__pwned ?? null]'), [0, null]);
  });
}
