// The options page: the user's control over their data, rendered by the core.
import init, { show_options } from './kindling.js';

const ext = globalThis.browser ?? globalThis.chrome;

await init();
await show_options({ send: (message) => ext.runtime.sendMessage(message) });
