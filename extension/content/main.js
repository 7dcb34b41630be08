// The site's rules, the messages of the extension's other parts (the
// popup's questions and page check, the card's words, changed settings),
// and the start: the last of the content script's files (state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  kindling.running = true;
  const {
    ext, state, send, pageFacts, onPress, onClick, onKey, sizeFrame, removeOverlay, showOverlay, lookAtAddress,
    fromCard, toCard, evaluatePage, schedule,
  } = kindling;

  // The rules, and whether and how the card shows, as a site_rules answer
  // says: asked for at once, and again when the settings change (below).
  function takeRules(answer) {
    const ok = answer?.type === 'site_rules';
    state.rules = ok ? answer.rules : null;
    state.anyControl = null;
    state.overlayAllowed = ok && answer.overlay === true;
    state.folded = ok && answer.folded === true;
    // The caps the core checks reports against: facts are cut to them here.
    state.limits = ok ? answer.limits : null;
    if (!state.limits) state.rules = null;
  }
  kindling.rulesReady = send({ type: 'site_rules', url: location.href }).then((answer) => {
    takeRules(answer);
    state.keys = (answer?.type === 'site_rules' && answer.keys) || [];
    state.personRules = (answer?.type === 'site_rules' && answer.person) || null;
  });

  // The popup's page check: how often each of the rules matches on the page
  // (counts only; the core says what they mean). Posts are looked into up to
  // CHECKED_POSTS, and into their open shadow roots (Reddit's controls).
  const CHECKED_POSTS = 200;
  function pageCounts() {
    const { rules, personRules, checkInbound } = state;
    const count = (selector) => (selector ? document.querySelectorAll(selector).length : 0);
    const inside = (post, selector) => Boolean(selector) && Boolean(post.querySelector(selector) ?? post.shadowRoot?.querySelector(selector));
    const posts = rules.post ? document.querySelectorAll(rules.post) : [];
    const checked = [...posts].slice(0, CHECKED_POSTS);
    const markers = { post: posts.length, self_link: count(rules.self_link), profile_name: count(rules.profile_name) };
    if (personRules) markers.person = count(personRules.scope);
    if (checkInbound) markers.inbound_item = count(checkInbound.item);
    const selectors = new Map(); // a control's name → its rules' selectors, as one list
    for (const rule of rules.controls) selectors.set(rule.name, [selectors.get(rule.name), rule.selector].filter(Boolean).join(', '));
    const onPage = {};
    const inPosts = {};
    for (const [name, selector] of selectors) {
      const shadowed = checked.reduce((n, post) => n + (post.shadowRoot?.querySelectorAll(selector).length ?? 0), 0);
      onPage[name] = count(selector) + shadowed;
      inPosts[name] = checked.filter((post) => inside(post, selector)).length;
    }
    return {
      markers,
      posts_checked: checked.length,
      with_author: checked.filter((post) => inside(post, rules.author)).length,
      with_permalink: checked.filter((post) => inside(post, rules.permalink)).length,
      controls_on_page: onPage,
      controls_in_posts: inPosts,
    };
  }

  // The popup asks whether this tab's site is being recorded (the
  // background answers for this page's address).
  ext.runtime.onMessage.addListener((message, sender, reply) => {
    if (sender.id !== ext.runtime.id) return false;
    // Something changed on the options page or in the popup: the card redraws.
    // The background asks which profile the card's frame may show.
    if (message?.kindling === 'shown') {
      reply(state.frame?.isConnected && state.frameKey && state.frameConfirmed ? state.frameKey : null);
      return false;
    }
    if (message?.kindling === 'frame') {
      fromCard(message);
      return false;
    }
    if (message?.kindling === 'changed') {
      if (state.frameKey) toCard('changed');
      // The rules follow the settings (snippets kept or not), and so does the
      // card: Kindling on profiles turned off or on, the card folded or
      // opened on this site (in this tab or another).
      if (state.rules) {
        send({ type: 'site_rules', url: location.href }).then((answer) => {
          if (answer?.type !== 'site_rules' || !answer.rules) return;
          takeRules(answer);
          if (!state.overlayAllowed) removeOverlay();
          else if (state.shownProfile) showOverlay(state.shownProfile, true);
          sizeFrame();
        });
      }
      return false;
    }
    if (message?.kindling === 'check') {
      kindling.rulesReady
        .then(() => (state.rules ? send({ type: 'page_check', url: location.href, page: pageFacts(), counts: pageCounts() }) : null))
        .then(reply);
      return true;
    }
    if (message?.kindling !== 'status') return false;
    send({ type: 'site_rules', url: location.href }).then((answer) => reply(
      answer?.type === 'site_rules' && answer.site ? { site: answer.site, recording: answer.recording === true } : null,
    ));
    return true;
  });

  // The script runs at document_start: a script Chromium injects at
  // document_idle holds back the page's load event (~90 ms on the heavy feed,
  // even an empty one; docs/benchmarks.md), one at document_start does not.
  // The rules are asked for at once; reading the page waits for its parse.
  const parsed = document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
    : Promise.resolve();

  async function start() {
    // On the window, capturing: before any listener of the page's.
    addEventListener('pointerdown', onPress, { capture: true, passive: true });
    addEventListener('click', onClick, true);
    document.addEventListener('keydown', onKey, true);
    await kindling.rulesReady;
    if (!state.rules || !state.keys.length) document.removeEventListener('keydown', onKey, true);
    if (!state.rules) {
      globalThis.removeEventListener('pointerdown', onPress, { capture: true });
      globalThis.removeEventListener('click', onClick, true);
      return;
    }
    lookAtAddress();
    await parsed;
    addEventListener('popstate', schedule);
    globalThis.navigation?.addEventListener('navigatesuccess', schedule);
    new MutationObserver(schedule).observe(document.head ?? document.documentElement, {
      childList: true, subtree: true, characterData: true,
    });
    kindling.adoptAddress();
    evaluatePage();
  }

  start();
})();
