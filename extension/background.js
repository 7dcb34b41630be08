// The background: Chrome's service worker, Firefox's event page. It owns the
// record; every other context asks it by message. The browser may stop it at
// any moment, so nothing lives only here: listeners are registered at the top
// level, synchronously, and the wasm core is started inside them.
import init, { handle_message } from './kindling.js';

const ext = globalThis.browser ?? globalThis.chrome;
let core = null;

// A report from a page that could not be saved (a full disk, a broken
// database) must not vanish silently: the toolbar button says so.
function flag(answer, sender) {
  if (answer?.type !== 'error' || !sender.tab) return;
  ext.action.setBadgeBackgroundColor({ color: '#cf222e' });
  ext.action.setBadgeText({ text: '!' });
  ext.action.setTitle({ title: `Kindling: ${answer.message}` });
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  core ??= init();
  core
    .then(() => handle_message(message, sender, ext.runtime.id, ext.runtime.getURL('')))
    .then((answer) => {
      flag(answer, sender);
      sendResponse(answer);
    }, (error) => {
      core = null; // a failed start is retried by the next message
      sendResponse({ type: 'error', message: `Kindling's core failed: ${error}` });
    });
  return true; // the answer comes asynchronously
});
