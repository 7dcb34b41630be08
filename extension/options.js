// The options page: the user's control over their data, rendered by the core.
import init, { show_options } from './ui.js';

const ext = globalThis.browser ?? globalThis.chrome;

await init();
await show_options({
  send: (message) => ext.runtime.sendMessage(message),
  // Access to one Mastodon instance the user adds, asked for while their
  // click is handled (browsers allow the question only then).
  request_host: (origin) => ext.permissions.request({ origins: [origin] }),
  forget_host: (origin) => ext.permissions.remove({ origins: [origin] }),
});
