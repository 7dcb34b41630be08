// The card shown on a profile page. It runs in Kindling's own origin inside
// an iframe, so the site's scripts cannot read it; the Rust core renders it.
import './microtasks.js'; // first: before the core starts (microtasks.js)
import init, { show_overlay } from './card.js';

const ext = globalThis.browser ?? globalThis.chrome;

// Clickjacking: the card's buttons act only once the card has been visible
// for a moment. Chromium reports true visibility (IntersectionObserver v2:
// not covered, not made transparent or transformed by the page). Firefox
// reports only whether the frame is in view, so there a click counts only
// when the whole card is in view and the user's pointer has moved over it
// for a moment (a page cannot move the user's pointer; it can hide the card
// under something see-through, which this does not catch), and a click from
// the keyboard only once the focus has been in the card for that moment
// (only the user can move it in: with Tab or a click).
// `data-settled` on the root says when a pointer click counts (tests wait for it).
const SETTLE_MS = 500;
let visibleSince = null;
let whole = false;
let trueVisibility = false;
let pointerSince = null;
let focusSince = null;
let settling = null;

function clickableNow() {
  if (visibleSince === null || Date.now() - visibleSince < SETTLE_MS) return false;
  return trueVisibility || (whole && pointerSince !== null && Date.now() - pointerSince >= SETTLE_MS);
}
// Marks the root once pointer clicks count, and unmarks it when they stop.
function settle() {
  clearTimeout(settling);
  if (clickableNow()) {
    document.documentElement.dataset.settled = '';
    return;
  }
  delete document.documentElement.dataset.settled;
  const since = [visibleSince, trueVisibility ? 0 : pointerSince];
  if (since.includes(null) || (!trueVisibility && !whole)) return;
  settling = setTimeout(settle, Math.max(0, SETTLE_MS - (Date.now() - Math.max(...since))) + 10);
}
new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const visible = entry.isIntersecting && (entry.isVisible ?? true);
    trueVisibility = entry.isVisible !== undefined;
    whole = entry.intersectionRatio >= 0.99;
    visibleSince = visible ? (visibleSince ?? Date.now()) : null;
  }
  settle();
}, { threshold: [0, 0.5, 0.99, 1], trackVisibility: true, delay: 100 }).observe(document.documentElement);
addEventListener('pointermove', (event) => {
  if (!event.isTrusted || pointerSince !== null) return;
  pointerSince = Date.now();
  settle();
}, true);
addEventListener('pointerout', (event) => {
  if (event.relatedTarget) return; // still inside the card
  pointerSince = null;
  settle();
}, true);
addEventListener('focusin', (event) => {
  if (event.isTrusted) focusSince ??= Date.now();
}, true);
addEventListener('blur', () => {
  focusSince = null;
  pointerSince = null;
  settle();
});
// Whether this click may act: the user's own, on a card they can see.
function clickable(click) {
  if (trueVisibility || click?.detail !== 0) return clickableNow();
  // A click from the keyboard (Enter or Space on a focused button).
  const since = Math.max(visibleSince ?? Infinity, focusSince ?? Infinity);
  return whole && Date.now() - since >= SETTLE_MS;
}

// Which account to show ("site/handle", each part URI-encoded): the
// background says, from the profile this tab's own content script reports,
// over a port only Kindling's contexts can reach. Nothing the page around
// the frame posts to it counts, and nothing is posted back to the page
// (issue 20): what the card tells the content script goes through the
// background. The background may stop and drop the port; it is opened again.
let account = null;
let onShow = null;
let onChanged = null;
let port = null;
function connect() {
  port = ext.runtime.connect({ name: 'card' });
  port.onMessage.addListener((message) => {
    if (message?.kindling === 'show' && typeof message.account === 'string' && message.account.length <= 600) {
      // Told again each time the page is looked at: only a new account redraws.
      if (message.account === account) return;
      account = message.account;
      if (onShow) onShow();
      else askEarly();
    } else if (message?.kindling === 'changed') {
      // Something was recorded since the first card was asked for (a like
      // right after the page loaded): the core asks again.
      early = null;
      onChanged?.();
    }
  });
  port.onDisconnect.addListener(() => { port = null; });
}
function tell(message) {
  for (const fresh of [false, true]) {
    try {
      if (fresh || !port) connect();
      port.postMessage(message);
      return;
    } catch {
      port = null;
    }
  }
}

// Starting the core is most of the wait for the first card, so the first
// card is asked for while it starts, once the account is known; the core's
// own first request, if it is the same, takes that answer. The request is
// the core's `Request::Card` (service/messages.rs tests this shape).
let early = null;
function askEarly() {
  const [site, handle, rest] = account?.split('/') ?? [];
  if (!site || !handle || rest !== undefined) return;
  const day = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  try {
    const message = {
      type: 'card', site: decodeURIComponent(site), handle: decodeURIComponent(handle),
      today: `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`,
    };
    const answer = ext.runtime.sendMessage(message);
    answer.catch(() => {}); // the core sees a failure when it takes the answer
    early = { message, answer };
  } catch {
    // Not an account the core could ask for either: it says so itself.
  }
}

function send(message) {
  const same = early && ['type', 'site', 'handle', 'today'].every((key) => message[key] === early.message[key])
    && Object.keys(message).length === 4;
  const answer = same ? early.answer : ext.runtime.sendMessage(message);
  early = null;
  return answer;
}

// Listening now: the background says which account to show.
connect();
await init();
performance.mark('kindling-core-ready');
await show_overlay({
  account: () => account,
  shown: (redraw) => { onShow = redraw; },
  clickable,
  send,
  // "Open in the popup": the toolbar popup shows this card; where the
  // browser cannot open it from here, a tab does. Firefox gives a frame in
  // a page neither the action nor the tabs API: a link's way opens the tab.
  open: async (shown) => {
    const page = `popup.html#card=${shown}`;
    try {
      await ext.action.setPopup({ popup: page });
      await ext.action.openPopup();
    } catch {
      ext.action?.setPopup({ popup: 'popup.html' }).catch(() => {});
      if (ext.tabs) await ext.tabs.create({ url: ext.runtime.getURL(page) });
      else window.open(ext.runtime.getURL(page), '_blank', 'noopener');
    }
  },
  // Reminders, from the card's offer: the browser's permissions asked
  // for while the user's click is handled (where this frame has the API:
  // Firefox's frame in a page may not, and the card then says where to
  // turn them on).
  request_reminders: () => ext.permissions.request({ permissions: ['alarms', 'notifications']
    .filter((p) => !ext.runtime.getManifest().permissions?.includes(p)) }),
  // To this tab's content script, through the background.
  close: () => tell({ kindling: 'close' }),
  // Folded or opened by the user: the frame takes that size.
  folded: (folded) => tell({ kindling: 'fold', folded }),
  // Each card on screen, for tests/bench/card.mjs.
  drawn: () => requestAnimationFrame(() => performance.mark(`kindling-card-painted#${account}`)),
  // Redraw when the record changed (a like on this page): the content
  // script says so, through the background. A burst of them makes one redraw.
  changed: (redraw) => {
    let waiting = null;
    onChanged = () => {
      waiting ??= setTimeout(() => { waiting = null; redraw(); }, 30);
    };
  },
  // Copy one of the user's own phrasings; true once it is on the clipboard.
  copy: async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // The Clipboard API can be refused inside a page's frame: copy a selection instead.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      const copied = document.execCommand('copy');
      area.remove();
      return copied;
    }
  },
});
