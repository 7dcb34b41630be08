// The toolbar popup: whom the user engaged with lately, rendered by the core.
import init, { show_popup } from './kindling.js';

const ext = globalThis.browser ?? globalThis.chrome;

await init();
await show_popup({
  send: (message) => ext.runtime.sendMessage(message),
  openOptions: () => ext.runtime.openOptionsPage().then(() => window.close()),
});
