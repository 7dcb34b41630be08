// Time from a profile rendering to Kindling's card painted over it (issue 6),
// on the X fixture in headless Chromium with the built extension. Two ways
// in: following a link from the home timeline (the site's own navigation,
// no page load) and loading the profile directly. t0 is when the profile's
// header (X's [data-testid="UserName"] naming the account) enters the page;
// t1 is the overlay's `kindling-card-painted#x/<handle>` mark (the first
// animation frame after that account's card is drawn). Both are read as performance.timeOrigin +
// a high-resolution time, one clock for page and frame.
// Run by hand: node tests/bench/card.mjs [--runs=20] [--extension=<unpacked dir>, dist/chrome
// if not given: to compare builds]. Nothing here asserts a time.
/* global window, document, performance, MutationObserver */
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';

const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(option('runs') ?? 20);
const EXTENSION = option('extension') ?? BUILDS.chromium;

function recordProfileHeaders() {
  const seen = {};
  window.__kindlingProfileAt = seen;
  new MutationObserver(() => {
    for (const header of document.querySelectorAll('[data-testid="UserName"]')) {
      const handle = header.textContent.match(/@(\w+)/)?.[1];
      if (handle && !(handle in seen)) seen[handle] = performance.timeOrigin + performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function paintedAt(session, handle) {
  const css = `iframe[data-kindling][data-account="x/${handle}"]`;
  await session.page.waitForSelector(css, { state: 'attached', timeout: 10000 });
  const frame = await (await session.page.$(css)).contentFrame();
  const mark = `kindling-card-painted#x/${handle}`;
  await frame.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 10000 });
  if (process.env.BREAKDOWN) {
    console.error(await frame.evaluate((name) => {
      const at = (n) => Math.round(performance.getEntriesByName(n).at(-1)?.startTime ?? -1);
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      const nav = performance.getEntriesByType('navigation')[0];
      return `frame: html ${Math.round(nav.responseEnd)} ms, wasm fetched ${Math.round(wasm?.responseEnd ?? -1)}, `
        + `core ready ${at('kindling-core-ready')}, painted ${at(name)}`;
    }, mark));
  }
  return frame.evaluate((name) => performance.timeOrigin + performance.getEntriesByName(name).at(-1).startTime, mark);
}

async function once(session, handle, viaLink) {
  if (viaLink) {
    await session.page.goto('https://x.com/home');
    await session.page.waitForTimeout(500);
    await session.page.click(`article a[href="/${handle}"][role="link"]:not([aria-hidden]) >> visible=true`);
  } else {
    await session.page.goto(`https://x.com/${handle}`);
  }
  const painted = await paintedAt(session, handle);
  const rendered = await session.page.evaluate((h) => window.__kindlingProfileAt[h], handle);
  return painted - rendered;
}

const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)}`;
};

const session = await launchChromium({ extensionDir: EXTENSION });
try {
  await session.context.addInitScript(recordProfileHeaders);
  for (const [how, viaLink] of [['following a link (SPA)', true], ['loading the profile', false]]) {
    const times = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const ms = await once(session, i % 2 ? 'alice' : 'dave', viaLink);
      if (i >= 2) times.push(ms); // two warm-ups
    }
    console.log(`profile rendered → card painted, ${how}: ${stats(times)} (${RUNS} runs)`);
  }
} finally {
  await session.close();
}
