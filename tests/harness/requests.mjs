// Issue 8: nothing leaves the browser. Each session records every request that reaches the
// network layer the harness controls (Playwright's routing and request events in Chromium, the
// proxy Firefox sends everything through) and close() fails the test on any leak. Allowed:
//  - the fixture sites' own loads: a navigation to a fixture host, the files a fixture page
//    loads from `/__fixture__/`, and the favicon a browser asks for by itself;
//  - the extension's own packaged files (Chromium reports them; Firefox does not route
//    moz-extension:// requests through the proxy, so they never reach it).
// Anything else is a leak: a host that is not a fixture site, another path on a fixture host
// (what a content script's or the background's fetch to a site would be), a file the extension
// does not ship, a WebSocket.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_HOSTS } from './fixtures.mjs';

/**
 * Why this request is a leak, or null when the suite allows it.
 * `dynamicOrigin` is the same extension under the per-session id Chrome gives files marked
 * `use_dynamic_url` (the card's frame, `runtime.getURL('overlay.html')`).
 * @param {{ url: string, navigation: boolean, extensionOrigin?: string, dynamicOrigin?: string, extensionDir?: string }} request
 */
export function leakOf({ url, navigation, extensionOrigin, dynamicOrigin, extensionDir }) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return `unparsable request ${url}`;
  }
  // Not requests at all: the page's own data, blob and about URLs never leave the process.
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return null;
  // Chrome's stand-in for an extension URL it refused a page (a test probing from the page).
  if (url === 'chrome-extension://invalid/') return null;
  const ours = [extensionOrigin, dynamicOrigin].filter(Boolean);
  if (ours.some((origin) => url.startsWith(`${origin}/`))) {
    const file = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
    const inside = extensionDir && path.resolve(extensionDir, file).startsWith(path.resolve(extensionDir) + path.sep);
    return inside && fs.existsSync(path.join(extensionDir, file)) ? null : `a file the extension does not ship: ${url}`;
  }
  if (parsed.protocol === 'https:' && FIXTURE_HOSTS[parsed.hostname]) {
    if (navigation || parsed.pathname.startsWith('/__fixture__/') || parsed.pathname === '/favicon.ico') return null;
    return `a request to a site that is not the page's own load: ${url}`;
  }
  return `a request to ${parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : url}`;
}

/** Throw one error listing the leaks. */
export function failOnLeaks(leaks) {
  if (leaks.length) {
    throw new Error(`${leaks.length} request(s) left the extension's own files during the test:\n${leaks.map((l) => `  ${l}`).join('\n')}`);
  }
}
