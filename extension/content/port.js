// The content script's messages to the background (its files: state.js).
(() => {
  'use strict';

  const kindling = kindlingContent;
  if (kindling.running) return; // run a second time (state.js)
  const { ext, state } = kindling;
  const { unanswered } = state;

  // Everything goes to the background over one port, opened with the first
  // message and again after the browser stopped the background (which closes
  // it): posting on a port costs the page's main thread far less than
  // sendMessage, which waits on the browser (docs/benchmarks.md). Each
  // message has an id its answer carries. One left unanswered when the port
  // closed is sent again, three times in all, a little later each time:
  // every report is idempotent (the core derives ids from the facts).
  const WAITS = [250, 1000];

  function send(message) {
    return new Promise((resolve) => {
      const id = ++state.lastId;
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
        if (fresh || !state.port) state.port = connect();
        entry.on = state.port;
        state.port.postMessage({ id, message: entry.message });
        return;
      } catch {
        state.port = null; // closed under us: once more, on a new port
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
      if (state.port === opened) state.port = null;
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

  kindling.send = send;
})();
