// The card shown on a profile page. It runs in Kindling's own origin inside
// an iframe, so the site's scripts cannot read it; the Rust core renders it.
import init, { show_overlay } from './kindling.js';

const ext = globalThis.browser ?? globalThis.chrome;

await init();
await show_overlay({
  send: (message) => ext.runtime.sendMessage(message),
  // The content script checks that these come from this frame.
  close: () => window.parent.postMessage({ kindling: 'close' }, '*'),
  resize: (height) => window.parent.postMessage({ kindling: 'resize', height }, '*'),
});
