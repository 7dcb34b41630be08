// The popup opening over a heavy record (issue 7): the synthetic record of
// tests/bench/storage.mjs (5,000 people, 100,000 interactions) imported
// into the built extension in headless Chromium, then popup.html opened 11
// times (the first warms the background). The time is the popup's own
// `kindling-popup-drawn` mark: from its navigation start to Recently,
// Today and the recording switches all drawn. Run by hand:
// node tests/bench/popup.mjs [--cold]. With --cold the background is
// stopped before each open, as the browser stops it after 30 s without a
// message: the popup then waits for it to start and read its digests back.
// Nothing here asserts a time.
/* global performance */
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';
import { syntheticExport } from './storage.mjs';

const cold = process.argv.includes('--cold');
const data = syntheticExport();
const s = await launchChromium({ extensionDir: BUILDS.chromium });
try {
  await s.openExtensionPage('options.html');
  const imported = await s.page.evaluate((text) => (globalThis.browser ?? globalThis.chrome).runtime
    .sendMessage({ type: 'import', text, mode: 'replace' }), data.text);
  if (imported?.type !== 'done') throw new Error(`import failed: ${JSON.stringify(imported?.message)}`);
  const times = [];
  for (let i = 0; i < 11; i++) {
    if (cold) {
      // Away from the popup first: none of its requests is cut off by the stop.
      await s.page.goto('about:blank');
      await s.stopBackground();
    }
    await s.page.goto(`${s.extensionOrigin}/popup.html`);
    await s.page.waitForFunction(() => performance.getEntriesByName('kindling-popup-drawn').length > 0, null, { timeout: 60000 });
    const ms = await s.page.evaluate(() => performance.getEntriesByName('kindling-popup-drawn')[0].startTime);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(`popup drawn over 5,000 people / 100,000 interactions: median ${times[5].toFixed(0)} ms, `
    + `min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (10 ${cold ? 'cold' : 'warm'} opens)`);
} finally {
  await s.close();
}
