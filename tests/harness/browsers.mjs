// The browsers the end-to-end suite runs in, each launched with the built
// extension from dist/ and the fixture sites on their real hostnames.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { FIXTURE_HOSTS, fixtureResponse } from './fixtures.mjs';

// KINDLING_DIST: another build's dist/ (to test it while dist/ is in use).
const DIST = process.env.KINDLING_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** Where each browser's build is; tests may copy and change one. Launch
 * options besides `extensionDir`: `locale` (e.g. "de") runs the browser in
 * that language (Debian's chromium-l10n and firefox-esr-l10n-<lang>);
 * `dark: true` makes the system colour scheme dark; `zoom: 2` scales every
 * page and frame as the browser's zoom does (a CSS pixel is two screen
 * pixels, so pages lay out in half the width and height); `otherExtensions`: folders of more
 * extensions to install beside Kindling (another extension's reach: isolation.test.mjs). */
export const BUILDS = { chromium: path.join(DIST, 'chrome'), firefox: path.join(DIST, 'firefox') };

const ALL = {
  chromium: ({ extensionDir = BUILDS.chromium, ...look } = {}) => launchChromium({ extensionDir, ...look }),
  firefox: ({ extensionDir = BUILDS.firefox, ...look } = {}) =>
    launchFirefox({
      extensionDir,
      ...look,
      handler: async (url) => fixtureResponse(url),
      hosts: Object.keys(FIXTURE_HOSTS),
      addonId: JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'))
        .browser_specific_settings.gecko.id,
    }),
};

/** The browsers to test in: all, or those named in KINDLING_BROWSERS (comma-separated). */
export const BROWSERS = Object.fromEntries(
  Object.entries(ALL).filter(([name]) => !process.env.KINDLING_BROWSERS || process.env.KINDLING_BROWSERS.split(',').includes(name)),
);

/**
 * A copy of the build at `extensionDir` whose manifest grants `permissions` at install instead of
 * listing them as optional, in a new folder (the caller removes it). Chromium shows
 * permissions.request()'s dialog for an optional API permission that carries a warning
 * (`notifications`: "Display notifications"), and neither Playwright nor the DevTools protocol can
 * answer it: the request stays pending (Firefox's pref answers yes: firefox.mjs). With the copy,
 * the request resolves true at once, as for a permission already granted, and the rest of the flow
 * runs; permissions.remove() refuses a permission granted at install.
 */
export function grantedAtInstall(extensionDir, permissions) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-granted-'));
  fs.cpSync(extensionDir, copy, { recursive: true });
  const file = path.join(copy, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  manifest.permissions = [...(manifest.permissions ?? []), ...permissions];
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => !permissions.includes(p));
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  return copy;
}

/**
 * A copy of the build at `extensionDir` whose background sees a test double of `storage.sync`
 * (issue 24): Kindling's synced items kept in `storage.local` under a prefix (so they outlive a
 * stopped background), each call to the double counted, the browsers' item and total quotas
 * enforced. Two browsers' doubles are one shared sync area when the test copies the items from one
 * to the other (`syncItems`, `putSyncItems`), as the browser's own sync service would. The double
 * is imported first by the copy's background.js; it is never in a build (the caller removes the
 * folder).
 */
export function withSyncDouble(extensionDir) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-syncdouble-'));
  fs.cpSync(extensionDir, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'sync-double.js'), SYNC_DOUBLE);
  const background = path.join(copy, 'background.js');
  fs.writeFileSync(background, `import './sync-double.js';\n${fs.readFileSync(background, 'utf8')}`);
  return copy;
}

const SYNC_DOUBLE = `// storage.sync's test double (tests/harness/browsers.mjs, withSyncDouble).
const ext = globalThis.browser ?? globalThis.chrome;
const PREFIX = 'sync-double:';
const CALLS = 'sync-double-calls';
async function count() {
  const { [CALLS]: calls = 0 } = await ext.storage.local.get(CALLS);
  await ext.storage.local.set({ [CALLS]: calls + 1 });
}
async function all() {
  const stored = await ext.storage.local.get(null);
  return Object.fromEntries(Object.entries(stored).filter(([k]) => k.startsWith(PREFIX)).map(([k, v]) => [k.slice(PREFIX.length), v]));
}
const bytes = (items) => Object.entries(items).reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
const double = {
  async get(keys) {
    await count();
    const items = await all();
    if (keys === null || keys === undefined) return items;
    const wanted = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
    return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, items[k]]));
  },
  async set(items) {
    await count();
    if (Object.entries(items).some(([k, v]) => bytes({ [k]: v }) > 8192)) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    if (bytes({ ...(await all()), ...items }) > 102400) throw new Error('QUOTA_BYTES quota exceeded');
    await ext.storage.local.set(Object.fromEntries(Object.entries(items).map(([k, v]) => [PREFIX + k, v])));
  },
  async remove(keys) {
    await count();
    await ext.storage.local.remove((Array.isArray(keys) ? keys : [keys]).map((k) => PREFIX + k));
  },
};
Object.defineProperty(ext.storage, 'sync', { value: double, configurable: true });
globalThis.syncDouble = {
  items: all,
  async put(items) {
    const stored = await all();
    await ext.storage.local.remove(Object.keys(stored).map((k) => PREFIX + k));
    await ext.storage.local.set(Object.fromEntries(Object.entries(items).map(([k, v]) => [PREFIX + k, v])));
  },
  async calls() { return (await ext.storage.local.get(CALLS))[CALLS] ?? 0; },
};
`;
