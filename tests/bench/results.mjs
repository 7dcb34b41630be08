// The results view (issue 23) over the synthetic record of
// tests/bench/storage.mjs (5,000 people, 100,000 interactions), imported
// into the built extension in headless Chromium: `results` asked from the
// options page, warm, 10 times (the background reading the digests and
// computing every figure), then the popup's Results opened 5 times, from
// the click to the view drawn (asked, decoded, charts and tables laid out).
// Run by hand: node tests/bench/results.mjs. Nothing here asserts a time.
/* global performance, MutationObserver, document */
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';
import { syntheticExport } from './storage.mjs';

async function timed(message) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const t0 = performance.now();
  const answer = await ext.runtime.sendMessage(message);
  return { ms: performance.now() - t0, type: answer?.type, message: answer?.message };
}

/** In the popup: open Results and wait for the view. */
function opened() {
  return new Promise((resolve) => {
    const details = document.querySelector('details.results');
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (details.querySelector('.results-view')) {
        seen.disconnect();
        resolve(performance.now() - t0);
      }
    });
    seen.observe(details, { childList: true, subtree: true });
    details.open = true;
  });
}

const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`;
};

const data = syntheticExport();
const s = await launchChromium({ extensionDir: BUILDS.chromium });
try {
  await s.openExtensionPage('options.html');
  const imported = await s.page.evaluate(timed, { type: 'import', text: data.text, mode: 'replace' });
  if (imported.type !== 'done') throw new Error(`import failed: ${imported.message}`);
  console.error(`imported in ${Math.round(imported.ms)} ms`);
  const trips = [];
  for (let i = 0; i < 11; i++) {
    const r = await s.page.evaluate(timed, { type: 'results' });
    if (r.type !== 'results') throw new Error(`results failed: ${r.message}`);
    if (i > 0) trips.push(r.ms); // the first warms the background up
  }
  console.log(`results round trip from the options page: ${summary(trips)} (10 warm runs)`);
  const views = [];
  for (let i = 0; i < 5; i++) {
    await s.openExtensionPage('popup.html');
    await s.page.waitForSelector('details.results');
    views.push(await s.page.evaluate(opened));
  }
  console.log(`popup Results, click to drawn: ${summary(views)} (5 popups)`);
} finally {
  await s.close();
}
