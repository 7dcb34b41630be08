// The background: Chrome's service worker, Firefox's event page. It owns the
// record; every other context asks it by message. The browser may stop it at
// any moment, so nothing lives only here: listeners are registered at the top
// level, synchronously, and the wasm core is started inside them.
import './microtasks.js'; // first: before the core starts (microtasks.js)
import init, { adopt_database, handle_message, mastodon_instances, remind, sync_now } from './kindling.js';

const ext = globalThis.browser ?? globalThis.chrome;
let core = null;

// The record is opened while the core starts: a cold start waits for both.
// Opened at whatever version it has, never created or upgraded here (a new
// database's creation is aborted): the core adopts the connection when the
// version is its own, and otherwise opens and upgrades the database itself.
// Any failure here leaves the opening to the core, which reports it.
let opening = new Promise((resolve) => {
  const request = indexedDB.open('kindling');
  request.onupgradeneeded = () => request.transaction.abort();
  request.onsuccess = () => resolve(request.result);
  request.onerror = (event) => {
    event.preventDefault();
    resolve(null);
  };
}).catch(() => null); // open() itself threw (storage unavailable)

async function start() {
  await init();
  const db = await opening;
  opening = null; // a failed start, retried, opens the record in the core
  if (db) adopt_database(db);
}

// Mastodon instances the user added: the content script runs there only
// when the instance is in the user's list *and* the browser granted access
// to exactly that host (a broad grant, like all sites from the browser's own
// settings, adds nothing).
const INSTANCES_SCRIPT = 'kindling-mastodon-instances';
let syncing = Promise.resolve();

function syncInstances() {
  syncing = syncing.then(async () => {
    core ??= start();
    await core;
    const hosts = await mastodon_instances();
    const granted = new Set((await ext.permissions.getAll()).origins ?? []);
    const matches = hosts.map((host) => `https://${host}/*`).filter((origin) => granted.has(origin));
    const existing = await ext.scripting.getRegisteredContentScripts({ ids: [INSTANCES_SCRIPT] });
    if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [INSTANCES_SCRIPT] });
    if (matches.length) {
      // The content script's files in their order: the manifest's list, so the two cannot differ.
      // Firefox gives its files as full URLs, Chrome as written: each is taken as its path.
      const js = ext.runtime.getManifest().content_scripts[0].js
        .map((file) => new URL(file, ext.runtime.getURL('')).pathname.slice(1));
      await ext.scripting.registerContentScripts([{
        id: INSTANCES_SCRIPT, matches, js, runAt: 'document_start', persistAcrossSessions: true,
      }]);
    }
  }).catch((error) => console.error('Kindling could not update its Mastodon instances:', error));
  return syncing;
}

ext.permissions.onAdded.addListener(syncInstances);
ext.permissions.onRemoved.addListener(syncInstances);
ext.runtime.onInstalled.addListener(syncInstances);
ext.runtime.onStartup.addListener(syncInstances);

// A report from a page that could not be saved (a full disk, a broken
// database) must not vanish silently: the toolbar button says so. Only
// Kindling's own failures: a request refused (malformed, too large, not
// the page's to make) is the sender's doing, and its words may be a page's
// (issue 21), so the popup never shows them as Kindling's warning.
const OWN_FAILURES = ['error_storage', 'error_storage_full', 'error_core_failed'];
function flag(answer, sender) {
  if (answer?.type !== 'error' || !sender.tab || !OWN_FAILURES.includes(answer.message?.key)) return;
  ext.action.setBadgeBackgroundColor({ color: '#cf222e' });
  ext.action.setBadgeText({ text: '!' });
  ext.action.setTitle({ title: `Kindling: ${say(answer.message)}` });
}

// A sentence from the core ({ key, args }) in the user's language.
function say(text) {
  const args = (text?.args ?? []).map((arg) => (typeof arg === 'string' ? arg : say(arg)));
  return ext.i18n.getMessage(text?.key ?? '', args) || String(text?.key);
}

// Changes made on the options page or in the popup reach the cards already
// open: each tab's content script is told (no data), and its card draws
// again from the record (chips turned off, a person merged or deleted). The
// core says which changes do (`redraw_cards` on its answer).
// Not the tab the change came from: its card draws itself again once answered.
async function tellEveryCard(except) {
  for (const tab of await ext.tabs.query({})) {
    if (tab.id === except) continue;
    ext.tabs.sendMessage(tab.id, { kindling: 'changed' }).catch(() => {}); // tabs without Kindling say nothing
  }
}

// Messages are answered one at a time, in the order they came: each reads
// and writes the record as the one before left it (the Today digests rely on
// it), and a slow one (an import) only delays the next.
let queue = Promise.resolve();

