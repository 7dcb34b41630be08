// Reading a page that lists what others did to the user (the content
// script's files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const { state, send, text, href, attributesOf, selfHref } = kindling;

  // A page the core says lists what others did to the user (notifications)
  // is read item by item, now and as more items load; each item is sent
  // once per page view. Nothing is read on any other page. Batches and
  // actors are cut to the core's caps (state.limits, from site_rules).

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
      actors: [...item.querySelectorAll(inbound.actor)].slice(0, state.limits.actors).map(actorFacts),
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
    state.checkInbound = null;
    if (!state.scanner) return;
    state.scanner.observer.disconnect();
    clearTimeout(state.scanner.timer);
    state.scanner = null;
  }

  function startScanning(inbound) {
    stopScanning();
    state.checkInbound = inbound;
    const sent = new Set();
    const scanner = { timer: 0, observer: null };
    const scan = () => {
      scanner.timer = 0;
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
      const batch = state.limits.inbound_items;
      for (let i = 0; i < fresh.length; i += batch) {
        send({ type: 'inbound', url: location.href, self_href: self, items: fresh.slice(i, i + batch) });
      }
    };
    // Lists grow as the user scrolls: look again at most twice a second.
    scanner.observer = new MutationObserver(() => {
      if (!scanner.timer) scanner.timer = setTimeout(scan, 500);
    });
    scanner.observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    state.scanner = scanner;
    scan();
  }

  Object.assign(kindling, { startScanning, stopScanning });
})();
