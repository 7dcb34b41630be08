// The fixture sites: pages built from each site's real markup, served on the
// site's real hostname to a browser that never reaches the network. Every
// response carries a strict CSP like the real sites', so the extension is
// tested under the same rules (no wasm or inline code in the page's world).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Hostname → fixture folder. */
export const FIXTURE_HOSTS = {
  'bsky.app': 'bluesky',
  'x.com': 'x',
  'twitter.com': 'x',
  'mobile.x.com': 'x',
  'mobile.twitter.com': 'x',
  'mastodon.social': 'mastodon',
  'mastodon.online': 'mastodon',
  'mastodon.world': 'mastodon',
  'fosstodon.org': 'mastodon',
  'hachyderm.io': 'mastodon',
  'infosec.exchange': 'mastodon',
  'mas.to': 'mastodon',
  // A Mastodon instance Kindling does not ship with: users add it.
  'social.example': 'mastodon',
  'www.reddit.com': 'reddit',
  'reddit.com': 'reddit',
  'github.com': 'github',
  'www.linkedin.com': 'linkedin',
  'linkedin.com': 'linkedin',
  'www.facebook.com': 'facebook',
  'facebook.com': 'facebook',
  'www.instagram.com': 'instagram',
  'instagram.com': 'instagram',
};

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

// The strictest policy the sites use: no frames at all, so the card's frame
// is shown to load only because extension frames bypass the page's CSP.
// LinkedIn alone allows same-origin frames: it loads its messaging drawer in
// one (research §4); the extension's origin is still not allowed there.
const csp = (frames) => [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", `frame-src ${frames}`, "object-src 'none'", "base-uri 'none'",
].join('; ');
const CSP = { default: csp("'none'"), linkedin: csp("'self'") };

/**
 * The response for a fixture URL, or null when the host is not a fixture
 * site. `/__fixture__/<file>` serves a file of the site's folder; every
 * other path serves its index.html, as single-page apps do.
 */
export function fixtureResponse(url) {
  const site = FIXTURE_HOSTS[url.hostname];
  if (!site || url.protocol !== 'https:') return null;
  const dir = path.join(ROOT, site);
  const asset = url.pathname.startsWith('/__fixture__/') ? path.basename(url.pathname) : null;
  const file = path.join(dir, asset ?? 'index.html');
  if (!fs.existsSync(file)) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  return {
    status: 200,
    headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP[site] ?? CSP.default },
    body: fs.readFileSync(file),
  };
}
