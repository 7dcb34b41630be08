// Memory over an empty MV3 extension (issue 20's budgets), in headless
// Chromium with the fixture sites on their real hostnames (nothing reaches
// the network). For each round, each mix of tabs and each build (an empty MV3
// extension with an empty service worker, Kindling, and optionally a baseline
// Kindling build; their order alternates from round to round): launch the
// browser through the harness, open the mix's tabs after the blank first one,
// wait until each has loaded (and, with Kindling, each profile's card frame
// `iframe[data-kindling]` is shown), wait `--settle` ms, and sum PSS
// (/proc/<pid>/smaps_rollup) over the browser process and all its descendants.
// Then stop the extension's service worker (as Chrome does when it is idle:
// under Playwright it is not stopped by itself, see below), wait `--settle` ms
// again and measure once more ("idle"); close.
// Mixes: fixed (the blank tab only), one (1 feed tab), pair (1 feed and 1
// profile showing a card), feeds (10 feed tabs), cards (8 feeds and 2 profiles).
// Per round, each build's figure minus the empty extension's in the same
// round and mix; fixed = that for the blank tab; per feed tab = (feeds −
// fixed) / 10; per card tab = (cards − fixed − 8 × per feed) / 2; the first
// feed tab = one − fixed, and a card tab after it = pair − one (the first
// tabs cost more than the next: the 10-tab figures are averages). The
// tables show medians over the rounds.
// Run by hand: node tests/bench/memory.mjs [--rounds=3] [--extension=<unpacked
// dir>, dist/chrome if not given] [--baseline=<another Kindling build>]
// [--settle=5000] [--mixes=fixed,one,pair,feeds,cards] [--idle-wait=0: also wait
// this many ms for Chrome's own idle stop before stopping the worker]
// [--json=<file>: every measurement] [--from=<that file>: print its tables
// again, measuring nothing]. Nothing here asserts a figure.
// PSS splits pages shared between processes among them, so the sum over one
// browser's processes counts its shared libraries once; another Chromium
// running on the machine at the same time takes part of its file-backed
// pages (the binary, fonts), so the figures drop while one runs (the output
// waits up to --alone-wait=30000 ms for a moment when none runs, and leaves
// a total taken while one ran out of the PSS figures). "anon+shmem" (Pss_Anon
// + Pss_Shmem, no file-backed pages) is not moved by other browsers: the
// extension's own memory (heaps, wasm) is there.
// Under the harness (Playwright and its CDP sessions attached), Chrome did not
// stop an idle extension service worker by itself within 35 s: --idle-wait
// checks that again.
/* global document, getComputedStyle */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';

const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROUNDS = Number(option('rounds') ?? 3);
const SETTLE = Number(option('settle') ?? 5000);
const IDLE_WAIT = Number(option('idle-wait') ?? 0);
const ALONE_WAIT = Number(option('alone-wait') ?? 30000);
const JSON_OUT = option('json');

const FEEDS = [
  'https://x.com/home', 'https://mastodon.social/home', 'https://bsky.app/', 'https://www.reddit.com/',
  'https://github.com/octo-org/widgets/issues/7', 'https://www.linkedin.com/feed/', 'https://www.facebook.com/',
  'https://www.instagram.com/', 'https://www.reddit.com/r/rust/', 'https://mastodon.online/home',
];
const PROFILES = ['https://x.com/alice', 'https://www.linkedin.com/in/alice-example/'];
const ALL_MIXES = {
  fixed: { feeds: [], profiles: [] },
  one: { feeds: FEEDS.slice(0, 1), profiles: [] },
  pair: { feeds: FEEDS.slice(0, 1), profiles: PROFILES.slice(0, 1) },
  feeds: { feeds: FEEDS, profiles: [] },
  cards: { feeds: FEEDS.slice(0, 8), profiles: PROFILES },
};
const MIXES = (option('mixes') ?? 'fixed,one,pair,feeds,cards').split(',').map((name) => {
  if (!ALL_MIXES[name]) throw new Error(`unknown mix ${name} (${Object.keys(ALL_MIXES).join(', ')})`);
  return name;
});

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = (kib) => kib / 1024;
const median = (list) => {
  const sorted = list.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** An empty MV3 extension: a manifest and an empty service worker, so it has a background as Kindling does. */
function emptyExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-empty-mv3-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'Empty', version: '1.0', background: { service_worker: 'background.js' },
  }, null, 2));
  fs.writeFileSync(path.join(dir, 'background.js'), '// empty\n');
  return dir;
}

