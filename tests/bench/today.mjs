// Today's agenda in the extension (issue 5): the synthetic record of
// tests/bench/storage.mjs (5,000 people, 100,000 interactions) imported into
// the built extension in headless Chromium, then `today` asked from the
// options page, warm, 10 times. Each round trip is the background reading
// every person and interaction from IndexedDB plus the pacing engine in
// wasm. Run by hand: node tests/bench/today.mjs. Nothing here asserts a time.
/* global performance */
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';
import { syntheticExport } from './storage.mjs';

async function timed(message) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const t0 = performance.now();
  const answer = await ext.runtime.sendMessage(message);
  return { ms: performance.now() - t0, type: answer?.type, items: answer?.items?.length, message: answer?.message };
}

const data = syntheticExport();
const s = await launchChromium({ extensionDir: BUILDS.chromium });
try {
  await s.openExtensionPage('options.html');
  const imported = await s.page.evaluate(timed, { type: 'import', text: data.text, mode: 'replace' });
  if (imported.type !== 'done') throw new Error(`import failed: ${imported.message}`);
  console.error(`imported in ${Math.round(imported.ms)} ms`);
  const times = [];
  let items = 0;
  for (let i = 0; i < 11; i++) {
    const r = await s.page.evaluate(timed, { type: 'today' });
    if (r.type !== 'today') throw new Error(`today failed: ${r.message}`);
    if (i > 0) times.push(r.ms); // the first warms the background up
    items = r.items;
  }
  times.sort((a, b) => a - b);
  console.log(`today over 5,000 people / 100,000 interactions, round trip from the options page: median ${times[5].toFixed(0)} ms, `
    + `min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (10 warm runs, ${items} lines)`);
} finally {
  await s.close();
}
