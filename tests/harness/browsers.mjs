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
 * pixels, so pages lay out in half the width and height). */
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
