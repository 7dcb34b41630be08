// Memory over an empty MV3 extension (issue 20's budgets), in headless
// Chromium with the fixture sites on their real hostnames (nothing reaches
// the network). For each round, each mix of tabs and each build (an empty MV3
// extension with an empty service worker, Kindling, and optionally a baseline
// Kindling build; their order alternates from round to round): launch the
// browser through the harness, open the mix's tabs after the blank first one,
// wait until each has loaded (and, with Kindling, each profile's card frame
// `iframe[data-kindling]` is shown), and sum PSS (/proc/<pid>/smaps_rollup)
// over the browser process and all its descendants three times:
// - active: `--settle` ms (5000) after the tabs loaded;
// - stopped: then the extension's service worker is stopped (CDP
//   ServiceWorker.stopAllWorkers, as the harness's stopBackground does), and
//   measured `--settle` ms later;
// - idle: `--idle` ms (40000) after the tabs loaded, the worker still stopped:
//   what Chrome's own idle stop (after ~30 s) would leave, once V8 has shrunk
//   the heaps it no longer uses.
// Under the harness (Playwright and its CDP sessions attached) Chrome did not
// stop an idle extension worker by itself within 35 s, hence the stop;
// `--no-stop` leaves it and says whether it stopped by itself by the idle
// measurement.
// Mixes: fixed (the blank tab only), one (1 feed tab), pair (1 feed and 1
// profile showing a card), feeds (10 feed tabs), cards (8 feeds and 2
// profiles). Per round, each build's figure minus the empty extension's in
// the same round and mix; fixed = that for the blank tab; per feed tab =
// (feeds − fixed) / 10; per card tab = (cards − fixed − 8 × per feed) / 2;
// the first feed tab = one − fixed, and a card tab after it = pair − one (the
// first tabs cost more than the next: the 10-tab figures are averages). The
// tables show medians over the rounds.
// Run by hand: node tests/bench/memory.mjs [--rounds=3] [--extension=<unpacked
// dir>, dist/chrome if not given] [--baseline=<another Kindling build>]
// [--settle=5000] [--idle=40000] [--no-stop] [--mixes=fixed,one,pair,feeds,cards]
// [--alone-wait=10000] [--json=<file>: every measurement] [--from=<that file>:
// print its tables again, measuring nothing]. Nothing here asserts a figure.
// PSS splits pages shared between processes among them, so the sum over one
// browser's processes counts its shared libraries once; another Chromium
// running on the machine at the same time takes part of its file-backed pages
// (the binary, fonts), so the totals drop while one runs. Each measurement
// waits up to --alone-wait ms for a moment when none runs; a total taken while
// one ran is left out. "anon+shmem" (Pss_Anon + Pss_Shmem, no file-backed
// pages) is not moved by other browsers and is always kept: the extension's
// own memory (heaps, wasm) is there.
/* global document, getComputedStyle */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';

