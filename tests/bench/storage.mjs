// Storage benchmarks of Kindling (issue 3). Run by hand, not part of the test suite:
//
//   node tests/bench/storage.mjs > bench.md            # 2 runs, Chromium and Firefox, and a trace
//   node tests/bench/storage.mjs --runs=3 --browsers=chromium --no-storage --no-trace --json=bench.json
//
// Uses the built extension in dist/ (./build.sh first), copied once at the start so that a
// rebuild during the run changes nothing. Prints Markdown tables (one column per run, and the
// spread between runs) to stdout, progress to stderr. Nothing here asserts a time: the figures
// are for docs/benchmarks.md. Measured, in each browser:
//   1. a deterministic synthetic export (docs/export-format.md, version 1): 5,000 X accounts,
//      100,000 interactions over one year, generated here (syntheticExport);
//   2. import (replace) and export (json) of it, timed on the options page (measureImportExport);
//   3. bytes on disk: the extension's IndexedDB directory before and after the import, open, once
//      compaction has settled, and closed; and navigator.storage.estimate() (sessionImportColdStart);
//   4. cold start: stop the background, then time a `card` request (10 times), for the busiest
//      person and for a typical one; and the same requests warm (measureColdStart);
//   5. ingest from a benchmark content script on the x.com fixture, added to a copy of the build
//      as tests/e2e/isolation.test.mjs does: 50 single engagement round trips, 1,000 sequential
//      and 1,000 concurrent (sessionIngest, BENCH_CONTENT_SCRIPT);
//   6. Chromium only: IndexedDB against chrome.storage.local, in a throwaway extension writing and
//      reading the same 100,000 records (measureStorageComparison);
// and, in Chromium once, where the time of an import, export, card and ingest goes, from a copy
// whose background wraps the message listener and IndexedDB calls with timers (traceSession).
/* global performance, navigator */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUILDS as DIST } from '../harness/browsers.mjs';
import { chromium } from 'playwright-core';
import { launchChromium } from '../harness/chromium.mjs';
import { launchFirefox } from '../harness/firefox.mjs';
import { FIXTURE_HOSTS, fixtureResponse } from '../harness/fixtures.mjs';

const PEOPLE = 5000;
const INTERACTIONS = 100000;
const COLD_REPEATS = 10;
const SINGLE_SENDS = 50;
const BATCH = 1000;

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v = 'true'] = a.replace(/^--/, '').split('='); return [k, v]; }));
const RUNS = Number(args.runs ?? 2);
const BROWSER_NAMES = (args.browsers ?? 'chromium,firefox').split(',');
const log = (...m) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Other work on the machine skews every figure: each session waits (at most QUIET_MAX_MS) for
// the CPUs to be QUIET_IDLE idle over 5 s first, and the report shows how idle they were.
const QUIET_IDLE = Number(args['quiet-idle'] ?? 0.85);
const QUIET_MAX_MS = Number(args['quiet-max-min'] ?? 20) * 60000;
/** The builds used: dist/ copied once at the start. */
const BUILDS = {};

// ---------------------------------------------------------------------------------------------
// 1. The synthetic export
// ---------------------------------------------------------------------------------------------

/** A small seeded PRNG (mulberry32): the same file on every machine and run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jun', 'Kemal', 'Lea',
  'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomoko', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Abbott', 'Berg', 'Costa', 'Dlamini', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ito', 'Jansen',
  'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Rossi', 'Silva', 'Tanaka', 'Weber'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'dan', 'el', 'jo', 'max', 'an', 'be'];
// Kind, direction, share of all interactions, and whether the URL is a post or the profile.
const KINDS = [
  ['like', 'outbound', 0.52, 'post'], ['reply', 'outbound', 0.14, 'post'], ['repost', 'outbound', 0.05, 'post'],
  ['profile_visit', 'outbound', 0.16, 'profile'], ['mention', 'inbound', 0.06, 'post'],
  ['like', 'inbound', 0.05, 'post'], ['follow', 'outbound', 0.02, 'profile'],
];
const YEAR_END = Date.parse('2026-11-20T00:00:00Z');
const YEAR_MS = 365 * 24 * 3600 * 1000;
const TWITTER_EPOCH = 1288834974657n;

/**
 * The export file: PEOPLE X accounts and INTERACTIONS interactions over a year, a Zipf-like
 * share each (s = 0.7: the busiest person has about 2.5% of them). Returns the file's text, the
 * interactions, and the busiest and a median person's handles.
 */