/** Every process now: pid → { ppid, cmd }. */
function processes() {
  const all = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // Chromium's child processes rewrite their title: one string of arguments separated by spaces.
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/).filter(Boolean);
      all.set(Number(entry), { ppid, cmd });
    } catch { /* gone, or not ours to read */ }
  }
  return all;
}

/** The browser process of this profile (its command line names the profile and has no --type=). */
function browserPid(profile, all = processes()) {
  const found = [...all].filter(([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.some((a) => a.startsWith('--type=')));
  if (found.length !== 1) throw new Error(`expected one browser process for ${profile}, found ${found.length}`);
  return found[0][0];
}

/** The pid and all its descendants. */
function tree(root, all) {
  const children = new Map();
  for (const [pid, p] of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const out = [];
  for (const queue = [root]; queue.length;) {
    const pid = queue.shift();
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function kindOf(cmd) {
  const type = cmd.find((a) => a.startsWith('--type='))?.slice(7);
  if (!type) return 'browser';
  if (type === 'renderer') {
    if (cmd.includes('--extension-process')) return 'extension';
    if (cmd.includes('--top-chrome-webui')) return 'webui';
    return 'renderer';
  }
  if (type === 'gpu-process') return 'gpu';
  return type; // zygote, utility, …
}

/** PSS (KiB) summed over the browser's processes, and by kind of process. */
function measure(session) {
  const all = processes();
  const root = browserPid(session.profile, all);
  const pids = tree(root, all);
  const byKind = {};
  const count = {};
  let total = 0;
  let nonFile = 0;
  for (const pid of pids) {
    let rollup;
    try {
      rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch { continue; } // exited meanwhile
    const kib = (field) => Number(rollup.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    const kind = kindOf(all.get(pid).cmd);
    byKind[kind] = (byKind[kind] ?? 0) + kib('Pss');
    count[kind] = (count[kind] ?? 0) + 1;
    total += kib('Pss');
    nonFile += kib('Pss_Anon') + kib('Pss_Shmem');
  }
  const mine = new Set(pids);
  // Crash handlers (even this browser's own, which are not its descendants) are left out.
  const others = [...all].filter(([pid, p]) => !mine.has(pid) && /\/(chrome|chromium|chrome-headless-shell|headless_shell)$/.test(p.cmd[0] ?? '')).length;
  return { total, nonFile, byKind, count, pids, others };
}

/**
 * measure(), at a moment no other Chromium runs on the machine if one comes within ALONE_WAIT ms
 * (sampled every 250 ms), else the sample with the fewest others.
 */
async function measureAlone(session) {
  let best = measure(session);
  for (const end = Date.now() + ALONE_WAIT; best.others && Date.now() < end;) {
    await pause(250);
    const sample = measure(session);
    if (sample.others < best.others) best = sample;
  }
  return best;
}

/** Whether the extension's service worker is running now (by CDP's ServiceWorker domain). */
async function workerRunning(session) {
  const cdp = await session.context.newCDPSession(session.page);
  try {
    const status = new Map();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(`${session.extensionOrigin}/`)) status.set(v.versionId, v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await pause(300);
    return [...status.values()].some((s) => s !== 'stopped');
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function openMix(session, mix, kindling) {
  const problems = [];
  for (const url of mix.feeds) {
    const page = await session.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
  }
  for (const url of mix.profiles) {
    const page = await session.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (!kindling) continue;
    // Shown: the card frame is displayed (a frame made for a profile stays hidden until drawn).
    await page.waitForFunction(() => {
      const frame = document.querySelector('iframe[data-kindling]');
      return !!frame && getComputedStyle(frame).display === 'block';
    }, null, { timeout: 15000 }).catch(() => problems.push(`no card shown on ${url}`));
  }
  return problems;
}

async function once(build, mixName) {
  const mix = ALL_MIXES[mixName];
  const session = await launchChromium({ extensionDir: build.dir });
  const record = { build: build.name, mix: mixName, tabs: mix.feeds.length + mix.profiles.length, problems: [] };
  const pids = new Set(); // every process of this browser seen, to check they all exit
  const note = () => {
    try {
      const all = processes();
      for (const pid of tree(browserPid(session.profile, all), all)) pids.add(pid);
    } catch { /* the browser is gone */ }
  };
  try {
    note();
    record.problems.push(...await openMix(session, mix, build.kindling));
    await pause(SETTLE);
    const active = await measureAlone(session);
    if (IDLE_WAIT) {
      await pause(IDLE_WAIT);
      record.stoppedByItself = !(await workerRunning(session));
    }
    await session.stopBackground({ timeout: 10000 });
    await pause(SETTLE);
    const idle = await measureAlone(session);
    record.workerRestarted = await workerRunning(session);
    Object.assign(record, {
      pss: active.total, pssNonFile: active.nonFile, byKind: active.byKind, count: active.count, others: active.others,
      idlePss: idle.total, idlePssNonFile: idle.nonFile, idleByKind: idle.byKind, idleOthers: idle.others,
    });
  } finally {
    note();
    await session.close().catch((e) => record.problems.push(`close: ${e.message.split('\n')[0]}`));
  }
  // Processes of this browser still there a few seconds after close: noted, then ended.
  for (let i = 0; i < 50 && [...pids].some((pid) => fs.existsSync(`/proc/${pid}`)); i++) await pause(100);
  const left = [...pids].filter((pid) => fs.existsSync(`/proc/${pid}`));
  if (left.length) {
    record.problems.push(`${left.length} process(es) still running 5 s after close: ${left.join(' ')}`);
    for (const pid of left) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }
  return record;
}

const FROM = option('from');
let records = [];
if (FROM) {
  records = JSON.parse(fs.readFileSync(FROM, 'utf8'));
} else {
  const empty = { name: 'empty', dir: emptyExtension(), kindling: false };
  const builds = [empty, { name: 'kindling', dir: path.resolve(option('extension') ?? BUILDS.chromium), kindling: true }];
  if (option('baseline')) builds.push({ name: 'baseline', dir: path.resolve(option('baseline')), kindling: true });
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...builds].reverse() : builds;
      for (const mix of MIXES) {
        for (const build of order) {
          const r = await once(build, mix);
          Object.assign(r, { round, settle: SETTLE, dir: build.dir });
          records.push(r);
          console.error(`round ${round + 1}/${ROUNDS} ${build.name} ${mix}: ${fmt(MiB(r.pss))} MiB, idle ${fmt(MiB(r.idlePss))} MiB`
            + `${r.others || r.idleOthers ? `, ${r.others}/${r.idleOthers} other Chromium processes` : ''}`
            + `${r.problems.length ? `; ${r.problems.join('; ')}` : ''}`);
        }
      }
    }
  } finally {
    fs.rmSync(empty.dir, { recursive: true, force: true });
    if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify(records, null, 2));
  }
}

const names = ['empty', 'kindling', 'baseline'].filter((n) => records.some((r) => r.build === n));
const mixes = Object.keys(ALL_MIXES).filter((m) => records.some((r) => r.mix === m));
const rounds = [...new Set(records.map((r) => r.round))].sort((a, b) => a - b);
const settle = records[0]?.settle ?? SETTLE;
const find = (build, mix, round) => records.find((r) => r.build === build && r.mix === mix && r.round === round);
/**
 * A record's figure (KiB) for `key`: 'pss', 'idlePss', 'pssNonFile' or 'idlePssNonFile'. NaN for a
 * total PSS taken while another Chromium ran (it took part of the shared pages): left out.
 */
const value = (r, key) => {
  if (!r || (key === 'pss' && r.others) || (key === 'idlePss' && r.idleOthers)) return NaN;
  return r[key] ?? NaN;
};
/** Per round: this build's figure minus the empty extension's in the same round and mix (MiB). */
const over = (build, mix, round, key) => MiB(value(find(build, mix, round), key) - value(find('empty', mix, round), key));
/** The median over rounds, and "(n/N)" when only n rounds gave a figure. */
const withCount = (list, digits = 1) => {
  const n = list.filter(Number.isFinite).length;
  return `${fmt(median(list), digits)}${n < list.length ? ` (${n}/${list.length})` : ''}`;
};

console.log(`\nPSS summed over every process of the browser (MiB), median of ${rounds.length} round(s); `
  + `measured ${settle} ms after the tabs loaded, then ${settle} ms after the service worker was stopped ("idle"). `
  + '(n/N): only n rounds measured alone.');
console.log('| build | mix | tabs | PSS | over empty | (anon+shmem) | PSS idle | over empty idle | (anon+shmem) |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const build of names) {
  for (const mix of mixes) {
    const rs = rounds.map((i) => find(build, mix, i));
    const tabs = ALL_MIXES[mix].feeds.length + ALL_MIXES[mix].profiles.length;
    const total = (key) => withCount(rs.map((r) => MiB(value(r, key))));
    const o = (key) => (build === 'empty' ? '–' : withCount(rounds.map((i) => over(build, mix, i, key))));
    console.log(`| ${build} | ${mix} | ${tabs} | ${total('pss')} | ${o('pss')} | ${o('pssNonFile')} `
      + `| ${total('idlePss')} | ${o('idlePss')} | ${o('idlePssNonFile')} |`);
  }
}

/** Per round, the derived costs over the empty extension (MiB). */
function derived(build, key) {
  const per = { fixed: [], first: [], feed: [], cardFromCards: [], cardAfterOne: [] };
  for (const i of rounds) {
    const fixed = over(build, 'fixed', i, key);
    const feed = (over(build, 'feeds', i, key) - fixed) / FEEDS.length;
    per.fixed.push(fixed);
    per.feed.push(feed);
    per.cardFromCards.push((over(build, 'cards', i, key) - fixed - 8 * feed) / 2);
    per.first.push(over(build, 'one', i, key) - fixed);
    per.cardAfterOne.push(over(build, 'pair', i, key) - over(build, 'one', i, key));
  }
  return Object.fromEntries(Object.entries(per).map(([k, v]) => [k, withCount(v)]));
}
// The same for the empty extension itself over its blank tab: what a feed tab costs with no extension work.
const emptyPerTab = (key) => withCount(rounds.map((i) => MiB(value(find('empty', 'feeds', i), key) - value(find('empty', 'fixed', i), key)) / FEEDS.length));

console.log('\nOver the empty extension (MiB), median over rounds of per-round figures');
console.log('| build | | fixed (blank tab) | first feed tab (one − fixed) | per feed tab (10 feeds) | per card tab (8+2) | card tab after 1 feed (pair − one) |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const build of names.filter((n) => n !== 'empty')) {
  for (const [label, key] of [['active', 'pss'], ['idle', 'idlePss'], ['active, anon+shmem', 'pssNonFile'], ['idle, anon+shmem', 'idlePssNonFile']]) {
    const d = derived(build, key);
    console.log(`| ${build} | ${label} | ${d.fixed} | ${d.first} | ${d.feed} | ${d.cardFromCards} | ${d.cardAfterOne} |`);
  }
}
console.log(`(the empty extension's own per feed tab, over its blank tab: ${emptyPerTab('pss')} MiB active, ${emptyPerTab('idlePss')} idle)`);

const kinds = [...new Set(records.flatMap((r) => Object.keys(r.byKind ?? {})))].sort();
console.log('\nBy kind of process, median PSS (MiB) [processes], active / idle, of the measurements taken alone');
console.log(`| build | mix | ${kinds.join(' | ')} |`);
console.log(`|---|---|${kinds.map(() => '---:').join('|')}|`);
for (const build of names) {
  for (const mix of mixes) {
    const rs = rounds.map((i) => find(build, mix, i)).filter(Boolean);
    const active = rs.filter((r) => !r.others);
    const idle = rs.filter((r) => !r.idleOthers);
    const cell = (k) => `${fmt(MiB(median(active.map((r) => r.byKind?.[k] ?? 0))))} [${median(active.map((r) => r.count?.[k] ?? 0))}]`
      + ` / ${fmt(MiB(median(idle.map((r) => r.idleByKind?.[k] ?? 0))))}`;
    console.log(`| ${build} | ${mix} | ${kinds.map(cell).join(' | ')} |`);
  }
}

const measured = records.flatMap((r) => [r.others, r.idleOthers]).filter((n) => n !== undefined);
const others = Math.max(0, ...measured);
const crowded = measured.filter((n) => n > 0).length;
const restarted = records.filter((r) => r.workerRestarted).length;
console.log(`\nMeasurements taken while another Chromium ran (left out of the PSS totals, kept in anon+shmem): ${crowded} of ${measured.length}`
  + ` (at most ${others} processes). Worker running again ${settle} ms after the stop: ${restarted} of ${records.length} launches.`);
const waited = records.filter((r) => 'stoppedByItself' in r);
if (waited.length) {
  console.log(`Service worker stopped by itself within --idle-wait: ${waited.filter((r) => r.stoppedByItself).length} of ${waited.length} launches.`);
}
for (const r of records.filter((x) => x.problems.length)) console.log(`round ${r.round + 1} ${r.build} ${r.mix}: ${r.problems.join('; ')}`);
