// Issue 8: hostile and broken pages. On the X fixture's /hostile timeline, names use
// right-to-left overrides, zero-width characters, 10,000 characters of emoji, a family emoji
// sequence and half an emoji (a lone surrogate); one author's handle is markup X would never allow; one post quotes a quote… 50 deep
// inside 50 wrapping elements; and the page makes 100,000 DOM mutations a second. Each like is
// recorded for the post's own author, with the name as the page shows it (capped), the bad
// handle is a recorded miss and never a person, and the page keeps running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';
import { pause } from '../harness/card.mjs';

const post = (id) => `article[data-testid="tweet"]:has(a[href$="/status/${id}"])`;
const POSTS = {
  rtl_zw: '1863000000000000001', big_name: '1863000000000000002', emoji_zoe: '1863000000000000003',
  bad: '1863000000000000004', carol: '1863000000000000005', half_moon: '1863000000000000006',
};

const ask = (b, message) => b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(${JSON.stringify(message)})`);

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: hostile names, a bad handle, 50-deep quotes and a DOM flood: right records, a recorded miss, a running page`, async (t) => {
    const b = await launch();
    t.after(() => b.close());

    await b.goto('https://x.com/hostile?flood');
    await b.find(post(POSTS.carol));
    const ticksBefore = await b.execute('return window.__ticks');
    for (const id of Object.values(POSTS)) {
      await b.click(`${post(id)} [data-testid="like"]`);
      await b.find(`${post(id)} [data-testid="unlike"]`);
    }
    await pause(1500); // the background answers each in milliseconds, even while the page floods
    const ticks = (await b.execute('return window.__ticks')) - ticksBefore;
    // The page's own 50 ms timer kept running through the flood and the likes (a stalled page
    // would count next to nothing; a free one ~20 a second).
    assert.ok(ticks >= 10, `the page ran its own timer only ${ticks} times`);

    await b.openExtensionPage('options.html');
    const file = await ask(b, { type: 'export', format: 'json' });
    const record = JSON.parse(file.text);
    const names = Object.fromEntries(record.people.map((p) => [p.identities[0].handle, p.name]));
    assert.deepEqual(Object.keys(names).sort(), ['big_name', 'carol', 'emoji_zoe', 'half_moon', 'rtl_zw'],
      'one person per real author: none for the bad handle, none for the 50 quoted');
    assert.equal(names.rtl_zw, '\u202Eevil\u202C Gh\u200Bo\u200Dst \u05E9\u05DC\u05D5\u05DD', 'kept as the page shows it');
    assert.equal(names.emoji_zoe, 'Zoë 👩‍👩‍👧‍👦 🔥');
    assert.equal(names.carol, 'Carol Chen');
    assert.equal(names.half_moon, 'Half \uFFFD moon', 'half a character is read as the page shows it, not refused');
    assert.ok(names.big_name.startsWith('A🔥🔥') && names.big_name.length <= 300, `capped: ${names.big_name.length} UTF-16 units`);
    assert.ok(!/[\uD800-\uDFFF]/.test(names.big_name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')), 'no half of an emoji');
    assert.equal(record.interactions.length, 5);
    assert.ok(record.interactions.every((i) => i.kind === 'like'));

    const status = await ask(b, { type: 'status' });
    const x = status.status.sites.find((s) => s.site === 'x');
    assert.ok(x.misses >= 1, 'the bad handle is a recorded miss');

    // The card shows the hostile name as text, whole as stored, and its frame stays on screen.
    await b.goto(`${b.extensionOrigin}/popup.html#card=x/rtl_zw`);
    await b.find('h1.name');
    // textContent: WebDriver's element text drops zero-width spaces.
    assert.equal(await b.execute('return document.querySelector("h1.name").textContent'), names.rtl_zw);
  });
}
