// The toolbar popup: today's agenda and whom the user engaged with lately,
// rendered by the core; or, opened from a card on a page
// (`#card=site/handle`), that person's card.
import './microtasks.js'; // first: before the core starts (microtasks.js)
import init, { show_overlay, show_popup } from './ui.js';

const ext = globalThis.browser ?? globalThis.chrome;
const account = location.hash.startsWith('#card=') ? location.hash.slice('#card='.length) : null;
// A person's name links to their card here (#card=…): draw the page afresh.
addEventListener('hashchange', () => location.reload());

// Starting the core is much of the wait, so Today's first questions are
// asked while it starts; the core's own first requests, the same, take
// these answers. (Their shapes are the core's `Request`: service/messages.rs.)
const early = new Map();
const key = (message) => JSON.stringify(message, Object.keys(message).sort());
function send(message) {
  const asked = early.get(key(message));
  early.delete(key(message));
  return asked ?? ext.runtime.sendMessage(message);
}
if (!account) {
  const day = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const today = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  for (const message of [{ type: 'recent', limit: 8 }, { type: 'today', today }, { type: 'recording' }]) {
    const answer = ext.runtime.sendMessage(message);
    answer.catch(() => {}); // the core sees a failure when it takes the answer
    early.set(key(message), answer);
  }
}
let firstStatus = account ? null : tabStatus();

await init();
if (account) {
  // The card asked for this popup once: the toolbar button opens Today again.
  ext.action.setPopup({ popup: 'popup.html' }).catch(() => {});
  document.body.className = 'person';
  await show_overlay({
    account: () => account,
    shown: () => {},
    // Browser UI, not a page: nothing can cover or fake it.
    clickable: () => true,
    send: (message) => ext.runtime.sendMessage(message),
    close: () => window.close(),
    drawn: () => {},
    changed: () => {},
    copy: (text) => navigator.clipboard.writeText(text).then(() => true, () => false),
    // The card's offer of reminders: the permissions asked for in the click.
    // (Those this build did not get at install: Firefox grants `alarms` then.)
    request_reminders: () => ext.permissions.request({ permissions: ['alarms', 'notifications']
      .filter((p) => !ext.runtime.getManifest().permissions?.includes(p)) }),
  });
} else {
  await show_popup({
    send,
    openOptions: () => ext.runtime.openOptionsPage().then(() => window.close()),
    // The background marks the toolbar button when something went wrong on
    // a page (flag() in background.js); its title says what.
    problem: async () => ((await ext.action.getBadgeText({})) === '!' ? ext.action.getTitle({}) : null),
    clearProblem: () => Promise.all([
      ext.action.setBadgeText({ text: '' }), ext.action.setTitle({ title: ext.i18n.getMessage('extName') }),
    ]),
    // The page check: the tab's content script counts, the core answers.
    checkPage,
    copy: (text) => navigator.clipboard.writeText(text).then(() => true, () => false),
    // Asked for early too; again after each switch.
    tabStatus: () => {
      const asked = firstStatus ?? tabStatus();
      firstStatus = null;
      return asked;
    },
  });
  // Everything drawn (Recently, Today, the switches), for tests/bench/popup.mjs.
  performance.mark('kindling-popup-drawn');
}

// The tab the user is on. Opened as a tab itself (not as the toolbar
// popup), the popup speaks of the tab the user came from.
async function currentTab() {
  const self = await ext.tabs.getCurrent();
  const tabs = await ext.tabs.query({ currentWindow: true });
  return self
    ? tabs.filter((t) => t.id !== self.id).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0]
    : tabs.find((t) => t.active);
}

// The site of the tab the user is on, and whether it is recorded, from its
// content script; null where Kindling does not run.
async function tabStatus() {
  try {
    return (await ext.tabs.sendMessage((await currentTab()).id, { kindling: 'status' })) ?? null;
  } catch {
    return null;
  }
}

// What the tab's content script (the top frame's) finds on its page, as the
// core's answer; null where there is none.
async function checkPage() {
  try {
    return (await ext.tabs.sendMessage((await currentTab()).id, { kindling: 'check' }, { frameId: 0 })) ?? null;
  } catch {
    return null;
  }
}
