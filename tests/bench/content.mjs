// Content-script benchmark of Kindling on a heavy X feed (issue 4). Run by hand, not part of the
// test suite:
//
//   node tests/bench/content.mjs                 # 2 runs; Markdown tables on stdout, progress on stderr
//   node tests/bench/content.mjs --runs=3 --clicks=100 --loads=10 --json=content.json
//   node tests/bench/content.mjs --loads-only [--no-content-script]   # page loads only; the
//                                  extension without its content script isolates the background's share
//   node tests/bench/content.mjs --loads-only --content-script=<file>   # the same with a stand-in script
//   node tests/bench/content.mjs --loads-only --run-at=document_end       # injected at another moment
//   node tests/bench/content.mjs --loads-only --extension=<dir>           # another extension (loads only)
//   node tests/bench/content.mjs --loads-only --baseline=<dir>            # "without" = that extension, not none
//
// Headless Chromium (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core, two persistent
// contexts side by side, launched with the same flags as tests/harness/chromium.mjs: one with the
// built extension (dist/chrome, copied once at the start so a rebuild during the run changes
// nothing), one without any extension. Both get the heavy feed of tests/bench/feed/ (500 X-like
// posts, a post appended and one removed, counters changed and a <style> put into <head> every
// 50 ms) on https://x.com/bench-feed through context.route, with the fixtures' strict CSP (but
// style-src 'unsafe-inline', as x.com allows, so the <head> styles are real). Nothing leaves the
// machine: every other request is refused.
//
// Times come from Chrome traces (CDP Tracing, category devtools.timeline): every call into the
// content script (an event listener, a MutationObserver callback, a timer) is a FunctionCall event
// whose data.url is one of its files, chrome-extension://<id>/content/<file>.js (the manifest's
// content_scripts list); its evaluation at load is an EvaluateScript event per file. Each is read as the thread's CPU time (the event's tdur) and as elapsed
// time (dur): on a shared machine the elapsed time also counts waiting for a core, the CPU time
// does not, so the CPU figures are the ones compared with the targets. Measured, per run:
//   1. per engagement (measureClicks): CLICKS trusted clicks (CDP mouse events) on like buttons,
//      200 ms apart; per click, the content script's time on the page's main thread (its capture
//      click listener + the MutationObserver that waits for the like → unlike flip, and anything
//      else of it in the 150 ms after the click except the <head> observer, counted in 4), and,
//      with and without the extension, the click's EventDispatch and the main thread's busy time
//      (top-level tasks) in those 150 ms;
//   2. evaluation at load (measureEvaluation): EvaluateScript of the content script's files (their
//      sum per load) over LOADS loads;
//   3. page load (measureLoads): LOADS + LOADS loads alternating with / without the extension,
//      loadEventEnd and domContentLoadedEventEnd from navigation timing;
//   4. continuous mutation (measureMutation): 10 s of the changing feed, nobody clicking; the
//      content script's CPU time (all its FunctionCalls, the <head> MutationObserver's included).
// Nothing here asserts a time: the figures are for docs/benchmarks.md.
/* global document, performance */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// --feed-query=posts=20&tick=3600000: the feed's knobs (feed.js), e.g. a light or a still page.
const FEED_URL = `https://x.com/bench-feed${process.argv.find((a) => a.startsWith('--feed-query=')) ? `?${process.argv.find((a) => a.startsWith('--feed-query=')).slice('--feed-query='.length)}` : ''}`;

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v = 'true'] = a.replace(/^--/, '').split('='); return [k, v]; }));
const RUNS = Number(args.runs ?? 2);
const CLICKS = Number(args.clicks ?? 100);
const LOADS = Number(args.loads ?? 10);
const CLICK_GAP_MS = 200;
const CLICK_WINDOW_MS = 150;
const MUTATION_S = 10;

const log = (...m) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Serving the feed, launching the two contexts
// ---------------------------------------------------------------------------------------------

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "frame-src 'none'", "object-src 'none'", "base-uri 'none'",
].join('; ');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const FEED = Object.fromEntries(['index.html', 'feed.js', 'feed.css'].map((f) => [f, fs.readFileSync(path.join(HERE, 'feed', f))]));

