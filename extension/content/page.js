// Which page this is: the page looked at when its address or title changes
// (page_seen), and whether the user brought the tab there (the content
// script's files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const {
    state, send, pageFacts, frameAccessible, removeOverlay, showOverlay, lookAtAddress, startScanning, stopScanning,
  } = kindling;

  // A profile is visited only by the user (issue 21): the document was
  // loaded, or its address changed within BY_USER_MS of the user's own
  // click, tap or key press in this tab. A page script's pushState alone
  // visits no one (the core records no visit without `by_user`).
  const BY_USER_MS = 5000;
  const byUser = () => performance.now() - state.lastInput <= BY_USER_MS;
  for (const type of ['pointerdown', 'keydown']) {
    addEventListener(type, (event) => {
      if (event.isTrusted) state.lastInput = performance.now();
    }, { capture: true, passive: true });
  }
  // Fired at the address change itself (pushState included): whether the
  // user's own input came moments before is judged then, not when the page
  // later shows the new title. Listened to from the start, so a change made
  // while the page loads is judged too.
  globalThis.navigation?.addEventListener('currententrychange', () => {
    state.changed = { url: location.href, byUser: byUser() };
  });

  // The address changed before Kindling first looked (the page's script
  // pushed or replaced it while the page loaded): the load was the user's,
  // this address may not be. Without the user's input moments before, the
  // core is told the address loaded, and counts a visit only if both are
  // the same profile (a site tidying its own address).
  function adoptAddress() {
    if (location.href === state.address) return;
    const byInput = state.changed?.url === location.href ? state.changed.byUser : byUser();
    state.loaded = byInput ? null : state.address;
    state.address = location.href;
  }

  // A page script taking the tab to another document (`location.assign`,
  // a form it submits) is not the user: not a link or form the user used,
  // no click or key of theirs moments before. The core is told, so the
  // next document's load visits no one. The browser's own navigations (an
  // address typed, back, reload) fire no `navigate` event here and count.
  globalThis.navigation?.addEventListener('navigate', (event) => {
    if (event.destination.sameDocument || event.userInitiated || byUser()) return;
    send({ type: 'left_by_script', url: location.href, at: Date.now() });
  });

  async function evaluatePage() {
    const now = { url: location.href, title: document.title };
    if (now.url === state.seen.url && now.title === state.seen.title) return;
    if (now.url !== state.seen.url) state.dismissedKey = null;
    state.seen = now;
    const ticket = ++state.evaluations;
    const answer = await send({ type: 'page_seen', url: now.url, page: pageFacts(), by_user: state.addressByUser, started: state.started, loaded: state.loaded,
    });
    // Answers can arrive out of order (the background answers concurrently);
    // only the latest look at the page decides.
    if (ticket !== state.evaluations || location.href !== now.url) return;
    const profile = answer?.type === 'page' ? answer.profile : null;
    state.shownProfile = profile && !profile.is_self && frameAccessible ? profile : null;
    if (state.shownProfile && state.overlayAllowed) showOverlay(state.shownProfile, true);
    // A frame started from the address waits while the profile may still
    // be loading (its header, its title); not for the user's own.
    else if (state.frameConfirmed || profile?.is_self || !state.overlayAllowed) removeOverlay();
    if (answer?.type === 'page' && answer.inbound) startScanning(answer.inbound);
    else stopScanning();
  }

  // Sites change pages with pushState; the isolated world cannot see the
  // page's calls, so watch what they change: the URL and the title.
  // Sites touch <head> constantly (X inserts styles many times a second),
  // so only a changed URL or title counts, and the first change starts a
  // short timer that later changes do not push back (a debounce would
  // starve while <head> keeps changing).
  function schedule() {
    if (location.href === state.seen.url && document.title === state.seen.title) return;
    // A card never outlives the page it was for, and the next look at the
    // page must happen even if it comes back to the one seen last (A → B → A
    // within the timer).
    if (location.href !== state.address) {
      state.address = location.href;
      state.addressByUser = state.changed?.url === state.address ? state.changed.byUser : byUser();
      state.started = null;
      state.loaded = null;
      removeOverlay();
      stopScanning();
      state.dismissedKey = null;
      state.seen = { url: null, title: null };
      lookAtAddress();
    }
    // A new address waits for its page to settle; a new title, on the page
    // looked at or since the address changed (the profile's, once it
    // loaded), is looked at almost at once. A short wait is never put off.
    const { pending } = state;
    const titled = location.href === state.seen.url || (pending !== 0 && document.title !== state.pendingTitle);
    if (pending && (state.pendingShort || !titled)) return;
    clearTimeout(pending);
    state.pendingShort = titled;
    state.pendingTitle = document.title;
    state.pending = setTimeout(lookAgain, titled ? 20 : 100);
  }

  function lookAgain() {
    state.pending = 0;
    evaluatePage();
  }

  Object.assign(kindling, { adoptAddress, byUser, evaluatePage, schedule });
})();
