// Issue 8: the browser is killed (SIGKILL, as a crash or a power cut) while Kindling writes, and
// started again on the same profile. The store opens; every write the background acknowledged is
// there, whole; nothing is half-written. The writes are notes added from an extension page, where
// the test can see each acknowledgement; each is one durable transaction, like every write.
// In Firefox the harness installs the extension as a temporary add-on, which a restarted Firefox
// does not bring back: it is installed again, with the same id and moz-extension:// UUID, on the
// same profile (told to keep the add-on's storage, as a real install's is never removed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { waitUntil } from '../harness/card.mjs';

const ALICE = 'article[data-testid="tweet"]:has(a[href="/alice/status/1861000000000000001"])';
const FILLER = 'x'.repeat(400);
const ask = (b, message) => b.execute(`return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(${JSON.stringify(message)})`);

for (const [name, launchIn] of Object.entries(BROWSERS)) {
  test(`${name}: killed in the middle of writes, the browser restarts with every acknowledged write whole`, async (t) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-crash-'));
    const sessions = [];
    const launch = async () => {
      sessions.push(await launchIn({ profile }));
      return sessions.at(-1);
    };
    // Both sessions closed (the killed one too: its errors and requests until then are still
    // checked), then the profile removed, whatever close() said.
    t.after(async () => {
      const failures = [];
      for (const session of sessions) await session.close().catch((e) => failures.push(e));
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
      if (failures.length) throw failures[0];
    });

    const b = await launch();
    await b.goto('https://x.com/home');
    await b.click(`${ALICE} [data-testid="like"]`);
    await b.find(`${ALICE} [data-testid="unlike"]`);
    await b.openExtensionPage('options.html');
    await waitUntil(async () => (await ask(b, { type: 'people' }))?.people?.length === 1, 'Alice recorded');

    // Notes one after another, as fast as the background acknowledges them; `acked` counts those
    // answered "done". The browser is killed while the loop runs.
    await b.execute(`window.acked = 0;
  (async () => {
    const ext = globalThis.browser ?? globalThis.chrome;
    for (let i = 0; i < 400; i++) {
      const answer = await ext.runtime.sendMessage({ type: 'update_person', person: 'p:x:alice',
        change: { what: 'note', text: 'note ' + i + ' ${FILLER}' } });
      if (answer?.type !== 'done') throw new Error(JSON.stringify(answer));
      window.acked = i + 1;
    }
  })();`);
    await waitUntil(async () => (await b.execute('return window.acked')) >= 15, '15 notes acknowledged', 20000);
    const acked = await b.execute('return window.acked');
    await b.kill();

    const again = await launch();
    await again.openExtensionPage('options.html');
    const file = await ask(again, { type: 'export', format: 'json' });
    assert.equal(file?.type, 'file', `the store opens: ${JSON.stringify(file).slice(0, 300)}`);
    const [alice] = JSON.parse(file.text).people;
    const numbers = alice.notes.map((note) => {
      const [, n, rest] = note.text.match(/^note (\d+) (x*)$/) ?? [];
      assert.equal(rest, FILLER, `note ${n} whole: ${note.text.slice(0, 40)}…`);
      return Number(n);
    });
    assert.ok(numbers.length >= acked, `all ${acked} acknowledged notes kept (found ${numbers.length})`);
    assert.deepEqual(numbers, numbers.map((_, i) => i), 'in order, none twice, none missing before the last');
    t.diagnostic(`acknowledged before the kill: ${acked}; found after the restart: ${numbers.length}`);
  });
}