/** The response for a request: the feed's files on x.com, nothing else. */
function feedResponse(url) {
  if (url.protocol !== 'https:' || url.hostname !== 'x.com') return null;
  const file = url.pathname.startsWith('/__bench__/') ? path.basename(url.pathname) : 'index.html';
  if (!FEED[file]) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  return { status: 200, headers: { 'content-type': TYPES[path.extname(file)], 'content-security-policy': CSP }, body: FEED[file] };
}

/** A persistent context with the harness's flags, with the extension in extensionDir or none. */
async function launch(extensionDir) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-content-'));
  const extensionArgs = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [...extensionArgs, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const blocked = [];
  await context.route(/^https?:\/\//, (route) => {
    const url = new URL(route.request().url());
    const response = feedResponse(url);
    if (response) return route.fulfill(response);
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  // The URLs of the content script's files (none without the extension or its content script).
  let contentUrls = new Set();
  const manifest = extensionDir && JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  if (manifest?.background?.service_worker) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const origin = worker.url().split('/').slice(0, 3).join('/');
    contentUrls = new Set((manifest.content_scripts ?? []).flatMap((script) => script.js).map((file) => `${origin}/${file}`));
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  return {
    context, page, cdp, contentUrls, blocked,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Load the feed and wait until the content script (if any) has its rules and watches <head>. */
async function loadFeed(session) {
  await session.page.goto('about:blank');
  await session.page.goto(FEED_URL, { waitUntil: 'load' });
  await sleep(1000);
}

// ---------------------------------------------------------------------------------------------
// Traces
// ---------------------------------------------------------------------------------------------

const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8', 'disabled-by-default-devtools.timeline', '__metadata'];

/** Trace what `work` does; the trace's events. */
async function traced(session, work) {
  const { cdp } = session;
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } });
  try {
    await work();
  } finally {
    await cdp.send('Tracing.end');
  }
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const text = chunks.join('');
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** The feed page's renderer main thread: where feed.js runs. */
function mainThread(events) {
  const e = events.find((ev) => ev.name === 'FunctionCall' && ev.args?.data?.url?.startsWith('https://x.com/'))
    ?? events.find((ev) => ev.name === 'EvaluateScript' && ev.args?.data?.url?.startsWith('https://x.com/'));
  if (!e) throw new Error('no event of the feed page in the trace');
  return { pid: e.pid, tid: e.tid };
}

const on = (thread) => (e) => e.pid === thread.pid && e.tid === thread.tid;
const interval = (e) => [e.ts / 1000, (e.ts + (e.dur ?? 0)) / 1000]; // ms, wall clock
/** The thread's CPU time in an event (ms): tdur, which the machine's other load does not inflate. */
const cpu = (e) => (e.tdur ?? e.dur ?? 0) / 1000;

/** The events not nested in an earlier one of the list (all on one thread). */
function outermost(events) {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const out = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}
const cpuSum = (events) => outermost(events).reduce((t, e) => t + cpu(e), 0);

/** Total length (ms) of the union of intervals, clipped to [from, to]. */
function unionMs(intervals, from = -Infinity, to = Infinity) {
  const clipped = intervals.map(([a, b]) => [Math.max(a, from), Math.min(b, to)]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** Top-level tasks of a thread (scheduler tasks). */
function tasks(events, thread) {
  return outermost(events.filter((e) => on(thread)(e) && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')));
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
}
const median = (v) => quantile(v, 0.5);
const p95 = (v) => quantile(v, 0.95);
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;

// ---------------------------------------------------------------------------------------------
// 1. Per engagement
// ---------------------------------------------------------------------------------------------

/** Click the like buttons of the first `count` posts, one every CLICK_GAP_MS, with trusted mouse events. */
async function clickLikes(page, count) {
  for (let i = 0; i < count; i++) {
    const box = await page.evaluate((index) => {
      const button = document.querySelectorAll('article[data-testid="tweet"]')[index].querySelector('[data-testid="like"]');
      button.scrollIntoView({ block: 'center' });
      const r = button.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, i);
    await sleep(50); // the scroll's frame is drawn before the click
    await page.mouse.click(box.x, box.y);
    await sleep(CLICK_GAP_MS - 50);
  }
  await sleep(300);
}

/** Per click: the content script's time, the click's dispatch and the main thread's busy time. */
function perClick(events, contentUrls) {
  const thread = mainThread(events);
  const clicks = events.filter((e) => on(thread)(e) && e.name === 'EventDispatch' && e.args?.data?.type === 'click')
    .sort((a, b) => a.ts - b.ts);
  const busy = tasks(events, thread);
  const within = (list, from, to) => list.filter((e) => e.ts / 1000 >= from && e.ts / 1000 < to);
  const ours = events.filter((e) => on(thread)(e) && e.name === 'FunctionCall' && contentUrls.has(e.args?.data?.url));
  const head = new Set(['schedule', 'lookAgain', 'evaluatePage']); // the <head> observer and its timer: measured in 4
  const perClickCalls = ours.filter((e) => !head.has(e.args.data.functionName));
  return clicks.map((click) => {
    const [from] = interval(click);
    const to = from + CLICK_WINDOW_MS;
    const [dFrom, dTo] = interval(click);
    const inDispatch = within(perClickCalls, dFrom, dTo);
    const after = within(perClickCalls, dTo, to);
    return {
      content: cpuSum([...inDispatch, ...after]),
      contentWall: unionMs([...inDispatch, ...after].map(interval), from, to),
      listener: cpuSum(inDispatch),
      afterwards: cpuSum(after),
      calls: inDispatch.length + after.length,
      names: [...inDispatch, ...after].map((e) => e.args.data.functionName || `(anonymous:${e.args.data.lineNumber})`),
      each: [...inDispatch, ...after].map((e) => [e.args.data.functionName || `(anonymous:${e.args.data.lineNumber})`, cpu(e)]),
      dispatch: cpu(click),
      busy: cpuSum(within(busy, from, to)),
    };
  });
}

async function measureClicks(withExt, withoutExt) {
  const result = {};
  for (const [name, session] of [['with', withExt], ['without', withoutExt]]) {
    await loadFeed(session);
    const events = await traced(session, () => clickLikes(session.page, CLICKS));
    const liked = await session.page.locator('[data-testid="unlike"]').count();
    await session.page.goto('about:blank');
    const rows = perClick(events, session.contentUrls);
    if (rows.length !== CLICKS) log(`  ${name}: ${rows.length} click dispatches traced for ${CLICKS} clicks`);
    result[name] = { rows, liked };
  }
  const rows = result.with.rows;
  const names = {};
  for (const r of rows) for (const n of r.names) names[n] = (names[n] ?? 0) + 1;
  return {
    liked: `${result.with.liked} / ${result.without.liked}`,
    contentMedian: median(rows.map((r) => r.content)),
    contentP95: p95(rows.map((r) => r.content)),
    contentMax: Math.max(...rows.map((r) => r.content)),
    contentWallMedian: median(rows.map((r) => r.contentWall)),
    contentWallP95: p95(rows.map((r) => r.contentWall)),
    listenerMedian: median(rows.map((r) => r.listener)),
    afterMedian: median(rows.map((r) => r.afterwards)),
    callsPerClick: mean(rows.map((r) => r.calls)),
    functions: names,
    slowest: [...rows].sort((a, b) => b.content - a.content).slice(0, 8).map((r) => r.each),
    dispatchWith: median(rows.map((r) => r.dispatch)),
    dispatchWithout: median(result.without.rows.map((r) => r.dispatch)),
    busyWith: median(rows.map((r) => r.busy)),
    busyWithout: median(result.without.rows.map((r) => r.busy)),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Evaluation at load
// ---------------------------------------------------------------------------------------------

async function measureEvaluation(withExt) {
  const evaluations = [];
  const walls = [];
  const compiles = [];
  for (let i = 0; i < LOADS; i++) {
    const events = await traced(withExt, () => loadFeed(withExt));
    const thread = mainThread(events);
    // One evaluation of each of the content script's files.
    const evaluation = events.filter((e) => on(thread)(e) && e.name === 'EvaluateScript' && withExt.contentUrls.has(e.args?.data?.url));
    if (evaluation.length !== withExt.contentUrls.size) {
      throw new Error(`load ${i}: ${evaluation.length} evaluations of the content script's ${withExt.contentUrls.size} files traced`);
    }
    evaluations.push(evaluation.reduce((t, e) => t + cpu(e), 0));
    walls.push(evaluation.reduce((t, e) => t + e.dur / 1000, 0));
    const compile = events.filter((e) => on(thread)(e) && e.name === 'v8.compile' && withExt.contentUrls.has(e.args?.data?.url));
    compiles.push(compile.reduce((t, e) => t + cpu(e), 0));
  }
  await withExt.page.goto('about:blank');
  return {
    evalMedian: median(evaluations), evalMax: Math.max(...evaluations), evalAll: evaluations,
    evalWallMedian: median(walls), evalWallMax: Math.max(...walls), compileMedian: median(compiles),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Page load with and without the extension
// ---------------------------------------------------------------------------------------------

async function navigationTiming(page) {
  await page.goto('about:blank');
  await page.goto(FEED_URL, { waitUntil: 'load' });
  for (;;) {
    const t = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { load: n.loadEventEnd, dcl: n.domContentLoadedEventEnd };
    });
    if (t.load > 0) return t;
    await sleep(20);
  }
}

async function measureLoads(withExt, withoutExt) {
  const timings = { with: [], without: [] };
  await navigationTiming(withExt.page); // warm-up, not counted
  await navigationTiming(withoutExt.page);
  for (let i = 0; i < LOADS; i++) {
    // Alternate which goes first; the other context sits on about:blank meanwhile.
    const order = i % 2 ? [['without', withoutExt], ['with', withExt]] : [['with', withExt], ['without', withoutExt]];
    for (const [name, session] of order) {
      timings[name].push(await navigationTiming(session.page));
      await session.page.goto('about:blank');
      await sleep(200);
    }
  }
  const m = (name, key) => median(timings[name].map((t) => t[key]));
  return {
    loadWith: m('with', 'load'), loadWithout: m('without', 'load'), loadRatio: m('with', 'load') / m('without', 'load'),
    dclWith: m('with', 'dcl'), dclWithout: m('without', 'dcl'), dclRatio: m('with', 'dcl') / m('without', 'dcl'),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Continuous mutation
// ---------------------------------------------------------------------------------------------

async function measureMutation(withExt) {
  await loadFeed(withExt);
  await sleep(1000);
  const events = await traced(withExt, () => sleep(MUTATION_S * 1000));
  const ticks = await withExt.page.evaluate(() => document.head.querySelectorAll('style').length);
  await withExt.page.goto('about:blank');
  const thread = mainThread(events);
  const calls = events.filter((e) => on(thread)(e) && e.name === 'FunctionCall');
  const ours = calls.filter((e) => withExt.contentUrls.has(e.args?.data?.url));
  const page = calls.filter((e) => e.args?.data?.url?.startsWith('https://x.com/'));
  const byName = {};
  for (const e of ours) {
    const n = e.args.data.functionName || `(anonymous:${e.args.data.lineNumber})`;
    byName[n] = (byName[n] ?? 0) + 1;
  }
  const span = (Math.max(...events.map((e) => e.ts)) - Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts))) / 1e6;
  const seconds = Math.min(span, MUTATION_S);
  return {
    observerMsPerS: cpuSum(ours) / seconds,
    observerWallMsPerS: unionMs(ours.map(interval)) / seconds,
    observerCallsPerS: ours.length / seconds,
    observerMeanUs: ours.length ? (cpuSum(ours) / ours.length) * 1000 : 0,
    observerFunctions: byName,
    pageScriptMsPerS: cpuSum(page) / seconds,
    mainBusyMsPerS: cpuSum(tasks(events, thread)) / seconds,
    mainBusyWallMsPerS: unionMs(tasks(events, thread).map(interval)) / seconds,
    headStyles: ticks,
  };
}

// ---------------------------------------------------------------------------------------------
// Runs and the report
// ---------------------------------------------------------------------------------------------

async function run(index, extensionDir) {
  log(`run ${index + 1}: launching`);
  const withExt = await launch(extensionDir);
  // --baseline=<dir>: compare with that extension (e.g. one whose content script is empty) instead of none.
  const withoutExt = await launch(args.baseline ?? null);
  try {
    if (args['loads-only']) {
      log(`run ${index + 1}: ${LOADS}+${LOADS} alternating loads`);
      return await measureLoads(withExt, withoutExt);
    }
    log(`run ${index + 1}: ${CLICKS} clicks, with and without the extension`);
    const clicks = await measureClicks(withExt, withoutExt);
    log(`run ${index + 1}: ${LOADS} traced loads`);
    const evaluation = await measureEvaluation(withExt);
    log(`run ${index + 1}: ${LOADS}+${LOADS} alternating loads`);
    const loads = await measureLoads(withExt, withoutExt);
    log(`run ${index + 1}: ${MUTATION_S} s of mutation`);
    const mutation = await measureMutation(withExt);
    const blocked = [...withExt.blocked, ...withoutExt.blocked];
    if (blocked.length) log(`run ${index + 1}: requests refused: ${[...new Set(blocked)].join(', ')}`);
    return { ...clicks, ...evaluation, ...loads, ...mutation };
  } finally {
    await withExt.close();
    await withoutExt.close();
  }
}

// CPU: the main thread's CPU time (trace tdur); wall: elapsed time (trace dur), which includes
// waiting for a core when the machine is busy.
const ROWS = [
  ['Per click: content script, CPU, median (ms)', 'contentMedian', 3, '≤ 1 ms'],
  ['Per click: content script, CPU, p95 (ms)', 'contentP95', 3, '≤ 1 ms'],
  ['Per click: content script, CPU, max (ms)', 'contentMax', 3, ''],
  ['… of which click listener, CPU, median (ms)', 'listenerMedian', 3, ''],
  ['… of which after the click (toggle observer, report), CPU, median (ms)', 'afterMedian', 3, ''],
  ['Per click: content script, wall, median (ms)', 'contentWallMedian', 3, ''],
  ['Per click: content script, wall, p95 (ms)', 'contentWallP95', 3, ''],
  ['Per click: content-script calls (mean)', 'callsPerClick', 1, ''],
  ['Click EventDispatch with extension, CPU, median (ms)', 'dispatchWith', 3, ''],
  ['Click EventDispatch without extension, CPU, median (ms)', 'dispatchWithout', 3, ''],
  [`Main-thread CPU in the ${CLICK_WINDOW_MS} ms after a click, with, median (ms)`, 'busyWith', 2, ''],
  [`Main-thread CPU in the ${CLICK_WINDOW_MS} ms after a click, without, median (ms)`, 'busyWithout', 2, ''],
  ['Likes shown after the clicks (with / without)', 'liked', null, ''],
  ['Content script EvaluateScript at load (its files summed), CPU, median (ms)', 'evalMedian', 3, '≤ 2 ms'],
  ['Content script EvaluateScript at load (its files summed), CPU, max (ms)', 'evalMax', 3, '≤ 2 ms'],
  ['Content script EvaluateScript at load (its files summed), wall, median (ms)', 'evalWallMedian', 3, ''],
  ['Content script EvaluateScript at load (its files summed), wall, max (ms)', 'evalWallMax', 3, ''],
  ['… v8.compile of its files, CPU, median (ms)', 'compileMedian', 3, ''],
  ['loadEventEnd with extension, median (ms)', 'loadWith', 1, ''],
  ['loadEventEnd without extension, median (ms)', 'loadWithout', 1, ''],
  ['loadEventEnd ratio with / without', 'loadRatio', 3, '≤ 1.05'],
  ['DOMContentLoaded end with extension, median (ms)', 'dclWith', 1, ''],
  ['DOMContentLoaded end without extension, median (ms)', 'dclWithout', 1, ''],
  ['DOMContentLoaded ratio with / without', 'dclRatio', 3, ''],
  ['Mutation: content script, CPU (ms per s)', 'observerMsPerS', 3, ''],
  ['Mutation: content script, wall (ms per s)', 'observerWallMsPerS', 3, ''],
  ['Mutation: content-script calls per s', 'observerCallsPerS', 1, ''],
  ['Mutation: mean CPU per call (µs)', 'observerMeanUs', 1, ''],
  ['Mutation: the page\'s own script, CPU (ms per s)', 'pageScriptMsPerS', 1, ''],
  ['Mutation: main thread, CPU (ms per s)', 'mainBusyMsPerS', 1, ''],
  ['Mutation: main thread, wall (ms per s)', 'mainBusyWallMsPerS', 1, ''],
];

function report(results) {
  const head = ['Measure', ...results.map((_, i) => `Run ${i + 1}`), 'Spread', 'Target'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const [label, key, digits, target] of ROWS) {
    const values = results.map((r) => r[key]);
    if (values.some((v) => v === undefined)) continue; // not measured in this mode
    const cells = values.map((v) => (digits === null ? String(v) : v.toFixed(digits)));
    let spread = '';
    if (digits !== null && values.length > 1) {
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      spread = `${(hi - lo).toFixed(digits)} (${lo ? (((hi - lo) / lo) * 100).toFixed(0) : '–'} %)`;
    }
    lines.push(`| ${label} | ${cells.join(' | ')} | ${spread} | ${target} |`);
  }
  if (args['loads-only']) return lines.join('\n');
  lines.push('', 'Content-script functions called per click (run 1): ' + JSON.stringify(results[0].functions));
  lines.push('Content-script functions called during the mutation window (run 1): ' + JSON.stringify(results[0].observerFunctions));
  lines.push('Content script EvaluateScript per load, its files summed (run 1, ms): ' + results[0].evalAll.map((v) => v.toFixed(3)).join(', '));
  return lines.join('\n');
}

function machine() {
  const model = os.cpus()[0]?.model ?? 'unknown';
  let version = 'unknown';
  try {
    version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* keep unknown */ }
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${version}; ${os.type()} ${os.release()}; Node ${process.version}; load average at the end ${load}; ${new Date().toISOString().slice(0, 10)}`;
}

async function main() {
  const source = args.extension ?? path.join(ROOT, 'dist', 'chrome');
  if (!fs.existsSync(path.join(source, 'manifest.json'))) throw new Error('no dist/chrome: run ./build.sh first');
  const extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-ext-'));
  fs.cpSync(source, extensionDir, { recursive: true });
  if (args['content-script']) {
    // A stand-in content script (a diagnosis: which part of it costs a load): one file, in place of
    // the content script's files.
    fs.copyFileSync(args['content-script'], path.join(extensionDir, 'stand-in.js'));
    const manifestPath = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    for (const script of manifest.content_scripts) script.js = ['stand-in.js'];
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  if (args['run-at']) {
    // The content script injected at another moment than the manifest's.
    const manifestPath = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    for (const script of manifest.content_scripts) script.run_at = args['run-at'];
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  if (args['no-content-script']) {
    // The extension without its content script: what its mere presence (the background) costs a load.
    const manifestPath = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    delete manifest.content_scripts;
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  try {
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await run(i, extensionDir));
    console.log(`Machine: ${machine()}\n`);
    console.log(report(results));
    if (args.json) fs.writeFileSync(args.json, JSON.stringify({ machine: machine(), results }, null, 2));
  } finally {
    fs.rmSync(extensionDir, { recursive: true, force: true });
  }
}

await main();