function answer(message, sender) {
  const started = (core ??= start());
  const shown = isCardFrame(sender) ? shownIn(sender.tab.id) : Promise.resolve(null);
  const turn = queue.then(() => Promise.all([started, shown]))
    .then(([, profile]) => handle_message(message, sender, ext.runtime.id, ext.runtime.getURL(''), profile, syncArea));
  queue = turn.catch(() => {});
  return turn.then(async (reply) => {
    flag(reply, sender);
    if (['profile_at', 'page_seen'].includes(message?.type)) rememberProfile(sender, reply);
    // A changed instance list takes effect before the sender hears back.
    if (['save_settings', 'import'].includes(message?.type) && reply?.type === 'done') await syncInstances();
    if (reply?.type === 'done' && reply.redraw_cards === true) tellEveryCard(sender.tab?.id);
    // A change can move a reminder or a Today line (a date agreed, a
    // snooze, reminders turned on): ask again, and arm the alarm anew.
    if (reply?.type === 'done') checkReminders();
    // A change is synced a few seconds later (nothing happens while sync is off).
    if (reply?.type === 'done' || reply?.type === 'reached_out') syncSoon();
    // A sync round that changed people: cards on screen draw again.
    if (reply?.type === 'sync' && reply.redraw_cards === true) tellEveryCard(sender.tab?.id);
    // What the tab's content script reported changed the record: its card
    // redraws, also when the report came from the page before this one (a
    // like, then at once the liker's profile: the card drew before the like
    // was stored). The frame is told only that (no data).
    const recorded = (reply?.type === 'engagement' && ['recorded', 'withdrawn'].includes(reply.result))
      || (reply?.type === 'inbound' && reply.recorded > 0);
    if (recorded && sender.tab) tellCardFrames(sender.tab.id, { kindling: 'changed' });
    if (recorded) checkRemindersSoon();
    // Batched (a session of likes is one round), and well inside the 30 s an
    // idle service worker is given before Chromium stops it with its timer.
    if (recorded) syncSoon(20000);
    return reply;
  }, (error) => {
    core = null; // a failed start is retried by the next message
    return { type: 'error', message: { key: 'error_core_failed', args: [String(error)] } };
  });
}

// The card's frame in a web page (issue 20). The page around it can see
// the frame and post to it, so the frame takes nothing from the page: which
// account it shows comes from here, from the tab's own content script (the
// profile its top frame reported), and what it tells the content script
// (closed, folded or opened) goes through here too, never through the
// page's window.
const SELF = ext.runtime.getURL('');
const isCardFrame = (sender) => Boolean(sender?.tab) && typeof sender.url === 'string'
  && sender.url.startsWith(SELF) && sender.url.slice(SELF.length).split(/[?#]/)[0] === 'overlay.html';

// The profile each tab's top frame shows, as its content script last
// reported the page (`page_seen`), the same account its card frame is made
// for: the card then costs no question to the tab. A new address
// (`profile_at`) shows none until its page is seen: a card frame started
// from the address's shape is told its account then. A background that was
// stopped has forgotten them and asks the tab.
const tabProfiles = new Map(); // tab id → "site/handle" or null
ext.tabs.onRemoved.addListener((tabId) => tabProfiles.delete(tabId));
function rememberProfile(sender, reply) {
  if (!sender.tab || sender.frameId !== 0) return;
  if (reply?.type === 'profile_at') {
    tabProfiles.set(sender.tab.id, null);
    return;
  }
  if (reply?.type !== 'page') return;
  const profile = reply.profile && !reply.profile.is_self ? reply.profile : null;
  const account = profile ? `${encodeURIComponent(profile.site)}/${encodeURIComponent(profile.handle)}` : null;
  tabProfiles.set(sender.tab.id, account);
  if (account) tellCardFrames(sender.tab.id, { kindling: 'show', account });
}

// The profile the tab's top frame shows ("site/handle", each part
// URI-encoded, as the card's frame names accounts), or null.
async function shownKey(tabId) {
  if (tabProfiles.has(tabId)) return tabProfiles.get(tabId);
  try {
    const key = await ext.tabs.sendMessage(tabId, { kindling: 'shown' }, { frameId: 0 });
    return typeof key === 'string' && key.length <= 600 ? key : null;
  } catch {
    return null; // no content script there (a page Kindling does not read)
  }
}

// The same, as [site, handle] for the core, or null.
async function shownIn(tabId) {
  const parts = (await shownKey(tabId))?.split('/') ?? [];
  try {
    return parts.length === 2 ? parts.map(decodeURIComponent) : null;
  } catch {
    return null;
  }
}

// Each tab's card frames, by the port each keeps open.
const cardFrames = new Map();
function tellCardFrames(tabId, message) {
  for (const port of cardFrames.get(tabId) ?? []) {
    try {
      port.postMessage(message);
    } catch {
      // closed under us: its disconnect removes it
    }
  }
}

// Extension pages ask by message; a content script tells its tab's card
// frame what it shows or that the record changed.
ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.kindling === 'to_card') {
    if (sender.tab && sender.frameId === 0 && message.what === 'changed') {
      tellCardFrames(sender.tab.id, { kindling: 'changed' });
    }
    return false;
  }
  answer(message, sender).then(sendResponse);
  return true; // the answer comes asynchronously
});

