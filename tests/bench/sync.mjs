// Sync's costs (issue 24) in the built extension, headless Chromium (its
// `storage.sync` works signed out, as a local area): turning sync on (the
// key derived with Argon2id, 19 MiB, 2 passes, in the background's wasm,
// then a first round), then a round with nothing changed, then the same over
// the synthetic record of tests/bench/storage.mjs (5,000 people, 100,000
// interactions; the people not tracked are left out to fit, as docs/sync.md
// says). Each timed from the options page's request to its answer.
// Run by hand: node tests/bench/sync.mjs. Nothing here asserts a time.
/* global performance */
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';
import { syntheticExport } from './storage.mjs';

async function timed(message) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const t0 = performance.now();
  const answer = await ext.runtime.sendMessage(message);
  return { ms: performance.now() - t0, type: answer?.type, answer: JSON.stringify(answer).slice(0, 300) };
}

async function step(s, what, message, want) {
  const r = await s.page.evaluate(timed, message);
  if (r.type !== want) throw new Error(`${what}: ${r.answer}`);
  console.log(`${what}: ${Math.round(r.ms)} ms`);
  return r;
}

const s = await launchChromium({ extensionDir: BUILDS.chromium });
try {
  await s.openExtensionPage('options.html');
  await step(s, 'sync on, empty record (Argon2id + first round)', { type: 'sync_on', passphrase: 'a long walk to the coffee place', remember: true }, 'sync');
  for (let i = 0; i < 3; i++) await step(s, 'a round, nothing changed', { type: 'sync_now' }, 'sync');
  await step(s, 'sync off', { type: 'sync_off' }, 'sync');
  const data = syntheticExport();
  await step(s, 'import 5,000 people, 100,000 interactions', { type: 'import', text: data.text, mode: 'replace' }, 'done');
  await step(s, 'sync on, large record (Argon2id + first round)', { type: 'sync_on', passphrase: 'a long walk to the coffee place', remember: true }, 'sync');
  for (let i = 0; i < 3; i++) await step(s, 'a round over the large record, nothing changed', { type: 'sync_now' }, 'sync');
} finally {
  await s.close();
}
