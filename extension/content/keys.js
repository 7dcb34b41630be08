// A site's keyboard shortcuts, handled as clicks on the focused post's
// controls (the content script's files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const { state, controlState, closestAcross, handleClick } = kindling;

  // A site's keyboard shortcut (X's "l", Mastodon's "f") acts on the post
  // that has the focus: handled as a click on that post's control. Like a
  // click, a key pressed before the rules arrive is handled when they do,
  // with the state of what the focus held as it was at the key.
  function onKey(event) {
    if (!event.isTrusted) return;
    // Escape closes a reply dialog unsent.
    if (event.key === 'Escape') state.pendingReply = null;
    if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
    const active = document.activeElement;
    if (!active || active.isContentEditable || active.matches('input, textarea, select')) return;
    if (state.rules) {
      handleKey(event.key, active, null);
      return;
    }
    const held = [active, ...active.querySelectorAll('*')].slice(0, 500);
    const states = new Map(held.map((node) => [node, controlState(node, null)]));
    kindling.rulesReady.then(() => state.rules && handleKey(event.key, active, states));
  }

  function handleKey(typed, active, states) {
    const { rules } = state;
    const key = state.keys.find((k) => k.key === typed);
    if (!key) return;
    // Only a focused post (or what is focused inside it, or a wrapper around
    // that one post): with nothing focused the body holds every post, and
    // the first is not the user's choice (issue 21).
    const inside = active === document.body || active === document.documentElement ? [] : active.querySelectorAll(rules.post);
    const post = active.matches(rules.post) ? active : closestAcross(active, rules.post) ?? (inside.length === 1 ? inside[0] : null);
    const rule = rules.controls.find((r) => r.name === key.control);
    const control = post && rule ? post.querySelector(rule.selector) : null;
    if (control) handleClick([control], states?.has(control) ? [states.get(control)] : null);
  }

  kindling.onKey = onKey;
})();