// Content scripts send over a port they keep while the background runs
// (cheaper for the page than a message each); every message carries an id
// its answer echoes. The port's sender is the browser's, as a message's is.
ext.runtime.onConnect.addListener((port) => {
  if (port.name === 'card' && isCardFrame(port.sender)) {
    const tabId = port.sender.tab.id;
    if (!cardFrames.has(tabId)) cardFrames.set(tabId, new Set());
    cardFrames.get(tabId).add(port);
    port.onDisconnect.addListener(() => {
      cardFrames.get(tabId)?.delete(port);
      if (cardFrames.get(tabId)?.size === 0) cardFrames.delete(tabId);
    });
    // Closed, folded or opened by the user: the tab's content script removes
    // the frame or gives it the folded bar's or the open card's size. Only
    // the top frame's content script hears.
    port.onMessage.addListener((message) => {
      if (message?.kindling === 'close') {
        ext.tabs.sendMessage(tabId, { kindling: 'frame', what: 'close' }, { frameId: 0 }).catch(() => {});
      } else if (message?.kindling === 'fold' && typeof message.folded === 'boolean') {
        ext.tabs.sendMessage(tabId, { kindling: 'frame', what: 'fold', folded: message.folded }, { frameId: 0 })
          .catch(() => {});
      }
    });
    shownKey(tabId).then((account) => {
      try {
        if (account) port.postMessage({ kindling: 'show', account });
      } catch {
        // the frame went away first
      }
    });
    return;
  }
  if (port.name !== 'kindling') return;
  port.onMessage.addListener((envelope) => {
    answer(envelope?.message, port.sender).then((reply) => {
      try {
        port.postMessage({ id: envelope?.id, answer: reply });
      } catch {
        // the page went away before its answer
      }
    });
  });
});

// Reminders and the toolbar badge (issue 23). The core says what is due
// (`remind`: recorded as sent before it is shown, so a restart never
// repeats one), when the next is, and how many Today lines need the user.
// One alarm, armed for the next: alarms, not timers, outlive a stopped
// background and a restarted browser. Asked again on that alarm, on a
// periodic one for the badge, after every change and at every start.
// `alarms` and `notifications` are optional permissions: without them the
// APIs are absent here, and only the badge is kept (at start and on changes).
const REMINDER_ALARM = 'kindling-reminder';
const BADGE_ALARM = 'kindling-badge';
const BADGE_MINUTES = 30;
let reminding = Promise.resolve();

// Chromium refuses extension API calls while it closes ("The browser is
// shutting down"): a check or a round cut short then is no failure of
// Kindling's (the next start does it again), and is not reported as one.
const closing = (error) => /browser is shutting down/i.test(String(error?.message ?? error));

function checkReminders() {
  reminding = reminding.then(runReminders)
    .catch((error) => closing(error) || console.error('Kindling could not check its reminders:', error));
  return reminding;
}

// Engagements come in bursts: one check a few seconds after the last.
let soon = null;
function checkRemindersSoon() {
  clearTimeout(soon);
  soon = setTimeout(checkReminders, 3000);
}

async function runReminders() {
  const started = (core ??= start());
  const notify = Boolean(ext.notifications && ext.alarms);
  // In turn with the messages: the record is read and written one at a time.
  const turn = queue.then(() => started).then(() => remind(-new Date().getTimezoneOffset(), notify));
  queue = turn.catch(() => {});
  const reply = await turn;
  if (reply?.type !== 'reminders') return;
  await showBadge(reply.badge);
  if (!notify) return;
  for (const due of reply.due) await showReminder(due);
  if (reply.next) await ext.alarms.create(REMINDER_ALARM, { when: Date.parse(reply.next) });
  else await ext.alarms.clear(REMINDER_ALARM);
  if (!(await ext.alarms.get(BADGE_ALARM))) await ext.alarms.create(BADGE_ALARM, { periodInMinutes: BADGE_MINUTES });
}

