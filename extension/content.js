// Kindling's content script: thin and generic. It knows no site; it asks the
// background for the site's selector table, reports the facts around each
// click on a known control and each page change, and shows the overlay
// iframe on profile pages. No wasm here: strict page CSPs forbid it. No
// history here either: content scripts may only report, never read.
(() => {
  'use strict';

  const ext = globalThis.browser ?? globalThis.chrome;
  // How long a clicked toggle may take to show its new state, and how long
  // an opened reply composer is remembered.
  // (Long enough for a confirmation step, like X's "Unfollow?" sheet.)
  const SETTLE_MS = 10_000;
  const MENU_MS = 60_000;
  const REPLY_MS = 30 * 60 * 1000;

  let rules = null;
  let anyControl = null; // every control's selector in one list, made when first needed
  let pendingReply = null;
  let pendingMenu = null;
  let frame = null;
  let frameKey = null;
  let frameConfirmed = false; // the page is the profile, not only shaped like one
  let dismissedKey = null;
  let seen = { url: null, title: null };

  // Everything goes to the background over one port, opened with the first
  // message and again after the browser stopped the background (which closes
  // it): posting on a port costs the page's main thread far less than
  // sendMessage, which waits on the browser (docs/benchmarks.md). Each
  // message has an id its answer carries. One left unanswered when the port
  // closed is sent again, three times in all, a little later each time:
  // every report is idempotent (the core derives ids from the facts).
  const WAITS = [250, 1000];
  let port = null;
  let lastId = 0;
  const unanswered = new Map(); // id → { message, tries, resolve, on: the port it went on }

  function send(message) {
    return new Promise((resolve) => {
      const id = ++lastId;
      unanswered.set(id, { message, tries: 0, resolve });
      post(id);
    });
  }

  function post(id) {
    const entry = unanswered.get(id);
    if (!entry) return;
    entry.tries += 1;
    for (const fresh of [false, true]) {
      try {
        if (fresh || !port) port = connect();
        entry.on = port;
        port.postMessage({ id, message: entry.message });
        return;
      } catch {
        port = null; // closed under us: once more, on a new port
      }
    }
    // No port to be had: the extension was updated or removed, and this
    // script is cut off from it.
    unanswered.delete(id);
    entry.resolve(null);
  }

  function connect() {
    const opened = ext.runtime.connect({ name: 'kindling' });
    opened.onMessage.addListener((reply) => {
      const entry = unanswered.get(reply?.id);
      if (!entry) return;
      unanswered.delete(reply.id);
      entry.resolve(reply.answer ?? null);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
      for (const [id, entry] of unanswered) {
        if (entry.on !== opened) continue;
        entry.on = null;
        if (entry.tries > WAITS.length) {
          unanswered.delete(id);
          entry.resolve(null);
        } else {
          setTimeout(() => post(id), WAITS[entry.tries - 1]);
        }
      }
    });
    return opened;
  }

  // At most 300 UTF-16 units, never half of a character (an emoji is two).
  function text(element) {
    const whole = element?.textContent?.trim();
    if (!whole) return null;
    const cut = whole.slice(0, 300);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  }
  const href = (element) => element?.getAttribute('href')?.slice(0, 2048) ?? null;

  // The post element's own attributes the rules name (Reddit's shreddit-post
  // names its author in one), those it has, capped like every other fact.
  function attributesOf(element, names) {
    const attributes = {};
    for (const name of (names ?? []).slice(0, 4)) {
      const value = element.getAttribute(name);
      if (value !== null) attributes[name] = value.slice(0, 2048);
    }
    return attributes;
  }
  const postAttributes = (post) => attributesOf(post, rules.post_attributes);

  function postFacts(post) {
    if (!post) return null;
    const author = post.querySelector(rules.author);
    return {
      author_href: href(author),
      author_name: text(author),
      permalink: href(post.querySelector(rules.permalink)),
      attributes: postAttributes(post),
      // Only while the user keeps snippets is there a rule for the text.
      text: rules.text ? text(post.querySelector(rules.text)) : null,
    };
  }

  // The one person's cell or card (or the sidebar) a control sits in, on
  // sites that show other people's follow buttons beside the page's own
  // (X): whose button it is comes from there, not from the page.
  function personFacts(control, rule) {
    const scope = personRules?.controls.includes(rule.name) ? closestAcross(control, personRules.scope) : null;
    if (!scope) return null;
    return {
      marker: (scope.getAttribute('data-testid') ?? scope.localName).slice(0, 200),
      links: [...scope.querySelectorAll(personRules.link)].slice(0, 4).map(href).filter(Boolean),
    };
  }

  const STATE_KEYS = ['testid', 'pressed', 'checked', 'active', 'label', 'on'];

  // What a control shows of its state. `on` is the rule's own probe, for
  // toggles whose state is only in what they contain (a filled icon).
  function controlState(control, rule) {
    const labelled = control.hasAttribute('aria-label') ? control : control.querySelector('[aria-label]');
    return {
      testid: control.getAttribute('data-testid'),
      pressed: control.getAttribute('aria-pressed'),
      checked: control.getAttribute('aria-checked'),
      active: control.classList.contains('active'),
      label: labelled?.getAttribute('aria-label')?.slice(0, 300) ?? null,
      on: rule?.on ? control.matches(rule.on) || control.querySelector(rule.on) !== null : null,
    };
  }

  // The signed-in user's profile link, as last shown in this document. Some
  // sites show it only on some pages (Facebook: in the home feed's left
  // rail, not on profile pages). Kept across the site's own navigation on
  // the assumption that no supported site switches accounts without loading
  // a new document.
  // A site that names the user in a `<meta>` rather than a link (GitHub's
  // `meta[name="user-login"]`) gives its `content`: a bare handle, which
  // that site's adapter reads as such.
  let lastSelf = null;
  function selfHref() {
    const found = document.querySelector(rules.self_link);
    const value = found?.localName === 'meta' ? found.getAttribute('content')?.slice(0, 2048) ?? null : href(found);
    lastSelf = value || lastSelf;
    return lastSelf;
  }

  function pageFacts() {
    return {
      title: document.title.slice(0, 500),
      profile_name: text(document.querySelector(rules.profile_name)),
      self_href: selfHref(),
    };
  }

  function report(facts) {
    // A control inside a post is about the post's author; only one outside
    // any post (a profile's follow button) needs the profile header, whose
    // lookup costs a walk of the whole page where there is none. The user's
    // own link is the one seen when the page was last looked at, if any.
    const page = facts.post || facts.reply_to
      ? { title: document.title.slice(0, 500), profile_name: null, self_href: lastSelf ?? selfHref() }
      : pageFacts();
    send({
      type: 'engagement',
      url: location.href,
      facts: {
        ...facts, self_href: page.self_href, profile_name: page.profile_name, title: page.title,
        event: crypto.randomUUID(),
      },
    });
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

  // closest() that also climbs out of shadow roots (Reddit renders its
  // vote buttons inside shreddit-post's shadow root).
  function closestAcross(node, selector) {
    for (let n = node; n; n = n.parentElement ?? n.getRootNode().host) {
      if (n.matches(selector)) return n;
    }
    return null;
  }

  // The first element on the click's path (shadow roots included) that is a
  // control the site's rules name, with its state as it was at the click:
  // read now when the rules are known, else taken from the snapshot of the
  // whole path made at the click.
  function controlOf(path, states) {
    // One match of every control's selector at once per node: most nodes on
    // a click's path are none.
    anyControl ??= rules.controls.map((r) => r.selector).join(', ');
    for (const [i, node] of path.entries()) {
      if (!node.matches(anyControl)) continue;
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
  let pressed = null; // { path, toggle, before, post } | null
  function onPress(event) {
    pressed = null;
    if (!event.isTrusted || !rules) return;
    const path = event.composedPath().filter((node) => node instanceof Element);
    const hit = controlOf(path, null);
    if (hit?.rule.role !== 'toggle') return;
    pressed = { control: hit.control, before: hit.before, post: postFacts(closestAcross(hit.control, rules.post)) };
  }

  // Was this toggle the user's own, at this click? A pointer click must land
  // on the control pressed, still in the page, inside its box; a keyboard
  // click (no pointer: `detail` 0) on the control holding the focus.
  function pressedByUser(control, click) {
    if (!click) return true; // handled late, from the snapshot at the click
    if (click.detail === 0) return control.contains(document.activeElement);
    if (pressed?.control !== control || !control.isConnected) return false;
    const box = control.getBoundingClientRect();
    return click.clientX >= box.left && click.clientX <= box.right && click.clientY >= box.top && click.clientY <= box.bottom;
  }

  function handleClick(path, states, click = null) {
    const hit = controlOf(path, states);
    if (!hit) return;
    const { control, rule } = hit;
    let { before } = hit;
    let post = postFacts(closestAcross(control, rules.post));
    if (rule.role === 'toggle') {
      if (!pressedByUser(control, click)) return;
      if (click && click.detail !== 0) ({ before, post } = pressed);
    }
    const facts = { control: rule.name, post };
    if (rule.role === 'open_reply') {
      pendingReply = { post, at: Date.now() };
    } else if (rule.role === 'close_reply') {
      pendingReply = null;
    } else if (rule.role === 'submit_reply') {
      if (control.matches(':disabled, [aria-disabled="true"]')) return;
      const replyTo = pendingReply && Date.now() - pendingReply.at < REPLY_MS ? pendingReply.post : null;
      pendingReply = null;
      report({ ...facts, reply_to: replyTo });
    } else if (rule.role === 'open_menu') {
      pendingMenu = { post, at: Date.now() };
    } else if (rule.role === 'menu_item') {
      const menuPost = pendingMenu && Date.now() - pendingMenu.at < MENU_MS ? pendingMenu.post : null;
      pendingMenu = null;
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
    if (rules) {
      handleClick(path, null, event);
    } else {
      const states = path.map((node) => controlState(node, null));
      rulesReady.then(() => rules && handleClick(path, states));
    }
  }

  // A site's keyboard shortcut (X's "l", Mastodon's "f") acts on the post
  // that has the focus: handled as a click on that post's control. Like a
  // click, a key pressed before the rules arrive is handled when they do,
  // with the state of what the focus held as it was at the key.
  function onKey(event) {
    if (!event.isTrusted) return;
    // Escape closes a reply dialog unsent.
    if (event.key === 'Escape') pendingReply = null;
    if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
    const active = document.activeElement;
    if (!active || active.isContentEditable || active.matches('input, textarea, select')) return;
    if (rules) {
      handleKey(event.key, active, null);
      return;
    }
    const held = [active, ...active.querySelectorAll('*')].slice(0, 500);
    const states = new Map(held.map((node) => [node, controlState(node, null)]));
    rulesReady.then(() => rules && handleKey(event.key, active, states));
  }

  function handleKey(typed, active, states) {
    const key = keys.find((k) => k.key === typed);
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
  let folded = false;

  // The frame is a subresource: made before the load event, it would hold
  // the event back, so it is made in a task after the event.
  const loaded = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', () => setTimeout(resolve), { once: true });
  });

  function makeFrame(key) {
    frame = document.createElement('iframe');
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
    frame?.style.setProperty('visibility', frameConfirmed ? 'visible' : 'hidden', 'important');
  }

  function sizeFrame() {
    if (!frame) return;
    const size = folded ? FOLDED : OPEN;
    frame.style.setProperty('width', `${size.width}px`, 'important');
    frame.style.setProperty('height', `${size.height}px`, 'important');
  }

  let unconfirmedTimer = 0;
  function removeOverlay() {
    frame?.remove();
    frame = null;
    frameKey = null;
    frameConfirmed = false;
    clearTimeout(unconfirmedTimer);
  }

  // The card for `profile` (site and handle): `confirmed` once the page is
  // seen to be that profile, otherwise only its address is shaped like it.
  function showOverlay(profile, confirmed) {
    const key = `${encodeURIComponent(profile.site)}/${encodeURIComponent(profile.handle)}`;
    if (key === dismissedKey) return;
    if (frameKey === key) {
      if (confirmed && !frameConfirmed) {
        frameConfirmed = true;
        clearTimeout(unconfirmedTimer);
        showFrame();
      }
      return;
    }
    removeOverlay();
    frameKey = key;
    frameConfirmed = confirmed;
    if (!confirmed) {
      unconfirmedTimer = setTimeout(() => frameKey === key && !frameConfirmed && removeOverlay(), UNCONFIRMED_MS);
    }
    loaded.then(() => {
      if (frameKey === key && !frame) makeFrame(key);
    });
  }

  // The address changed: if it is shaped like someone's profile, the card's
  // frame starts now, hidden, while the page loads the profile.
  let addressTicket = 0;
  async function lookAtAddress() {
    if (!overlayAllowed || !frameAccessible) return;
    const url = location.href;
    const ticket = ++addressTicket;
    const answer = await send({ type: 'profile_at', url });
    if (ticket !== addressTicket || location.href !== url || !overlayAllowed) return;
    if (answer?.type === 'profile_at' && answer.site && answer.handle) showOverlay(answer, false);
  }

  // What the card's frame told the background: the user closed it, or
  // folded or opened it (the frame takes that size).
  function fromCard(message) {
    if (!frame) return;
    if (message.what === 'close') {
      dismissedKey = frameKey;
      removeOverlay();
    } else if (message.what === 'fold' && typeof message.folded === 'boolean') {
      folded = message.folded;
      sizeFrame();
    }
  }

  // A page the core says lists what others did to the user (notifications)
  // is read item by item, now and as more items load; each item is sent
  // once per page view. Nothing is read on any other page.
  const BATCH = 50;
  let scanner = null;

  const actorFacts = (a) => ({ href: href(a), name: text(a), label: a.getAttribute('aria-label')?.slice(0, 300) ?? null });

  // An element around a reply in a thread (the comment it answers, the
  // thread's post): its named attributes, first author link and permalink.
  function contextFacts(element, inbound) {
    if (!element) return null;
    const author = element.querySelector(inbound.actor);
    return {
      attributes: attributesOf(element, inbound.attributes),
      author: author ? actorFacts(author) : null,
      permalink: href(element.querySelector(inbound.permalink)),
    };
  }

  function itemFacts(item, inbound) {
    const classes = typeof item.className === 'string' ? item.className : '';
    const icon = inbound.icon ? item.querySelector(inbound.icon) : null;
    return {
      marker: `${item.getAttribute('data-testid') ?? ''} ${classes}`.trim().slice(0, 500),
      label: item.getAttribute('aria-label')?.slice(0, 300) ?? null,
      href: item.matches('a[href]') ? href(item) : null,
      actors: [...item.querySelectorAll(inbound.actor)].slice(0, 8).map(actorFacts),
      permalink: href(item.querySelector(inbound.permalink)),
      // GitHub writes its times as `relative-time` elements.
      time: item.querySelector('time[datetime], relative-time[datetime]')?.getAttribute('datetime')?.slice(0, 64) ?? null,
      attributes: attributesOf(item, inbound.attributes),
      icon: (icon?.matches('path') ? icon : icon?.querySelector('path'))?.getAttribute('d')?.slice(0, 300) ?? null,
      parent: inbound.parent ? contextFacts(item.parentElement?.closest(inbound.parent), inbound) : null,
      root: inbound.root ? contextFacts(document.querySelector(inbound.root), inbound) : null,
    };
  }

  function stopScanning() {
    checkInbound = null;
    if (!scanner) return;
    scanner.observer.disconnect();
    clearTimeout(scanner.timer);
    scanner = null;
  }

  function startScanning(inbound) {
    stopScanning();
    checkInbound = inbound;
    const sent = new Set();
    const state = { timer: 0, observer: null };
    const scan = () => {
      state.timer = 0;
      const fresh = [];
      for (const item of document.querySelectorAll(inbound.item)) {
        const facts = itemFacts(item, inbound);
        const key = JSON.stringify(facts);
        if (!sent.has(key)) {
          sent.add(key);
          fresh.push(facts);
        }
      }
      const self = selfHref();
      for (let i = 0; i < fresh.length; i += BATCH) {
        send({ type: 'inbound', url: location.href, self_href: self, items: fresh.slice(i, i + BATCH) });
      }
    };
    // Lists grow as the user scrolls: look again at most twice a second.
    state.observer = new MutationObserver(() => {
      if (!state.timer) state.timer = setTimeout(scan, 500);
    });
    state.observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    scanner = state;
    scan();
  }

  // The popup's page check: how often each of the rules matches on the page
  // (counts only; the core says what they mean). Posts are looked into up to
  // CHECKED_POSTS, and into their open shadow roots (Reddit's controls).
  const CHECKED_POSTS = 200;
  let checkInbound = null; // where this page lists notifications (the last page_seen answer said)
  function pageCounts() {
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

  // A profile is visited only by the user (issue 21): the document was
  // loaded, or its address changed within BY_USER_MS of the user's own
  // click, tap or key press in this tab. A page script's pushState alone
  // visits no one (the core records no visit without `by_user`).
  const BY_USER_MS = 5000;
  let lastInput = -Infinity;
  for (const type of ['pointerdown', 'keydown']) {
    addEventListener(type, (event) => {
      if (event.isTrusted) lastInput = performance.now();
    }, { capture: true, passive: true });
  }
  let addressByUser = true; // this document's own address: it was loaded
  // When this document's navigation started (whole ms), sent while its own address is
  // looked at: the core knows whether a page script, not the user, took the
  // tab's document before this one away at that moment (below).
  let started = Math.round(performance.timeOrigin);
  // A page script taking the tab to another document (`location.assign`,
  // a form it submits) is not the user: not a link or form the user used,
  // no click or key of theirs moments before. The core is told, so the
  // next document's load visits no one. The browser's own navigations (an
  // address typed, back, reload) fire no `navigate` event here and count.
  globalThis.navigation?.addEventListener('navigate', (event) => {
    if (event.destination.sameDocument || event.userInitiated || performance.now() - lastInput <= BY_USER_MS) return;
    send({ type: 'left_by_script', url: location.href, at: Date.now() });
  });
  let changed = null; // the last address change the Navigation API reported, and whether the user's input came just before

  let evaluations = 0;
  async function evaluatePage() {
    const now = { url: location.href, title: document.title };
    if (now.url === seen.url && now.title === seen.title) return;
    if (now.url !== seen.url) dismissedKey = null;
    seen = now;
    const ticket = ++evaluations;
    const answer = await send({ type: 'page_seen', url: now.url, page: pageFacts(), by_user: addressByUser, started });
    // Answers can arrive out of order (the background answers concurrently);
    // only the latest look at the page decides.
    if (ticket !== evaluations || location.href !== now.url) return;
    const profile = answer?.type === 'page' ? answer.profile : null;
    shownProfile = profile && !profile.is_self && frameAccessible ? profile : null;
    if (shownProfile && overlayAllowed) showOverlay(shownProfile, true);
    // A frame started from the address waits while the profile may still
    // be loading (its header, its title); not for the user's own.
    else if (frameConfirmed || profile?.is_self || !overlayAllowed) removeOverlay();
    if (answer?.type === 'page' && answer.inbound) startScanning(answer.inbound);
    else stopScanning();
  }

  // Sites change pages with pushState; the isolated world cannot see the
  // page's calls, so watch what they change: the URL and the title.
  // Sites touch <head> constantly (X inserts styles many times a second),
  // so only a changed URL or title counts, and the first change starts a
  // short timer that later changes do not push back (a debounce would
  // starve while <head> keeps changing).
  let pending = 0;
  let pendingShort = false;
  let pendingTitle = null;
  let address = location.href; // the address the card and the scanner are for
  function schedule() {
    if (location.href === seen.url && document.title === seen.title) return;
    // A card never outlives the page it was for, and the next look at the
    // page must happen even if it comes back to the one seen last (A → B → A
    // within the timer).
    if (location.href !== address) {
      address = location.href;
      addressByUser = changed?.url === address ? changed.byUser : performance.now() - lastInput <= BY_USER_MS;
      started = null;
      removeOverlay();
      stopScanning();
      dismissedKey = null;
      seen = { url: null, title: null };
      lookAtAddress();
    }
    // A new address waits for its page to settle; a new title, on the page
    // looked at or since the address changed (the profile's, once it
    // loaded), is looked at almost at once. A short wait is never put off.
    const titled = location.href === seen.url || (pending !== 0 && document.title !== pendingTitle);
    if (pending && (pendingShort || !titled)) return;
    clearTimeout(pending);
    pendingShort = titled;
    pendingTitle = document.title;
    pending = setTimeout(lookAgain, titled ? 20 : 100);
  }

  function lookAgain() {
    pending = 0;
    evaluatePage();
  }

  // The card may show only where its frame is web-accessible: the hosts
  // Kindling ships with, not Mastodon instances the user added (the
  // manifest lists them, "https://host/*"; the core says so too).
  const frameAccessible = (ext.runtime.getManifest().web_accessible_resources ?? [])
    .some((resource) => resource.matches?.includes(`${location.origin}/*`));

  // The profile this page shows, where a card may be (not the user's own).
  let shownProfile = null;
  let overlayAllowed = false;
  let keys = [];
  let personRules = null;
  const rulesReady = send({ type: 'site_rules', url: location.href }).then((answer) => {
    rules = answer?.type === 'site_rules' ? answer.rules : null;
    anyControl = null;
    overlayAllowed = answer?.type === 'site_rules' && answer.overlay === true;
    folded = answer?.type === 'site_rules' && answer.folded === true;
    keys = (answer?.type === 'site_rules' && answer.keys) || [];
    personRules = (answer?.type === 'site_rules' && answer.person) || null;
  });

  // The popup asks whether this tab's site is being recorded (the
  // background answers for this page's address).
  ext.runtime.onMessage.addListener((message, sender, reply) => {
    if (sender.id !== ext.runtime.id) return false;
    // Something changed on the options page or in the popup: the card redraws.
    // The background asks which profile the card's frame may show.
    if (message?.kindling === 'shown') {
      reply(frame?.isConnected && frameKey && frameConfirmed ? frameKey : null);
      return false;
    }
    if (message?.kindling === 'frame') {
      fromCard(message);
      return false;
    }
    if (message?.kindling === 'changed') {
      if (frameKey) toCard('changed');
      // The rules follow the settings (snippets kept or not), and so does the
      // card: Kindling on profiles turned off or on, the card folded or
      // opened on this site (in this tab or another).
      if (rules) {
        send({ type: 'site_rules', url: location.href }).then((answer) => {
          if (answer?.type !== 'site_rules' || !answer.rules) return;
          rules = answer.rules;
          anyControl = null;
          overlayAllowed = answer.overlay === true;
          folded = answer.folded === true;
          if (!overlayAllowed) removeOverlay();
          else if (shownProfile) showOverlay(shownProfile, true);
          sizeFrame();
        });
      }
      return false;
    }
    if (message?.kindling === 'check') {
      rulesReady.then(() => (rules ? send({ type: 'page_check', url: location.href, page: pageFacts(), counts: pageCounts() }) : null))
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
    await rulesReady;
    if (!rules || !keys.length) document.removeEventListener('keydown', onKey, true);
    if (!rules) {
      globalThis.removeEventListener('pointerdown', onPress, { capture: true });
      globalThis.removeEventListener('click', onClick, true);
      return;
    }
    lookAtAddress();
    await parsed;
    addEventListener('popstate', schedule);
    globalThis.navigation?.addEventListener('navigatesuccess', schedule);
    // Fired at the address change itself (pushState included): whether the
    // user's own input came moments before is judged then, not when the
    // page later shows the new title. Not a look at the page: a site may
    // change the address before it draws the new page (GitHub's Turbo).
    globalThis.navigation?.addEventListener('currententrychange', () => {
      changed = { url: location.href, byUser: performance.now() - lastInput <= BY_USER_MS };
    });
    new MutationObserver(schedule).observe(document.head ?? document.documentElement, {
      childList: true, subtree: true, characterData: true,
    });
    evaluatePage();
  }

  start();
})();