const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROUNDS = Number(option('rounds') ?? 3);
const SETTLE = Number(option('settle') ?? 5000);
const IDLE = Number(option('idle') ?? 40000);
const NO_STOP = process.argv.includes('--no-stop');
const ALONE_WAIT = Number(option('alone-wait') ?? 10000);
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
    // Shown: the card frame is displayed and visible (it starts hidden at a profile's address).
    await page.waitForFunction(() => {
      const frame = document.querySelector('iframe[data-kindling]');
      return !!frame && getComputedStyle(frame).display === 'block' && getComputedStyle(frame).visibility === 'visible';
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
    const loaded = Date.now();
    const take = async (state) => {
      const m = await measureAlone(session);
      delete m.pids;
      record[state] = { ...m, at: Date.now() - loaded };
    };
    await pause(SETTLE);
    await take('active');
    if (!NO_STOP) {
      await session.stopBackground({ timeout: 10000 });
      await pause(SETTLE);
      await take('stopped');
    }
    await pause(loaded + IDLE - Date.now());
    await take('idle');
    record.workerRunningAtIdle = await workerRunning(session);
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
    for (const { dir } of builds) {
      if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`no unpacked extension in ${dir} (build it, or give --extension=)`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...builds].reverse() : builds;
      for (const mix of MIXES) {
        for (const build of order) {
          const r = await once(build, mix);
          Object.assign(r, { round, settle: SETTLE, idleAfter: IDLE, dir: build.dir });
          records.push(r);
          const said = ['active', 'stopped', 'idle'].filter((state) => r[state]).map((state) => `${state} ${fmt(MiB(r[state].total))}`
            + `${r[state].others ? ` (${r[state].others} other Chromium processes)` : ''}`);
          console.error(`round ${round + 1}/${ROUNDS} ${build.name} ${mix}: ${said.join(', ')} MiB`
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
const states = ['active', 'stopped', 'idle'].filter((state) => records.some((r) => r[state]));
const rounds = [...new Set(records.map((r) => r.round))].sort((a, b) => a - b);
const find = (build, mix, round) => records.find((r) => r.build === build && r.mix === mix && r.round === round);
/**
 * A record's figure (KiB) in a state, 'total' PSS or 'nonFile' (anon+shmem). NaN for a total taken
 * while another Chromium ran (it took part of the shared pages): left out.
 */
const value = (r, state, what) => {
  const m = r?.[state];
  if (!m || (what === 'total' && m.others)) return NaN;
  return m[what];
};
/** Per round: this build's figure minus the empty extension's in the same round and mix (MiB). */
const over = (build, mix, round, state, what) =>
  MiB(value(find(build, mix, round), state, what) - value(find('empty', mix, round), state, what));
/** The median over rounds, and "(n/N)" when only n rounds gave a figure. */
const withCount = (list, digits = 1) => {
  const n = list.filter(Number.isFinite).length;
  return `${fmt(median(list), digits)}${n < list.length ? ` (${n}/${list.length})` : ''}`;
};
const at = (state) => median(records.map((r) => r[state]?.at)) / 1000;

console.log(`\nPSS summed over every process of the browser (MiB), median of ${rounds.length} round(s). `
  + `Measured (median) ${states.map((state) => `${state} ${fmt(at(state))} s`).join(', ')} after the tabs loaded. `
  + '(n/N): only n rounds measured with no other Chromium running.');
const cols = (label) => states.map((state) => `${label} ${state}`).join(' | ');
console.log(`| build | mix | tabs | PSS active | over empty: ${cols('PSS')} | ${cols('anon+shmem')} |`);
console.log(`|---|---|---:|---:|${states.map(() => '---:|---:|').join('')}`);
for (const build of names) {
  for (const mix of mixes) {
    const rs = rounds.map((i) => find(build, mix, i));
    const tabs = ALL_MIXES[mix].feeds.length + ALL_MIXES[mix].profiles.length;
    const o = (state, what) => (build === 'empty' ? '–' : withCount(rounds.map((i) => over(build, mix, i, state, what))));
    console.log(`| ${build} | ${mix} | ${tabs} | ${withCount(rs.map((r) => MiB(value(r, 'active', 'total'))))} `
      + `| ${states.map((state) => o(state, 'total')).join(' | ')} | ${states.map((state) => o(state, 'nonFile')).join(' | ')} |`);
  }
}

/** Per round, the derived costs over the empty extension (MiB). */
function derived(build, state, what) {
  const per = { fixed: [], first: [], feed: [], cardFromCards: [], cardAfterOne: [] };
  const o = (mix, i) => over(build, mix, i, state, what);
  for (const i of rounds) {
    const fixed = o('fixed', i);
    const feed = (o('feeds', i) - fixed) / FEEDS.length;
    per.fixed.push(fixed);
    per.feed.push(feed);
    per.cardFromCards.push((o('cards', i) - fixed - 8 * feed) / 2);
    per.first.push(o('one', i) - fixed);
    per.cardAfterOne.push(o('pair', i) - o('one', i));
  }
  return Object.fromEntries(Object.entries(per).map(([k, v]) => [k, withCount(v)]));
}

console.log('\nOver the empty extension (MiB), median over rounds of per-round figures');
console.log('| build | state | fixed (blank tab) | first feed tab (one − fixed) | per feed tab (10 feeds) | per card tab (8+2) | card tab after 1 feed (pair − one) |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const build of names.filter((n) => n !== 'empty')) {
  for (const [what, label] of [['total', 'PSS'], ['nonFile', 'anon+shmem']]) {
    for (const state of states) {
      const d = derived(build, state, what);
      console.log(`| ${build} | ${state}, ${label} | ${d.fixed} | ${d.first} | ${d.feed} | ${d.cardFromCards} | ${d.cardAfterOne} |`);
    }
  }
}
// The same for the empty extension itself over its blank tab: what a feed tab costs with no extension work.
const emptyPerTab = (state) => withCount(rounds.map((i) =>
  MiB(value(find('empty', 'feeds', i), state, 'total') - value(find('empty', 'fixed', i), state, 'total')) / FEEDS.length));
console.log(`(a feed tab with the empty extension, over its blank tab: ${states.map((state) => `${emptyPerTab(state)} ${state}`).join(', ')})`);

const kinds = [...new Set(records.flatMap((r) => Object.keys(r.active?.byKind ?? {})))].sort();
console.log(`\nBy kind of process, median PSS (MiB) [processes], ${states.join(' / ')}, of the measurements taken alone`);
console.log(`| build | mix | ${kinds.join(' | ')} |`);
console.log(`|---|---|${kinds.map(() => '---:').join('|')}|`);
for (const build of names) {
  for (const mix of mixes) {
    const rs = rounds.map((i) => find(build, mix, i)).filter(Boolean);
    const of = (state, k) => fmt(MiB(median(rs.filter((r) => r[state] && !r[state].others).map((r) => r[state].byKind[k] ?? 0))));
    const count = (k) => median(rs.filter((r) => !r.active.others).map((r) => r.active.count[k] ?? 0));
    console.log(`| ${build} | ${mix} | ${kinds.map((k) => `${states.map((state) => of(state, k)).join(' / ')} [${fmt(count(k), 0)}]`).join(' | ')} |`);
  }
}

const measured = records.flatMap((r) => states.map((state) => r[state]?.others)).filter((n) => n !== undefined);
const crowded = measured.filter((n) => n > 0).length;
console.log(`\nMeasurements taken while another Chromium ran (left out of the PSS totals, kept in anon+shmem): ${crowded} of ${measured.length}`
  + ` (at most ${Math.max(0, ...measured)} processes). Worker running at the idle measurement: `
  + `${records.filter((r) => r.workerRunningAtIdle).length} of ${records.length} launches${records.some((r) => r.stopped) ? ' (it had been stopped)' : ''}.`);
for (const r of records.filter((x) => x.problems.length)) console.log(`round ${r.round + 1} ${r.build} ${r.mix}: ${r.problems.join('; ')}`);
