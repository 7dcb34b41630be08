// Accessibility of what Kindling draws, checked with axe-core against WCAG
// 2.1 A and AA: the whole card, the Track chip, the popup and the options
// page, in both browsers. axe runs inside each page through the test
// driver (never shipped in the extension).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { BROWSERS } from '../harness/browsers.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FRAME = (handle) => `iframe[data-kindling][data-account="x/${handle}"]`;

/** WCAG 2.1 A/AA violations in the current page or frame, as "rule: where" lines. */
async function violations(b) {
  const found = await b.execute(`${AXE};
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))));`);
  return found;
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the card, the chip, the popup and the options page pass axe (WCAG 2.1 AA)`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/home');
    await b.click('article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"]) [data-testid="like"]');
    await b.find('article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"]) [data-testid="unlike"]');
    await b.goto('https://x.com/alice');
    await b.switchToFrame(FRAME('alice'));
    await b.waitForText('.history', '1 like');
    assert.deepEqual(await violations(b), [], 'the card');
    await b.switchToParent();

    await b.goto('https://x.com/bob');
    await b.switchToFrame(FRAME('bob'));
    await b.waitForText('.chip .history', 'profile visit');
    assert.deepEqual(await violations(b), [], 'the Track chip');
    await b.switchToParent();

    await b.openExtensionPage('popup.html');
    await b.waitForText('.people', 'Alice Example');
    assert.deepEqual(await violations(b), [], 'the popup');

    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    assert.deepEqual(await violations(b), [], 'the options page');
  });
}