// How many Today lines need the user, on the toolbar button; nothing when
// none do or the user turned it off. Kindling's own failure ("!", flag())
// keeps the button until the popup's user dismisses it.
async function showBadge(count) {
  if ((await ext.action.getBadgeText({})) === '!') return;
  if (count) await ext.action.setBadgeBackgroundColor({ color: '#0969da' });
  await ext.action.setBadgeText({ text: count ? String(count) : '' });
}

// A notification's id says what its click opens: the person's card (as
// the popup shows it, `#card=site/handle`) or Today.
async function showReminder(due) {
  const [site, handle] = due.account ?? [];
  const open = site ? `card=${encodeURIComponent(site)}/${encodeURIComponent(handle)}` : '';
  await ext.notifications.create(`kindling:${open}:${due.key}`, {
    type: 'basic',
    iconUrl: ext.runtime.getURL('icons/icon-128.png'),
    title: ext.i18n.getMessage('extName'),
    message: say(due.text),
  });
}

// What a click on a notification opens, in a tab: the popup's page, on the
// person's card or on Today. The `onClicked` listener calls this (and so
// do the tests, which cannot click a notification of the system's).
async function openReminder(id) {
  const open = /^kindling:([^:]*):/.exec(id);
  if (!open) return;
  await ext.notifications.clear(id);
  await ext.tabs.create({ url: ext.runtime.getURL(`popup.html${open[1] ? `#${open[1]}` : ''}`) });
}
// Both reachable from the tests (`inBackground`): a module's names are not globals.
globalThis.openReminder = openReminder;
globalThis.checkReminders = checkReminders;

// Listeners at the top level where the APIs exist; once granted later in
// this background's life, when the permission is added.
let listening = false;
function listenForReminders() {
  if (listening || !ext.alarms || !ext.notifications) return;
  listening = true;
  ext.alarms.onAlarm.addListener((alarm) => {
    if ([REMINDER_ALARM, BADGE_ALARM].includes(alarm.name)) checkReminders();
  });
  ext.notifications.onClicked.addListener((id) => {
    openReminder(id).catch((error) => console.error('Kindling could not open a reminder:', error));
  });
}
listenForReminders();
ext.permissions.onAdded.addListener(() => {
  listenForReminders();
  checkReminders();
});
ext.permissions.onRemoved.addListener(() => checkReminders());
// The browser's start (the badge is gone, an alarm may have been missed)
// and an install or update; not every start of the background, which
// would put an agenda before a page's first message.
ext.runtime.onStartup.addListener(() => checkReminders());
ext.runtime.onInstalled.addListener(() => checkReminders());

// Sync (issue 24, docs/sync.md). Off unless the user turned it on: then the
// core is asked for a round a few seconds after a change, when another
// device wrote, and at the browser's start. While sync is off the core
// never calls `syncArea` (the tests assert it), so local only makes no
// `storage.sync` call at all.
// `storage` (for `storage.sync`) also opens extension storage to content
// scripts, which run in pages a compromised renderer can impersonate. Where
// the browser can keep an area to Kindling's own contexts (Chromium), it
// does; Firefox cannot (bug 1724754), and there a content script finds
// `storage.local` empty and `storage.sync` empty or sealed (docs/sync.md).
for (const area of [ext.storage.local, ext.storage.sync]) {
  Promise.resolve()
    .then(() => area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }))
    .catch(() => {}); // not supported for this area here
}

const syncArea = {
  async read() {
    const all = await ext.storage.sync.get(null);
    return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('kindling.')));
  },
  async write(set, remove) {
    if (Object.keys(set).length) await ext.storage.sync.set(set);
    if (remove.length) await ext.storage.sync.remove(remove);
  },
};

let syncTimer = null;
function syncSoon(ms = 5000) {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(syncRound, ms);
}

function syncRound() {
  const started = (core ??= start());
  // In turn with the messages: the record is read and written one at a time.
  const turn = queue.then(() => started).then(() => sync_now(syncArea));
  queue = turn.catch(() => {});
  return turn.then((reply) => {
    if (reply?.type === 'sync' && reply.redraw_cards === true) tellEveryCard();
    // Backing off after a quota: the next round when the wait is over.
    const retry = reply?.type === 'sync' ? Date.parse(reply.sync?.retry_at ?? '') : NaN;
    if (retry > Date.now()) syncSoon(retry - Date.now() + 1000);
  }).catch((error) => closing(error) || console.error('Kindling could not sync:', error));
}
globalThis.syncRound = syncRound;

// Another device wrote (this one's own writes come here too: the round
// after them finds nothing to do and writes nothing).
ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && Object.keys(changes).some((key) => key.startsWith('kindling.'))) syncSoon(2000);
});
ext.runtime.onStartup.addListener(() => syncSoon(10000));
