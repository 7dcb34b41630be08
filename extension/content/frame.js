// The card's frame on profile pages, and the words between this script and
// the card, through the background (the content script's files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const { ext, state, send } = kindling;

  // The card's frame is made only on a profile Kindling shows a card for,
  // and removed when the user leaves it: no Kindling element on feeds,
  // notifications or posts (issue 20). Everything the page can observe of
  // it (that it is there, its box, its attributes) depends only on the
  // page's address and on what the user chose (Kindling on profiles, the
  // card folded on this site), never on whom the user knows: the card is
  // drawn inside a frame of a fixed size and scrolls there. The frame
  // learns which account to show from the background, which asks this
  // script (`shown`): nothing the page posts to the frame counts.
  // Starting the card takes the frame ~100 ms, so it is made as soon as the
  // address is shaped like a profile (`profile_at`), hidden, and shown once
  // the page is seen to be that profile (`page_seen`); if it is not, the
  // frame goes when that is known or after UNCONFIRMED_MS.
  const UNCONFIRMED_MS = 5000;
  const OPEN = { width: 320, height: 460 };
  const FOLDED = { width: 320, height: 48 };

  // The frame is a subresource: made before the load event, it would hold
  // the event back, so it is made in a task after the event.
  const loaded = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', () => setTimeout(resolve), { once: true });
  });

  // The card may show only where its frame is web-accessible: the hosts
  // Kindling ships with, not Mastodon instances the user added (the
  // manifest lists them, "https://host/*"; the core says so too).
  const frameAccessible = (ext.runtime.getManifest().web_accessible_resources ?? [])
    .some((resource) => resource.matches?.includes(`${location.origin}/*`));

  function makeFrame(key) {
    const frame = document.createElement('iframe');
    state.frame = frame;
    frame.src = ext.runtime.getURL('overlay.html');
    frame.title = 'Kindling';
    frame.setAttribute('data-kindling', '');
    frame.setAttribute('data-account', key);
    // The card's "Copy" buttons write the user's own phrasings to the clipboard.
    // Any origin: Chrome loads the frame from the extension's fixed origin, not
    // the per-session one its src names, and naming the fixed one would tell
    // the page who Kindling is (use_dynamic_url). The page could grant the
    // same to any frame of its own.
    frame.allow = 'clipboard-write *';
    // CSSOM, not a style attribute: strict page CSPs block inline styles.
    const style = {
      position: 'fixed', right: '16px', bottom: '16px',
      // Zoomed in (or a small window), the card stays on screen and scrolls inside.
      'max-height': 'calc(100vh - 32px)', 'max-width': 'calc(100vw - 32px)',
      border: '0', 'border-radius': '12px', 'z-index': '2147483647', 'color-scheme': 'normal',
      'box-shadow': '0 4px 16px rgba(0,0,0,.18)', background: 'transparent', display: 'block',
    };
    for (const [name, value] of Object.entries(style)) frame.style.setProperty(name, value, 'important');
    sizeFrame();
    showFrame();
    document.documentElement.append(frame);
  }

  // Hidden until the page is seen to be the profile: it starts meanwhile.
  function showFrame() {
    state.frame?.style.setProperty('visibility', state.frameConfirmed ? 'visible' : 'hidden', 'important');
  }

  function sizeFrame() {
    if (!state.frame) return;
    const size = state.folded ? FOLDED : OPEN;
    state.frame.style.setProperty('width', `${size.width}px`, 'important');
    state.frame.style.setProperty('height', `${size.height}px`, 'important');
  }

  function removeOverlay() {
    state.frame?.remove();
    state.frame = null;
    state.frameKey = null;
    state.frameConfirmed = false;
    clearTimeout(state.unconfirmedTimer);
  }

  // The card for `profile` (site and handle): `confirmed` once the page is
  // seen to be that profile, otherwise only its address is shaped like it.
  function showOverlay(profile, confirmed) {
    const key = `${encodeURIComponent(profile.site)}/${encodeURIComponent(profile.handle)}`;
    if (key === state.dismissedKey) return;
    if (state.frameKey === key) {
      if (confirmed && !state.frameConfirmed) {
        state.frameConfirmed = true;
        clearTimeout(state.unconfirmedTimer);
        showFrame();
      }
      return;
    }
    removeOverlay();
    state.frameKey = key;
    state.frameConfirmed = confirmed;
    if (!confirmed) {
      state.unconfirmedTimer = setTimeout(() => state.frameKey === key && !state.frameConfirmed && removeOverlay(), UNCONFIRMED_MS);
    }
    loaded.then(() => {
      if (state.frameKey === key && !state.frame) makeFrame(key);
    });
  }

  // The address changed: if it is shaped like someone's profile, the card's
  // frame starts now, hidden, while the page loads the profile.
  async function lookAtAddress() {
    if (!state.overlayAllowed || !frameAccessible) return;
    const url = location.href;
    const ticket = ++state.addressTicket;
    const answer = await send({ type: 'profile_at', url });
    if (ticket !== state.addressTicket || location.href !== url || !state.overlayAllowed) return;
    if (answer?.type === 'profile_at' && answer.site && answer.handle) showOverlay(answer, false);
  }

  // What the card's frame told the background: the user closed it, or
  // folded or opened it (the frame takes that size).
  function fromCard(message) {
    if (!state.frame) return;
    if (message.what === 'close') {
      state.dismissedKey = state.frameKey;
      removeOverlay();
    } else if (message.what === 'fold' && typeof message.folded === 'boolean') {
      state.folded = message.folded;
      sizeFrame();
    }
  }

  // A word to this tab's card frame, through the background: never through
  // the page's window, where the page's scripts would read it (issue 20).
  function toCard(what) {
    try {
      ext.runtime.sendMessage({ kindling: 'to_card', what }).catch(() => {});
    } catch {
      // cut off from the extension (updated or removed)
    }
  }

  Object.assign(kindling, { frameAccessible, sizeFrame, removeOverlay, showOverlay, lookAtAddress, fromCard, toCard });
})();
