// Reading the page, capped: a post and its author, the person a control
// belongs to, a control's state, the signed-in user's own link, the page's
// title and header; and the report of an engagement with them (the content
// script's files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const { state, send } = kindling;

  // At most 300 UTF-16 units, never half of a character (an emoji is two).
  function text(element) {
    const whole = element?.textContent?.trim();
    if (!whole) return null;
    const cut = whole.slice(0, 300);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  }
  const href = (element) => element?.getAttribute('href')?.slice(0, state.limits.field) ?? null;

  // The post element's own attributes the rules name (Reddit's shreddit-post
  // names its author in one), those it has, capped like every other fact.
  function attributesOf(element, names) {
    const attributes = {};
    for (const name of (names ?? []).slice(0, state.limits.post_attributes)) {
      const value = element.getAttribute(name);
      if (value !== null) attributes[name] = value.slice(0, state.limits.field);
    }
    return attributes;
  }
  const postAttributes = (post) => attributesOf(post, state.rules.post_attributes);

  function postFacts(post) {
    if (!post) return null;
    const author = post.querySelector(state.rules.author);
    return {
      author_href: href(author),
      author_name: text(author),
      permalink: href(post.querySelector(state.rules.permalink)),
      attributes: postAttributes(post),
      // Only while the user keeps snippets is there a rule for the text.
      text: state.rules.text ? text(post.querySelector(state.rules.text)) : null,
    };
  }

  // The one person's cell or card (or the sidebar) a control sits in, on
  // sites that show other people's follow buttons beside the page's own
  // (X): whose button it is comes from there, not from the page.
  function personFacts(control, rule) {
    const { personRules } = state;
    const scope = personRules?.controls.includes(rule.name) ? closestAcross(control, personRules.scope) : null;
    if (!scope) return null;
    return {
      marker: (scope.getAttribute('data-testid') ?? scope.localName).slice(0, 200),
      links: [...scope.querySelectorAll(personRules.link)].slice(0, state.limits.person_links).map(href).filter(Boolean),
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
  function selfHref() {
    const found = document.querySelector(state.rules.self_link);
    const value = found?.localName === 'meta' ? found.getAttribute('content')?.slice(0, state.limits.field) ?? null : href(found);
    state.lastSelf = value || state.lastSelf;
    return state.lastSelf;
  }

  function pageFacts() {
    return {
      title: document.title.slice(0, 500),
      profile_name: text(document.querySelector(state.rules.profile_name)),
      self_href: selfHref(),
    };
  }

  function report(facts) {
    // A control inside a post is about the post's author; only one outside
    // any post (a profile's follow button) needs the profile header, whose
    // lookup costs a walk of the whole page where there is none. The user's
    // own link is the one seen when the page was last looked at, if any.
    const page = facts.post || facts.reply_to
      ? { title: document.title.slice(0, 500), profile_name: null, self_href: state.lastSelf ?? selfHref() }
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

  // closest() that also climbs out of shadow roots (Reddit renders its
  // vote buttons inside shreddit-post's shadow root).
  function closestAcross(node, selector) {
    for (let n = node; n; n = n.parentElement ?? n.getRootNode().host) {
      if (n.matches(selector)) return n;
    }
    return null;
  }

  Object.assign(kindling, {
    text, href, attributesOf, postFacts, personFacts, STATE_KEYS, controlState, selfHref, pageFacts, report, closestAcross,
  });
})();
