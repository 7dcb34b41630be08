// Accessibility of what Kindling draws, checked with axe-core against WCAG
// 2.1 A and AA: the whole card (with "They reached out" open and one
// entered), the Track chip, the popup, a person's card in it and the options
// page, in both browsers, in light and dark, and the card zoomed to 200%.
// axe runs inside each page through the test driver (never shipped in the
// extension).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { BROWSERS } from '../harness/browsers.mjs';
import { likeAlicesPost, settled } from '../harness/card.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FRAME = (handle) => `iframe[data-kindling][data-account="x/${handle}"]`;

/** WCAG 2.1 A/AA violations in the current page or frame, as "rule: where" lines. */
async function violations(b) {
  const found = await b.execute(`${AXE};
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))));`);
  return found;
}

/** Where the card's frame sits in the page, and the page's viewport. */
const FRAME_BOX = `const r = document.querySelector('iframe[data-kindling]').getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: innerWidth, height: innerHeight };`;

/** Inside the card: is anything cut off sideways, and can its last control be scrolled to and seen whole? */
const REACH_LAST = `const root = document.querySelector('body > .card'); // the card scrolls inside its fixed frame
  const last = [...document.querySelectorAll('button, input, summary')].filter((e) => e.checkVisibility()).at(-1);
  last.scrollIntoView({ block: 'end' });
  const r = last.getBoundingClientRect();
  return { sideways: root.scrollWidth > root.clientWidth, scrolls: root.scrollHeight > root.clientHeight,
    lastSeen: r.top >= 0 && r.bottom <= innerHeight + 0.5, dark: matchMedia('(prefers-color-scheme: dark)').matches };`;

/** Run axe on the card (after `onCard` looked at it), the chip, the popup and the options page. */
async function audit(b, how, onCard = async () => {}) {
  await likeAlicesPost(b);
  await b.goto('https://x.com/alice');
  await b.switchToFrame(FRAME('alice'));
  await b.waitForText('.history', '1 like');
  // "They reached out": entered once (its Undo and its mark on the
  // timeline show), and its form open.
  await settled(b);
  await b.click('details.reached-out summary');
  await b.click('[data-reach]');
  await b.waitForText('.entered', 'Noted: message from them.');
  await b.click('details.reached-out summary');
  await onCard();
  assert.deepEqual(await violations(b), [], `the card${how}`);
  await b.switchToParent();

  await b.goto('https://x.com/bob');
  await b.switchToFrame(FRAME('bob'));
  await b.waitForText('.chip .history', 'profile visit');
  assert.deepEqual(await violations(b), [], `the Track chip${how}`);
  await b.switchToParent();

  await b.openExtensionPage('popup.html');
  await b.waitForText('.people', 'Alice Example');
  assert.deepEqual(await violations(b), [], `the popup${how}`);

  await b.openExtensionPage('popup.html#card=x/alice');
  await b.waitForText('.timeline', 'entered by you');
  await b.click('details.reached-out summary');
  assert.deepEqual(await violations(b), [], `the popup's person view${how}`);

  await b.openExtensionPage('options.html');
  await b.waitForText('.counts', 'Kindling keeps');
  assert.deepEqual(await violations(b), [], `the options page${how}`);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the card, the chip, the popup and the options page pass axe (WCAG 2.1 AA)`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await audit(b, '');
  });

  test(`${name}: in dark mode at 200% zoom the card stays on screen, all of it reachable, and everything passes axe`, async (t) => {
    const b = await launch({ dark: true, zoom: 2 });
    t.after(() => b.close());
    await audit(b, ', dark', async () => {
      await b.switchToParent();
      const box = await b.execute(FRAME_BOX);
      assert.ok(box.height <= 420, `the page lays out as zoomed (viewport ${box.width}×${box.height} CSS px)`);
      assert.ok(box.top >= 0 && box.left >= 0 && box.bottom <= box.height && box.right <= box.width,
        `the card is on screen: ${JSON.stringify(box)}`);
      await b.switchToFrame(FRAME('alice'));
      const inside = await b.execute(REACH_LAST);
      assert.equal(inside.dark, true, 'the card sees the dark scheme');
      assert.equal(inside.sideways, false, 'nothing cut off sideways');
      assert.equal(inside.scrolls, true, 'taller than the zoomed window: it scrolls inside');
      assert.equal(inside.lastSeen, true, 'its last control can be scrolled into view');
    });
  });
}