export function syntheticExport(seed = 20261125) {
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const handles = new Set();
  const people = [];
  while (people.length < PEOPLE) {
    const handle = `${pick(SYLLABLES)}${pick(SYLLABLES)}${rnd() < 0.5 ? '_' : ''}${Math.floor(rnd() * 10000)}`;
    if (handles.has(handle)) continue;
    handles.add(handle);
    const i = people.length;
    people.push({
      id: `p:x:${handle}`,
      name: `${pick(FIRST)} ${pick(LAST)}`,
      identities: [{ site: 'x', handle, url: `https://x.com/${handle}` }],
      tracked: i % 50 === 0,
      created_at: new Date(YEAR_END - YEAR_MS + Math.floor((rnd() * YEAR_MS) / 4)).toISOString(),
      ...(i % 50 === 0 && { tags: ['close'], notes: [{ text: 'Met at a conference', created_at: '2026-03-01T09:00:00Z' }] }),
    });
  }
  const weights = people.map((_, k) => 1 / (k + 1) ** 0.7);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  weights.reduce((acc, w, k) => (cumulative[k] = acc + w / sum), 0);
  const whom = () => {
    const r = rnd();
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < r) lo = mid + 1; else hi = mid; }
    return people[lo];
  };
  const kindCumulative = [];
  KINDS.reduce((acc, k, i) => (kindCumulative[i] = acc + k[2]), 0);
  const hex8 = () => Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0');
  const ids = new Set();
  const interactions = [];
  while (interactions.length < INTERACTIONS) {
    const id = `i${hex8()}${hex8()}`; // as crate/src/ids.rs makes them
    if (ids.has(id)) continue;
    ids.add(id);
    const person = whom();
    const handle = person.identities[0].handle;
    const r = rnd();
    const [kind, direction, , target] = KINDS[kindCumulative.findIndex((c) => r < c)] ?? KINDS[0];
    const at = YEAR_END - Math.floor(rnd() * YEAR_MS);
    // A status id as X makes them: milliseconds since its epoch, shifted, plus 22 bits (19 digits).
    const status = ((BigInt(at) - TWITTER_EPOCH) << 22n) | BigInt(Math.floor(rnd() * 2 ** 22));
    interactions.push({
      id, person: person.id, site: 'x', kind, direction, at: new Date(at).toISOString(),
      url: target === 'post' ? `https://x.com/${handle}/status/${status}` : `https://x.com/${handle}`, handle,
    });
  }
  interactions.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  people.sort((a, b) => a.id.localeCompare(b.id));
  const counts = new Map();
  for (const i of interactions) counts.set(i.handle, (counts.get(i.handle) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const text = JSON.stringify({
    format: 'kindling-export', version: 1, exported_at: '2026-11-25T12:00:00.000Z', people, interactions,
    settings: { retention_months: null, keep_snippets: false },
  });
  return { text, interactions, top: ranked[0], typical: ranked[Math.floor(ranked.length / 2)] };
}

/** The same interactions as Kindling stores them in schema 2 (crate/src/store/codec.rs). */
export function storedRecords(interactions) {
  return interactions.map((i) => ({
    id: i.id, p: i.person, s: i.site, k: i.kind, d: i.direction === 'outbound' ? 0 : 1, t: Date.parse(i.at), u: i.url, h: i.handle,
  }));
}

// ---------------------------------------------------------------------------------------------
// Helpers: statistics, directories, the extension copies, the two browsers
// ---------------------------------------------------------------------------------------------

const quantile = (list, q) => {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (list) => quantile(list, 0.5);

/** The fraction of CPU time idle, machine-wide, over the next `ms` (from /proc/stat). */
async function idleFraction(ms = 5000) {
  const times = () => {
    const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: v[3] + (v[4] ?? 0), total: v.reduce((a, b) => a + b, 0) };
  };
  const a = times();
  await sleep(ms);
  const b = times();
  return (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/** Wait until the machine is quiet (see QUIET_IDLE); returns how idle it was when the session started. */
async function waitForQuiet(what) {
  const t0 = Date.now();
  let idle = await idleFraction();
  while (idle < QUIET_IDLE && Date.now() - t0 < QUIET_MAX_MS) {
    if ((Date.now() - t0) % 60000 < 5000) log(`${what}: waiting for a quiet machine (CPU ${fmt(100 * idle)}% idle, load ${fmt(os.loadavg()[0], 1)})`);
    idle = await idleFraction();
  }
  return idle;
}

/** Total size in bytes of the files under `dir` (0 if it does not exist). */
function dirBytes(dir) {
  if (!dir || !fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

/** The first directory under `root` whose name contains `needle` and whose path contains `inside`. */
function findDir(root, needle, inside) {
  if (!root || !fs.existsSync(root)) return null;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const p = path.join(root, entry.name);
    if (entry.name.includes(needle) && p.includes(inside)) return p;
    const deeper = findDir(p, needle, inside);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * Wait until the directory's size has not changed for `quiet` ms, at most `max` ms. Chromium's
 * LevelDB starts compacting a large write some seconds after it and may halve the directory.
 */
async function settle(dirOf, { quiet = 30000, max = 240000 } = {}) {
  const t0 = Date.now();
  let size = dirBytes(dirOf()), since = Date.now();
  while (Date.now() - since < quiet && Date.now() - t0 < max) {
    await sleep(500);
    const now = dirBytes(dirOf());
    if (now !== size) { size = now; since = Date.now(); }
  }
  return { bytes: size, waitedMs: Date.now() - t0 };
}

/**
 * Start Chromium again on a closed profile (the harness's flags), open `file` of the extension and
 * run `touch(touchArg)` there so the databases are opened, wait for the directories to settle, close. LevelDB
 * turns the log left at close into compressed tables when it opens; this is the size the data
 * keeps from then on.
 */
async function reopenChromium(profile, extensionDir, file, touch, touchArg, dirs) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`${worker.url().split('/').slice(0, 3).join('/')}/${file}`);
    await page.evaluate(touch, touchArg);
    for (const dir of dirs) await settle(() => dir);
  } finally {
    await context.close();
  }
  return dirs.map(dirBytes);
}

/** A copy of a build with changes: `files` added, `contentScript` appended to the content scripts, `background` replacing the Chromium service worker. */
function copyBuild(build, { files = {}, contentScript, background } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-'));
  fs.cpSync(build, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  if (contentScript) manifest.content_scripts[0].js.push(contentScript);
  if (background) manifest.background.service_worker = background;
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * One browser with Kindling: the harness session `s`, `run(fn, arg)` to run an async function in
 * the current tab, where the extension's IndexedDB is on disk, and `closeBrowser()` (Chromium keeps
 * the profile until `s.close()`, so the closed database can be measured). Firefox's harness runs
 * scripts through WebDriver, whose scripts time out: there the work is started and polled.
 */
async function launchKindling(name, extensionDir) {
  if (name === 'chromium') {
    const s = await launchChromium({ extensionDir });
    const id = s.extensionOrigin.split('//')[1];
    return {
      s,
      run: (fn, arg) => s.page.evaluate(fn, arg),
      idbDir: () => path.join(s.profile, 'Default', 'IndexedDB', `chrome-extension_${id}_0.indexeddb.leveldb`),
      closeBrowser: () => s.context.close(),
    };
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const s = await launchFirefox({
    extensionDir, handler: async (url) => fixtureResponse(url), hosts: Object.keys(FIXTURE_HOSTS),
    addonId: manifest.browser_specific_settings.gecko.id,
  });
  const uuid = s.extensionOrigin.split('//')[1];
  return {
    s,
    run: async (fn, arg) => {
      await s.execute(`window.__bench = undefined;
        (${fn})(arguments[0]).then((v) => { window.__bench = { v }; }, (e) => { window.__bench = { e: String(e) }; });`, arg);
      for (;;) {
        const out = await s.execute('return window.__bench ?? null');
        if (out) { if (out.e) throw new Error(out.e); return out.v; }
        await sleep(20);
      }
    },
    // <profile>/storage/default/moz-extension+++<uuid>^userContextId=…/idb (SQLite); the harness
    // deletes the profile when it closes, so there is no closed figure.
    idbDir: () => { const d = findDir(s._dir, `moz-extension+++${uuid}`, `${path.sep}storage${path.sep}default`); return d && path.join(d, 'idb'); },
    closeBrowser: () => s.close(),
    // Firefox stops an event page idle for extensions.background.idle.timeout (30 s), even with a
    // message still unanswered: raise it (chrome context, as the harness's stopBackground does).
    keepBackgroundAlive: async () => {
      await s._cmd('POST', '/moz/context', { context: 'chrome' });
      try {
        await s._cmd('POST', '/execute/sync', { script: "Services.prefs.setIntPref('extensions.background.idle.timeout', 600000);", args: [] });
      } finally {
        await s._cmd('POST', '/moz/context', { context: 'content' });
      }
    },
  };
}

// In-page functions, run on the options page.
/** Send one message and time its round trip; summarise a file instead of returning 20 MB. */
async function sendTimed(asked) {
  const ext = globalThis.browser ?? globalThis.chrome;
  // The tag first, as Kindling's pages send it (the core refuses it elsewhere): an argument passed
  // through WebDriver (Firefox) arrives with its keys sorted.
  const { type, ...fields } = asked;
  const message = { type, ...fields };
  const t0 = performance.now();
  const answer = await ext.runtime.sendMessage(message).catch((e) => ({ type: 'rejected', message: String(e) }));
  const ms = performance.now() - t0;
  if (answer?.type === 'file') {
    const parsed = JSON.parse(answer.text);
    return { ms, type: 'file', bytes: answer.text.length, people: parsed.people.length, interactions: parsed.interactions.length };
  }
  return { ms, type: answer?.type, message: answer?.message, card: answer?.card, status: answer?.status, people: answer?.people?.length };
}
/** Send one message, untimed. */
async function send(asked) {
  const { type, ...fields } = asked; // the tag first, as in sendTimed
  return (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type, ...fields });
}
async function storageUsage() {
  return (await navigator.storage.estimate()).usage;
}

/** Poll <html data-bench> on the current tab, where the bench content script puts its result. */
async function benchResult(s, { timeout = 15 * 60 * 1000 } = {}) {
  for (const t = Date.now(); Date.now() - t < timeout; await sleep(250)) {
    const out = await s.execute('return document.documentElement.dataset.bench ?? null');
    if (out) return JSON.parse(out);
  }
  throw new Error('the bench content script did not finish');
}

// ---------------------------------------------------------------------------------------------
// 2.–4. Import, export, bytes on disk, cold start (session A)
// ---------------------------------------------------------------------------------------------

/**
 * Import (replace) the file. In Firefox the first attempt, with the browser's defaults, is kept
 * as `failed` when it does not succeed, and the import is tried again with the background kept alive.
 */
async function importFile(k, text) {
  const message = { type: 'import', text, mode: 'replace' };
  let imported = await k.run(sendTimed, message);
  let failed = null;
  if (imported.type !== 'done' && k.keepBackgroundAlive) {
    failed = { ms: imported.ms, message: imported.message };
    log(`import failed after ${fmt(imported.ms)} ms: ${imported.message}; again with the background kept alive`);
    await k.keepBackgroundAlive();
    imported = await k.run(sendTimed, message);
  }
  if (imported.type !== 'done') throw new Error(`import failed: ${JSON.stringify(imported)}`);
  return { importMs: imported.ms, failed };
}

/** Import the file, then export it again, from the options page. */
async function measureImportExport(k, text) {
  const { importMs, failed } = await importFile(k, text);
  const exported = await k.run(sendTimed, { type: 'export', format: 'json' });
  if (exported.interactions !== INTERACTIONS || exported.people !== PEOPLE) {
    throw new Error(`the export has ${exported.people} people and ${exported.interactions} interactions`);
  }
  return { importMs, importFailed: failed, exportMs: exported.ms, exportBytes: exported.bytes };
}

/**
 * The requests the options page makes when it opens: `status` and `people` (it draws from these),
 * then `check` (the whole record read once); `status` and `people` again after every change.
 */
async function measureOptionsRequests(k) {
  const status = await k.run(sendTimed, { type: 'status' });
  const people = await k.run(sendTimed, { type: 'people' });
  const check = await k.run(sendTimed, { type: 'check' });
  for (const answer of [status.status, check.status]) {
    if (answer?.interactions !== INTERACTIONS || answer?.people !== PEOPLE) throw new Error(`status wrong: ${JSON.stringify([status, check])}`);
  }
  if (people.people !== PEOPLE) throw new Error(`people wrong: ${JSON.stringify(people)}`);
  return { statusMs: status.ms, peopleMs: people.ms, checkMs: check.ms };
}

/** Time `card` for `handle` COLD_REPEATS times with the background stopped before each, then as many times warm. */
async function measureColdStart(k, handle) {
  const card = { type: 'card', site: 'x', handle };
  const cold = [];
  let total;
  for (let i = 0; i < COLD_REPEATS; i++) {
    await k.s.stopBackground();
    await sleep(300);
    const r = await k.run(sendTimed, card);
    if (r.type !== 'card') throw new Error(`card failed: ${JSON.stringify(r)}`);
    cold.push(r.ms);
    total = r.card.total;
  }
  const warm = [];
  for (let i = 0; i < COLD_REPEATS; i++) warm.push((await k.run(sendTimed, card)).ms);
  return { cold, warm, total };
}

/**
 * Session A: the IndexedDB directory and storage estimate before the import, right after it,
 * and once compaction settled; export; cold and warm cards; then the browser closed and the
 * directory measured again (Chromium).
 */
async function sessionImportColdStart(name, data) {
  const idle = await waitForQuiet(`${name} session A`);
  const k = await launchKindling(name, BUILDS[name]);
  try {
    await k.s.openExtensionPage('options.html');
    await k.run(sendTimed, { type: 'status' }); // the database exists from here on
    const before = { dir: (await settle(k.idbDir, { quiet: 2000 })).bytes, usage: await k.run(storageUsage) };
    log(name, 'import and export');
    const io = await measureImportExport(k, data.text);
    const afterImport = { dir: dirBytes(k.idbDir()), usage: await k.run(storageUsage) };
    const settled = await settle(k.idbDir);
    settled.usage = await k.run(storageUsage);
    log(name, `settled after ${settled.waitedMs} ms; options page requests, cold start`);
    const options = await measureOptionsRequests(k);
    const top = await measureColdStart(k, data.top[0]);
    const typical = await measureColdStart(k, data.typical[0]);
    const dir = k.idbDir();
    await k.closeBrowser();
    let closed = null, reopened = null;
    if (name === 'chromium') {
      closed = dirBytes(dir);
      [reopened] = await reopenChromium(k.s.profile, BUILDS[name], 'popup.html', send, { type: 'card', site: 'x', handle: 'nobody' }, [dir]);
    }
    return { ...io, ...options, top, typical, before, afterImport, settled, closed, reopened, idle };
  } finally {
    await k.s.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Ingest from a content script (session B)
// ---------------------------------------------------------------------------------------------

/**
 * Runs on https://x.com/home?bench=<seed>&single=<n>&batch=<n>[&author=<handle>] only. Reports
 * likes of distinct posts by /user123 (or the author given) as Kindling's content script does
 * after a click, timing each round trip
 * (content script → background → durable IndexedDB write → answer); puts the result in
 * <html data-bench>.
 */
const BENCH_CONTENT_SCRIPT = `(async () => {
  const q = new URLSearchParams(location.search);
  if (!q.has('bench')) return;
  const seed = BigInt(q.get('bench')), singles = Number(q.get('single')), batch = Number(q.get('batch'));
  const author = q.get('author') ?? 'user123';
  const ext = globalThis.browser ?? globalThis.chrome;
  let n = 0;
  const report = () => ({
    type: 'engagement', url: 'https://x.com/home',
    facts: {
      control: 'like', before: { testid: 'like' }, after: { testid: 'unlike' },
      post: { author_href: '/' + author, author_name: author === 'user123' ? 'User 123' : author,
              permalink: '/' + author + '/status/' + (1900000000000000000n + seed * 1000000n + BigInt(++n)) },
      self_href: '/kindling_user', title: 'Home / X',
    },
  });
  const bad = [];
  const send = async () => {
    const t0 = performance.now();
    const answer = await ext.runtime.sendMessage(report()).catch((e) => ({ type: 'rejected', message: String(e) }));
    const ms = performance.now() - t0;
    if (answer?.result !== 'recorded') bad.push(answer);
    return ms;
  };
  await new Promise((r) => setTimeout(r, 1000)); // Kindling's own content script has asked its questions
  const out = { bad, warmup: await send(), single: [] };
  for (let i = 0; i < singles; i++) {
    out.single.push(await send());
    await new Promise((r) => setTimeout(r, 20));
  }
  if (batch) {
    let t0 = performance.now();
    out.sequential = [];
    for (let i = 0; i < batch; i++) out.sequential.push(await send());
    out.sequentialMs = performance.now() - t0;
    t0 = performance.now();
    out.concurrent = await Promise.all(Array.from({ length: batch }, send));
    out.concurrentMs = performance.now() - t0;
  }
  out.bad = bad.slice(0, 5);
  out.badCount = bad.length;
  out.sent = n;
  document.documentElement.dataset.bench = JSON.stringify(out);
})();
`;

/** Session B: import the same file, let it settle, run the bench content script, and check what was kept. */
async function sessionIngest(name, data, seed) {
  const dir = copyBuild(BUILDS[name], { files: { 'bench.js': BENCH_CONTENT_SCRIPT }, contentScript: 'bench.js' });
  const idle = await waitForQuiet(`${name} session B`);
  const k = await launchKindling(name, dir);
  try {
    await k.s.openExtensionPage('options.html');
    if (k.keepBackgroundAlive) await k.keepBackgroundAlive(); // session A showed what the default does
    const imported = await importFile(k, data.text);
    const settled = await settle(k.idbDir);
    log(name, `settled after ${settled.waitedMs} ms; ingest`);
    await k.s.switchToPage(0);
    await k.s.goto(`https://x.com/home?bench=${seed}&single=${SINGLE_SENDS}&batch=${BATCH}`);
    const result = await benchResult(k.s);
    await k.s.switchToPage(1);
    const status = await k.run(sendTimed, { type: 'status' });
    const card = await k.run(sendTimed, { type: 'card', site: 'x', handle: 'user123' });
    return { importMs: imported.importMs, ...result, stored: status.status.interactions - INTERACTIONS, user123: card.card.total, idle };
  } finally {
    await k.s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 6. IndexedDB against chrome.storage.local (Chromium)
// ---------------------------------------------------------------------------------------------

/** A throwaway MV3 extension: an idle service worker, a page with the write and read functions, and a content script that reports what of storage.local it can read. */
export function buildStorageExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-storage-bench-'));
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3, name: 'storage bench', version: '1.0', permissions: ['storage', 'unlimitedStorage'],
      background: { service_worker: 'sw.js' },
      content_scripts: [{ matches: ['https://x.com/*'], js: ['probe.js'] }],
    }),
    'sw.js': '// nothing: the harness waits for a service worker\n',
    'page.html': '<!doctype html><meta charset="utf-8"><title>storage bench</title><script src="page.js"></script>',
    'probe.js': `(async () => {
  if (!location.search.includes('probe')) return;
  let seen;
  try { seen = Object.keys(await chrome.storage.local.get(null)).length; } catch (e) { seen = 'error: ' + e.message; }
  document.documentElement.dataset.probe = JSON.stringify(seen);
})();\n`,
    'page.js': `
const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => fail(tx.error); });
const openDb = (indexes) => new Promise((ok, fail) => {
  const open = indexedDB.open('bench', 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('interactions', { keyPath: 'id' });
    if (indexes) { store.createIndex('person', 'p'); store.createIndex('time', 't'); }
  };
  open.onsuccess = () => ok(open.result);
  open.onerror = () => fail(open.error);
});
// IndexedDB: transactions of txSize puts, durability strict as Kindling's; then getAll().
globalThis.idb = async (records, { txSize, indexes }) => {
  const db = await openDb(indexes);
  let t0 = performance.now();
  for (let i = 0; i < records.length; i += txSize) {
    const tx = db.transaction('interactions', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('interactions');
    for (const r of records.slice(i, i + txSize)) store.put(r);
    await done(tx);
  }
  const writeMs = performance.now() - t0;
  t0 = performance.now();
  const all = await new Promise((ok, fail) => {
    const get = db.transaction('interactions').objectStore('interactions').getAll();
    get.onsuccess = () => ok(get.result);
    get.onerror = () => fail(get.error);
  });
  const readMs = performance.now() - t0;
  db.close();
  return { writeMs, readMs, read: all.length };
};
// storage.local: one key per record, 1,000 keys per set(); or one key per 1,000-record array. Then get(null).
globalThis.local = async (records, { arrays }) => {
  let t0 = performance.now();
  for (let i = 0; i < records.length; i += 1000) {
    const chunk = records.slice(i, i + 1000);
    await chrome.storage.local.set(arrays ? { ['chunk' + String(i / 1000).padStart(3, '0')]: chunk }
      : Object.fromEntries(chunk.map((r) => [r.id, r])));
  }
  const writeMs = performance.now() - t0;
  t0 = performance.now();
  const all = await chrome.storage.local.get(null);
  const readMs = performance.now() - t0;
  const read = arrays ? Object.values(all).reduce((n, list) => n + list.length, 0) : Object.keys(all).length;
  return { writeMs, readMs, read };
};
`,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** In the reopened throwaway extension: open both storages. */
async function touchStorage() {
  await new Promise((resolve) => { const open = globalThis.indexedDB.open('bench'); open.onsuccess = open.onerror = resolve; });
  await globalThis.chrome.storage.local.get('chunk000');
}

const STORAGE_VARIANTS = [
  { label: 'IndexedDB, 1 transaction of 100,000 puts, indexes person and time (as Kindling)', fn: 'idb', opts: { txSize: 100000, indexes: true } },
  { label: 'IndexedDB, 1,000 transactions of 100 puts, indexes person and time', fn: 'idb', opts: { txSize: 100, indexes: true } },
  { label: 'IndexedDB, 1 transaction of 100,000 puts, no index', fn: 'idb', opts: { txSize: 100000, indexes: false } },
  { label: 'storage.local, one key per record, 100 set() of 1,000 keys', fn: 'local', opts: { arrays: false } },
  { label: 'storage.local, 100 keys each holding an array of 1,000 records', fn: 'local', opts: { arrays: true } },
];

/** Each variant in a fresh profile: write, read all, then both storage directories, open (settled) and closed. */
export async function measureStorageComparison(records) {
  const ext = buildStorageExtension();
  const out = [];
  try {
    for (const [i, variant] of STORAGE_VARIANTS.entries()) {
      const idle = await waitForQuiet(variant.label);
      const s = await launchChromium({ extensionDir: ext });
      const id = s.extensionOrigin.split('//')[1];
      const idbDir = path.join(s.profile, 'Default', 'IndexedDB', `chrome-extension_${id}_0.indexeddb.leveldb`);
      const localDir = path.join(s.profile, 'Default', 'Local Extension Settings', id);
      const both = () => ({ idb: dirBytes(idbDir), local: dirBytes(localDir) });
      try {
        await s.openExtensionPage('page.html');
        const base = both();
        const r = await s.page.evaluate(([fn, recs, opts]) => globalThis[fn](recs, opts), [variant.fn, records, variant.opts]);
        if (r.read !== records.length) throw new Error(`${variant.label}: read back ${r.read} records`);
        await settle(() => (variant.fn === 'idb' ? idbDir : localDir));
        const open = both();
        let probe = null;
        if (i === STORAGE_VARIANTS.length - 1) { // what of storage.local can a content script read?
          await s.switchToPage(0);
          await s.goto('https://x.com/home?probe');
          for (let t = 0; t < 50 && !probe; t++, await sleep(100)) probe = await s.execute('return document.documentElement.dataset.probe ?? null');
        }
        await s.context.close();
        const closed = both();
        const [idb, local] = await reopenChromium(s.profile, ext, 'page.html', touchStorage, null, [idbDir, localDir]);
        out.push({ label: variant.label, ...r, base, open, closed, reopened: { idb, local }, probe: probe && JSON.parse(probe), idle });
      } finally {
        await s.close();
      }
    }
  } finally {
    fs.rmSync(ext, { recursive: true, force: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where the time goes (Chromium, once)
// ---------------------------------------------------------------------------------------------

/**
 * Loaded before background.js in the traced copy: wraps the background's message listener and the
 * IndexedDB calls it makes, and keeps for each message a timeline (ms since the listener was
 * called). `{bench: 'trace'}` from an extension page answers the timelines and forgets them.
 * Only meaningful for messages sent one at a time.
 */
const TRACE_PRELUDE = `const ext = globalThis.chrome;
const now = () => performance.now();
const started = now();
let current = null;
let traces = [];
const ev = (what, extra) => { if (current) current.events.push([what, +(now() - current.t0).toFixed(1), extra]); };
const onMessage = ext.runtime.onMessage;
const addListener = onMessage.addListener.bind(onMessage);
onMessage.addListener = (listener) => addListener((message, sender, sendResponse) => {
  if (message?.bench === 'trace') { sendResponse(traces); traces = []; return false; }
  const mine = { type: message?.type, t0: now(), sinceWorkerStart: +(now() - started).toFixed(1), events: [], puts: 0, putMs: 0 };
  current = mine;
  return listener(message, sender, (answer) => {
    mine.events.push(['answer', +(now() - mine.t0).toFixed(1)]);
    mine.putMs = +mine.putMs.toFixed(1);
    traces.push(mine);
    if (current === mine) current = null;
    sendResponse(answer);
  });
});
const wrap = (proto, name, around) => {
  const original = proto[name];
  proto[name] = function (...a) { return around.call(this, original, a); };
};
const onDone = (request, label) => request.addEventListener('success',
  () => ev(label + ' done', Array.isArray(request.result) ? request.result.length : undefined), { once: true });
wrap(IDBFactory.prototype, 'open', function (original, a) { ev('indexedDB.open'); const r = original.apply(this, a); onDone(r, 'open'); return r; });
wrap(IDBDatabase.prototype, 'transaction', function (original, a) {
  const mode = a[1] ?? 'readonly';
  ev('transaction ' + mode, [].concat(a[0]).join(','));
  const tx = original.apply(this, a);
  tx.addEventListener('complete', () => ev('complete ' + mode));
  return tx;
});
wrap(IDBObjectStore.prototype, 'put', function (original, a) {
  const t = now();
  const r = original.apply(this, a);
  if (current) { current.puts++; current.putMs += now() - t; if (current.puts === 1) ev('first put'); current.lastPut = +(now() - current.t0).toFixed(1); }
  return r;
});
for (const m of ['clear', 'delete']) wrap(IDBObjectStore.prototype, m, function (original, a) { ev(m + ' ' + this.name); return original.apply(this, a); });
for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
  for (const m of ['get', 'getAll', 'getAllKeys', 'openCursor']) {
    wrap(proto, m, function (original, a) { const label = m + ' ' + this.name; ev(label); const r = original.apply(this, a); onDone(r, label); return r; });
  }
}
`;

/** One import, export, warm and cold card, and a few ingests, in a traced copy; returns the timelines. */
async function traceSession(data) {
  const dir = copyBuild(BUILDS.chromium, {
    files: { 'bench.js': BENCH_CONTENT_SCRIPT, 'bench-trace.js': TRACE_PRELUDE, 'bench-background.js': "import './bench-trace.js';\nimport './background.js';\n" },
    contentScript: 'bench.js', background: 'bench-background.js',
  });
  await waitForQuiet('trace');
  const k = await launchKindling('chromium', dir);
  const traced = [];
  const take = async (label, message) => {
    const page = await k.run(sendTimed, message);
    const trace = (await k.run(send, { bench: 'trace' })).filter((t) => t.type === message.type).at(-1);
    traced.push({ label, pageMs: page.ms, ...trace });
  };
  try {
    await k.s.openExtensionPage('options.html');
    await k.run(send, { bench: 'trace' });
    await take('import (replace)', { type: 'import', text: data.text, mode: 'replace' });
    await settle(k.idbDir);
    await take('export (json)', { type: 'export', format: 'json' });
    for (const [handle, count] of [data.top, data.typical]) {
      await take(`card, warm, ${count} interactions`, { type: 'card', site: 'x', handle });
      await k.s.stopBackground();
      await sleep(300);
      await take(`card, cold, ${count} interactions`, { type: 'card', site: 'x', handle });
    }
    for (const [author, count] of [['user123', 'a few'], [data.top[0], fmt(data.top[1])]]) {
      await k.s.switchToPage(0);
      await k.s.goto(`https://x.com/home?bench=7&single=3&batch=0&author=${author}`);
      await benchResult(k.s);
      await k.s.switchToPage(1);
      const traces = (await k.run(send, { bench: 'trace' })).filter((t) => t.type === 'engagement');
      traced.push({ label: `engagement, a like of ${author} (${count} interactions)`, ...traces.at(-1) });
    }
    return traced;
  } finally {
    await k.s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 7. Report
// ---------------------------------------------------------------------------------------------

const fmt = (v, digits = 0) => (typeof v !== 'number' || Number.isNaN(v) ? '–'
  : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const mb = (bytes) => (typeof bytes === 'number' ? `${fmt(bytes / 1e6, 1)} MB` : '–');
const ms = (v) => (typeof v === 'number' ? `${fmt(v, v < 100 ? 1 : 0)} ms` : '–');
const perI = (v) => (typeof v === 'number' ? `${fmt(v, 1)} B` : '–');

/** One Markdown table: a row per figure, a column per run, and the spread (max − min, over the median). */
function table(title, rows, runs) {
  const lines = [`### ${title}`, '', `| Measure | ${runs.map((_, i) => `Run ${i + 1}`).join(' | ')} | Spread | Target |`,
    `|---|${runs.map(() => '---:').join('|')}|---:|---|`];
  for (const { label, get, show = fmt, target = '' } of rows) {
    const values = runs.map((r) => { try { return get(r); } catch { return null; } });
    const numbers = values.filter((v) => typeof v === 'number' && v > 0);
    const spread = numbers.length > 1 ? `${fmt((100 * (Math.max(...numbers) - Math.min(...numbers))) / median(numbers))}%` : '';
    lines.push(`| ${label} | ${values.map((v) => (v === null ? '–' : show(v))).join(' | ')} | ${spread} | ${target} |`);
  }
  return `${lines.join('\n')}\n`;
}

function browserReport(name, runs, data) {
  const out = [`## ${name}\n`];
  out.push(table(`Import and export: ${fmt(PEOPLE)} people, ${fmt(INTERACTIONS)} interactions (${mb(data.text.length)} file)`, [
    { label: 'Import (replace), first attempt with the browser\'s defaults, when it failed', get: (r) => r.a.importFailed?.ms ?? null, show: (v) => `failed after ${ms(v)}` },
    { label: 'Import (replace), session A', get: (r) => r.a.importMs, show: ms },
    { label: 'Import (replace), session B', get: (r) => r.b.importMs, show: ms },
    { label: 'Export (json)', get: (r) => r.a.exportMs, show: ms },
    { label: 'Exported file', get: (r) => r.a.exportBytes, show: mb },
    { label: '`status` (sent when the options page opens)', get: (r) => r.a.statusMs, show: ms },
    { label: '`people` (sent when the options page opens)', get: (r) => r.a.peopleMs, show: ms },
    { label: '`check` (sent once the options page is drawn)', get: (r) => r.a.checkMs, show: ms },
    { label: 'CPU idle before sessions A / B (machine-wide, 5 s)', get: (r) => `${fmt(100 * r.a.idle)}% / ${fmt(100 * r.b.idle)}%`, show: String },
  ], runs));
  const per = (bytes, before) => (typeof bytes === 'number' ? (bytes - before) / INTERACTIONS : null);
  out.push(table('Bytes on disk', [
    { label: 'IndexedDB directory before the import', get: (r) => r.a.before.dir, show: mb },
    { label: 'IndexedDB directory right after the import (open)', get: (r) => r.a.afterImport.dir, show: mb },
    { label: 'IndexedDB directory once settled (open)', get: (r) => r.a.settled.bytes, show: mb },
    { label: 'IndexedDB directory, browser closed', get: (r) => r.a.closed, show: mb },
    { label: 'IndexedDB directory, reopened and settled, closed again', get: (r) => r.a.reopened, show: mb },
    { label: 'Per interaction, right after the import', get: (r) => per(r.a.afterImport.dir, r.a.before.dir), show: perI, target: '≤ 100 B' },
    { label: 'Per interaction, settled', get: (r) => per(r.a.settled.bytes, r.a.before.dir), show: perI, target: '≤ 100 B' },
    { label: 'Per interaction, closed', get: (r) => per(r.a.closed, r.a.before.dir), show: perI, target: '≤ 100 B' },
    { label: 'Per interaction, reopened', get: (r) => per(r.a.reopened, r.a.before.dir), show: perI, target: '≤ 100 B' },
    { label: 'storage.estimate() usage delta per interaction, right after', get: (r) => per(r.a.afterImport.usage, r.a.before.usage), show: perI, target: '≤ 100 B' },
    { label: 'storage.estimate() usage delta per interaction, settled', get: (r) => per(r.a.settled.usage, r.a.before.usage), show: perI, target: '≤ 100 B' },
    { label: 'Waited for the directory to settle', get: (r) => r.a.settled.waitedMs, show: ms },
  ], runs));
  for (const [which, [handle, count]] of [['top', data.top], ['typical', data.typical]]) {
    out.push(table(`Card: ${which === 'top' ? 'busiest' : 'a typical (median)'} person, ${handle}, ${fmt(count)} interactions`, [
      { label: `Cold (background stopped), median of ${COLD_REPEATS}`, get: (r) => median(r.a[which].cold), show: ms, target: '≤ 50 ms' },
      { label: 'Cold, max', get: (r) => Math.max(...r.a[which].cold), show: ms, target: '≤ 50 ms' },
      { label: `Warm, median of ${COLD_REPEATS}`, get: (r) => median(r.a[which].warm), show: ms },
      { label: 'Warm, max', get: (r) => Math.max(...r.a[which].warm), show: ms },
    ], runs));
  }
  out.push(table('Ingest from a content script: likes of /user123, on top of the 100,000', [
    { label: `Single round trip, median of ${SINGLE_SENDS}`, get: (r) => median(r.b.single), show: ms },
    { label: 'Single round trip, p95', get: (r) => quantile(r.b.single, 0.95), show: ms },
    { label: `${fmt(BATCH)} sequential, total`, get: (r) => r.b.sequentialMs, show: ms },
    { label: '… of which the first 100, median', get: (r) => median(r.b.sequential.slice(0, 100)), show: ms },
    { label: '… of which the last 100, median', get: (r) => median(r.b.sequential.slice(-100)), show: ms },
    { label: `${fmt(BATCH)} concurrent (Promise.all), total`, get: (r) => r.b.concurrentMs, show: ms },
    { label: 'Answers other than "recorded"', get: (r) => r.b.badCount },
    { label: 'Sent / stored / on user123\'s card', get: (r) => `${r.b.sent} / ${r.b.stored} / ${r.b.user123}`, show: String },
  ], runs));
  return out.join('\n');
}

function storageReport(results) {
  const out = ['## chromium: IndexedDB against storage.local (throwaway extension, the same 100,000 records)\n'];
  const runs = results.map((r) => r.storage);
  const rows = [];
  for (const [i, variant] of STORAGE_VARIANTS.entries()) {
    rows.push({ label: `${variant.label}: write`, get: (r) => r[i].writeMs, show: ms });
    rows.push({ label: '… read all', get: (r) => r[i].readMs, show: ms });
    rows.push({ label: '… on disk, settled (IndexedDB + Local Extension Settings)', get: (r) => r[i].open.idb + r[i].open.local - r[i].base.idb - r[i].base.local, show: mb });
    rows.push({ label: '… on disk, closed, per record', get: (r) => (r[i].closed.idb + r[i].closed.local - r[i].base.idb - r[i].base.local) / INTERACTIONS, show: perI });
    rows.push({ label: '… on disk, reopened, per record', get: (r) => (r[i].reopened.idb + r[i].reopened.local - r[i].base.idb - r[i].base.local) / INTERACTIONS, show: perI });
    rows.push({ label: '… CPU idle before', get: (r) => `${fmt(100 * r[i].idle)}%`, show: String });
  }
  out.push(table('Write, read all, bytes on disk', rows, runs));
  out.push(`Keys of storage.local a content script on x.com read: ${runs.map((r) => JSON.stringify(r.at(-1).probe)).join(' / ')}\n`);
  return out.join('\n');
}

function traceReport(traced) {
  const out = ['## chromium: where the time goes (instrumented copy, one run)\n',
    'Milliseconds since the background\'s listener received the message. "page" is the round trip seen by the options page.\n'];
  for (const t of traced) {
    const events = t.events.map(([what, at, extra]) => `${at} ${what}${extra !== undefined && extra !== '' ? ` (${extra})` : ''}`).join('; ');
    out.push(`- **${t.label}**: page ${t.pageMs === undefined ? '–' : ms(t.pageMs)}; worker had run ${ms(t.sinceWorkerStart)} before; ${t.puts} put() calls, ${ms(t.putMs)} inside them${t.lastPut ? `, last at ${t.lastPut}` : ''}. ${events}`);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

function snapshotBuilds() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-dist-'));
  for (const [name, dir] of Object.entries(DIST)) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`no build in ${dir}: run ./build.sh`);
    BUILDS[name] = path.join(root, name);
    fs.cpSync(dir, BUILDS[name], { recursive: true });
  }
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  const commit = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim(); } catch { return '?'; } })();
  return `HEAD ${commit} when the run started, dist built ${fs.statSync(path.join(DIST.chromium, 'kindling_bg.wasm')).mtime.toISOString()}`;
}

async function main() {
  const built = snapshotBuilds();
  let t0 = performance.now();
  const data = syntheticExport();
  log(`synthetic export: ${mb(data.text.length)}; busiest ${data.top.join(' ')}, typical ${data.typical.join(' ')}; ${fmt(performance.now() - t0)} ms`);
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const result = {};
    for (const name of BROWSER_NAMES) {
      t0 = performance.now();
      log(`run ${run + 1}: ${name}, session A (import, export, disk, cold start)`);
      const a = await sessionImportColdStart(name, data);
      log(`run ${run + 1}: ${name}, session B (ingest)`);
      const b = await sessionIngest(name, data, 100 + run);
      result[name] = { a, b };
      log(`run ${run + 1}: ${name} took ${fmt((performance.now() - t0) / 1000)} s`);
    }
    if (BROWSER_NAMES.includes('chromium') && !args['no-storage']) {
      log(`run ${run + 1}: IndexedDB against storage.local`);
      result.storage = await measureStorageComparison(storedRecords(data.interactions));
    }
    results.push(result);
    if (args.json) fs.writeFileSync(args.json, JSON.stringify({ data: { top: data.top, typical: data.typical, bytes: data.text.length }, results }, null, 1));
  }
  let traced = null;
  if (BROWSER_NAMES.includes('chromium') && !args['no-trace']) {
    log('trace');
    traced = await traceSession(data);
    if (args.json) fs.writeFileSync(args.json, JSON.stringify({ data: { top: data.top, typical: data.typical, bytes: data.text.length }, results, traced }, null, 1));
  }
  const version = (bin) => { try { return execFileSync(bin, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return '?'; } };
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1];
  console.log(`# Kindling storage benchmark\n\n${new Date().toISOString().slice(0, 10)}; ${cpu}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB; `
    + `${version('/usr/bin/chromium')}; ${version('/usr/bin/firefox-esr')}; ${built}; ${RUNS} runs\n`);
  if (results.length) for (const name of BROWSER_NAMES) console.log(browserReport(name, results.map((r) => r[name]), data));
  if (results[0]?.storage) console.log(storageReport(results));
  if (traced) console.log(traceReport(traced));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
