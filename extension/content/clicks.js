// The user's presses and clicks on the controls the site's rules name,
// reported as engagements (the content script's files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const { state, postFacts, personFacts, STATE_KEYS, controlState, report, closestAcross } = kindling;

  // How long a clicked toggle may take to show its new state, and how long
  // an opened reply composer is remembered.
  // (Long enough for a confirmation step, like X's "Unfollow?" sheet.)
  const SETTLE_MS = 10_000;
  const MENU_MS = 60_000;
  const REPLY_MS = 30 * 60 * 1000;

  // The first element on the click's path (shadow roots included) that is a
  // control the site's rules name, with its state as it was at the click:
  // read now when the rules are known, else taken from the snapshot of the
  // whole path made at the click.
  function controlOf(path, states) {
    const { rules } = state;
    // One match of every control's selector at once per node: most nodes on
    // a click's path are none.
    state.anyControl ??= rules.controls.map((r) => r.selector).join(', ');
    for (const [i, node] of path.entries()) {
      if (!node.matches(state.anyControl)) continue;
      const rule = rules.controls.find((r) => node.matches(r.selector));
      if (rule) return { control: node, rule, before: states ? states[i] : controlState(node, rule) };
    }
    return null;
  }

  // Report a toggle once its state flipped, or as unchanged after a while
  // (the core counts that as a miss). The element is held only until then.
  function watchToggle(control, rule, before, facts, late) {
    let done = false;
    const changed = () => {
      const now = controlState(control, rule);
      // A snapshot made before the rules arrived has no `on` probe.
      return STATE_KEYS.some((key) => !(key === 'on' && before.on === null) && now[key] !== before[key]);
    };
    const finish = () => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      report({ ...facts, before, after: controlState(control, rule) });
    };
    // The subtree too: icons and their labels change inside the control.
    const observer = new MutationObserver(() => changed() && finish());
    observer.observe(control, {
      attributes: true, subtree: true, childList: true,
      attributeFilter: ['data-testid', 'aria-pressed', 'aria-checked', 'aria-label', 'class'],
    });
    const timer = setTimeout(finish, SETTLE_MS);
    // Handled late (the rules came after the click), the site may have
    // flipped it already; otherwise this runs before the site's own handler.
    if (late && changed()) finish();
  }

  // What was under the user's last press (issue 21), read as the press
  // began: a listener added at document_start runs before any of the page's
  // own. A toggle counts only if the user pressed that very control, and
  // then its state and its post are as they were at the press: a page that
  // rewrites the post's author or the control's state between the press and
  // the click forges nothing.
  function onPress(event) {
    state.pressed = null;
    if (!event.isTrusted || !state.rules) return;
    const path = event.composedPath().filter((node) => node instanceof Element);
    const hit = controlOf(path, null);
    if (hit?.rule.role !== 'toggle') return;
    state.pressed = { control: hit.control, before: hit.before, post: postFacts(closestAcross(hit.control, state.rules.post)) };
  }

  // Was this toggle the user's own, at this click? A pointer click must land
  // on the control pressed, still in the page, inside its box; a keyboard
  // click (no pointer: `detail` 0) on the control holding the focus.
  function pressedByUser(control, click) {
    if (!click) return true; // handled late, from the snapshot at the click
    if (click.detail === 0) return control.contains(document.activeElement);
    if (state.pressed?.control !== control || !control.isConnected) return false;
    const box = control.getBoundingClientRect();
    return click.clientX >= box.left && click.clientX <= box.right && click.clientY >= box.top && click.clientY <= box.bottom;
  }

  function handleClick(path, states, click = null) {
    const hit = controlOf(path, states);
    if (!hit) return;
    const { control, rule } = hit;
    let { before } = hit;
    let post = postFacts(closestAcross(control, state.rules.post));
    if (rule.role === 'toggle') {
      if (!pressedByUser(control, click)) return;
      if (click && click.detail !== 0) ({ before, post } = state.pressed);
    }
    const facts = { control: rule.name, post };
    if (rule.role === 'open_reply') {
      state.pendingReply = { post, at: Date.now() };
    } else if (rule.role === 'close_reply') {
      state.pendingReply = null;
    } else if (rule.role === 'submit_reply') {
      if (control.matches(':disabled, [aria-disabled="true"]')) return;
      const { pendingReply } = state;
      const replyTo = pendingReply && Date.now() - pendingReply.at < REPLY_MS ? pendingReply.post : null;
      state.pendingReply = null;
      report({ ...facts, reply_to: replyTo });
    } else if (rule.role === 'open_menu') {
      state.pendingMenu = { post, at: Date.now() };
    } else if (rule.role === 'menu_item') {
      const { pendingMenu } = state;
      const menuPost = pendingMenu && Date.now() - pendingMenu.at < MENU_MS ? pendingMenu.post : null;
      state.pendingMenu = null;
      // The item's own state at the click: some menus say only in an item's
      // label what it will do (Bluesky's "Repost" / "Undo repost").
      report({ ...facts, post: menuPost, before });
    } else if (rule.role === 'toggle') {
      watchToggle(control, rule, before, { ...facts, person: personFacts(control, rule) }, states !== null);
    }
  }

  function onClick(event) {
    // Synthetic clicks from the page's own scripts are not the user's.
    if (!event.isTrusted) return;
    // The state of everything on the path is read now, before the site
    // reacts; a click that comes before the rules is handled when they do.
    const path = event.composedPath().filter((node) => node instanceof Element);
    if (state.rules) {
      handleClick(path, null, event);
    } else {
      const states = path.map((node) => controlState(node, null));
      kindling.rulesReady.then(() => state.rules && handleClick(path, states));
    }
  }

  Object.assign(kindling, { onPress, onClick, handleClick });
})();
