// The options page: the user's control over their data, rendered by the core.
import './microtasks.js'; // first: before the core starts (microtasks.js)
import init, { show_options } from './ui.js';

const ext = globalThis.browser ?? globalThis.chrome;
// Reminders' permissions, those this build did not get at install (Firefox
// grants `alarms` at install: tools/assemble.mjs).
const REMINDERS = ['alarms', 'notifications'].filter((p) => !ext.runtime.getManifest().permissions?.includes(p));

await init();
await show_options({
  send: (message) => ext.runtime.sendMessage(message),
  // Access to one Mastodon instance the user adds, asked for while their
  // click is handled (browsers allow the question only then).
  request_host: (origin) => ext.permissions.request({ origins: [origin] }),
  forget_host: (origin) => ext.permissions.remove({ origins: [origin] }),
  // Reminders (alarms and notifications), asked for in the click that
  // turns them on; turned off, the alarm goes and the permissions are given
  // back (where the browser lets them go: not if granted at install).
  request_reminders: () => ext.permissions.request({ permissions: REMINDERS }),
  forget_reminders: async () => {
    await ext.alarms?.clearAll();
    return ext.permissions.remove({ permissions: REMINDERS });
  },
});
