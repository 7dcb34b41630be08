// The card shown on a profile page. It runs in Kindling's own origin inside
// an iframe, so the site's scripts cannot read it; the Rust core renders it.
import init, { show_overlay } from './kindling.js';

const ext = globalThis.browser ?? globalThis.chrome;

// Clickjacking: the card's buttons act only once the card has been visible
// for a moment. Chromium reports true visibility (IntersectionObserver v2:
// not covered, not made transparent or transformed by the page); other
// browsers report whether the frame is in view at all.
// `data-settled` on the root says when clicks count (tests wait for it).
const SETTLE_MS = 500;
let visibleSince = null;
let settling = null;
new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const visible = entry.isIntersecting && (entry.isVisible ?? true);
    visibleSince = visible ? (visibleSince ?? Date.now()) : null;
    clearTimeout(settling);
    if (visible) {
      settling = setTimeout(() => { document.documentElement.dataset.settled = ''; }, SETTLE_MS);
    } else {
      delete document.documentElement.dataset.settled;
    }
  }
}, { threshold: [0, 0.5, 1], trackVisibility: true, delay: 100 }).observe(document.documentElement);

// Which account to show: posted by the content script that made this
// frame ("site/handle", each part URI-encoded). A page can post the same
// (it sees the frame element), as it could set the frame's address before;
// it learns nothing by it: it cannot read the card.
let account = location.hash.slice(1) || null;
let onShow = null;
window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  // Something was recorded since the first card was asked for (a like
  // right after the page loaded): the core asks again.
  if (event.data?.kindling === 'changed') early = null;
  if (event.data?.kindling !== 'show') return;
  if (typeof event.data.account !== 'string' || event.data.account.length > 600) return;
  account = event.data.account;
  if (onShow) onShow();
  else askEarly();
});

// The card's size once drawn, told again when it changes without a redraw
// (a section opened, search results listed), and when the content script
// displays a frame that drew before it had a layout (it asks: "measure").
let fitted = null;
function refit() {
  if (!fitted) return;
  const height = document.body.scrollHeight;
  window.parent.postMessage({ kindling: 'resize', height, width: fitted.width, account: fitted.account }, '*');
}
new ResizeObserver(refit).observe(document.body);
window.addEventListener('message', (event) => {
  // Directly: a frame the page does not show gets no animation frames.
  if (event.source === window.parent && event.data?.kindling === 'measure') refit();
});

// Starting the core is most of the wait for the first card, so the first
// card is asked for while it starts, once the account is known; the core's
// own first request, if it is the same, takes that answer. The request is
// the core's `Request::Card` (messages.rs tests this shape).
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

askEarly();
// Listening now: the content script may say which account to show.
window.parent.postMessage({ kindling: 'ready' }, '*');
await init();
performance.mark('kindling-core-ready');
await show_overlay({
  account: () => account,
  shown: (redraw) => { onShow = redraw; },
  clickable: () => visibleSince !== null && Date.now() - visibleSince >= SETTLE_MS,
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
  // The content script checks that these come from this frame.
  close: () => window.parent.postMessage({ kindling: 'close' }, '*'),
  resize: (height, width, drawn) => {
    fitted = { width, account: drawn };
    window.parent.postMessage({ kindling: 'resize', height, width, account: drawn }, '*');
  },
  // Each card on screen, for tests/bench/card.mjs.
  drawn: () => requestAnimationFrame(() => performance.mark(`kindling-card-painted#${account}`)),
  // Redraw when the record changed (a like on this page): the content
  // script says so. It only asks for a redraw from the record, so a page
  // posting the same achieves nothing more; a burst of them makes one.
  changed: (redraw) => {
    let waiting = null;
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || event.data?.kindling !== 'changed') return;
      waiting ??= setTimeout(() => { waiting = null; redraw(); }, 30);
    });
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
