// The page check (issue 18): on every fixture site, a feed and a profile,
// the popup's "Check this page" says what Kindling recognises there (site,
// profile and whose, posts with authors), and the report it offers to copy
// holds counts and marker names only: none of the page's names, handles,
// post texts, title or addresses. One browser launch per browser for all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS } from '../harness/browsers.mjs';

// A feed and a profile of each fixture site, with a part of the profile's handle as the popup names it.
const SITES = [
  { label: 'X', feed: 'https://x.com/home', profile: 'https://x.com/alice', handle: 'alice' },
  { label: 'Mastodon', feed: 'https://mastodon.social/home', profile: 'https://mastodon.social/@alice', handle: 'alice' },
  { label: 'Bluesky', feed: 'https://bsky.app/', profile: 'https://bsky.app/profile/erin.bsky.social', handle: 'erin.bsky.social' },
  // GitHub's "posts" are an issue's comments.
  { label: 'GitHub', feed: 'https://github.com/octo-org/widgets/issues/7', profile: 'https://github.com/mona', handle: 'mona' },
  { label: 'Reddit', feed: 'https://www.reddit.com/r/rust/', profile: 'https://www.reddit.com/user/alice_ex/', handle: 'alice_ex' },
  { label: 'LinkedIn', feed: 'https://www.linkedin.com/feed/', profile: 'https://www.linkedin.com/in/alice-example/', handle: 'alice-example' },
  // Facebook names the signed-in user only on the home feed: its profile is reached from there, as a user would.
  { label: 'Facebook', feed: 'https://www.facebook.com/', profile: 'https://www.facebook.com/alice.example', handle: 'alice.example',
    via: 'a[href^="https://www.facebook.com/alice.example?"]' },
  { label: 'Instagram', feed: 'https://www.instagram.com/', profile: 'https://www.instagram.com/alice.example/', handle: 'alice.example' },
];

// The X fixture's one person whose name, handle and post are found nowhere else.
const UNIQUE = { url: 'https://x.com/qx7_vexillum', strings: ['qx7_vexillum', 'Ysolde Quarnbeck', 'Wombat lantern 93817', 'kindling_user'] };

/**
 * What the page in the first tab shows that is personal: each line of its text and each
 * element's own text (names, handles, post texts), each link's path, its title and its own path.
 * Texts that are only the site's name, or too short to mean anything, are left out.
 */
async function personal(b, label) {
  await b.switchToPage(0);
  const found = await b.execute(`
    const paths = [...document.querySelectorAll('a[href]')].map((a) => new URL(a.href, location.href))
      .filter((u) => u.host === location.host && u.pathname.length > 2).map((u) => u.pathname);
    const lines = document.body.innerText.split('\\n').map((l) => l.trim());
    // Each element's own text too: a name and a handle side by side are one line.
    const own = [...document.body.querySelectorAll('*')].filter((e) => !e.children.length).map((e) => e.textContent.trim());
    return [...lines, ...own, ...paths, document.title, location.pathname];
  `);
  return [...new Set(found)].filter((s) => s.length >= 4 && /\p{L}/u.test(s) && s !== label && s !== 'Kindling');
}

/**
 * Show `url` in the first tab (or, with `via`, click that link on the page shown), then check it
 * from a fresh popup in the second until `ready` holds: the lines, the markers and the report.
 */
async function check(b, url, ready, via) {
  await b.switchToPage(0);
  if (via) await b.click(via);
  else await b.goto(url);
  const deadline = Date.now() + 8000;
  for (;;) {
    // The page may still be loading its posts: the user would check again.
    await b.switchToPage(1);
    await b.goto(`${b.extensionOrigin}/popup.html`);
    await b.click('section.check button');
    const lines = await b.text('.check-result .check-lines', { timeout: 5000 });
    if (ready(lines) || Date.now() > deadline) {
      return { lines, markers: await b.text('.check-markers'), report: await b.text('pre.check-report') };
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

function assertNoneIn(report, secrets, where) {
  for (const secret of secrets) assert.ok(!report.includes(secret), `${where}: the report holds ${JSON.stringify(secret)}:\n${report}`);
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the page check says what Kindling recognises on each site, and its report names nobody`, async (t) => {
    const b = await launch();
    t.after(() => b.close());
    await b.goto(SITES[0].feed);
    await b.openExtensionPage('popup.html');

    for (const site of SITES) {
      const postsSeen = (lines) => /Posts: [1-9]\d* \([1-9]\d* with an author/.test(lines);
      const feed = await check(b, site.feed, postsSeen);
      assert.match(feed.lines, new RegExp(`Site: ${site.label}\\b`), `${site.label} feed`);
      assert.ok(postsSeen(feed.lines), `${site.label} feed: posts with authors\n${feed.lines}`);
      assert.match(feed.lines, /Not a profile page/, `${site.label} feed`);
      assert.match(feed.markers, /post: found \(\d+\)/, `${site.label} feed markers`);
      assert.match(feed.report, new RegExp(`^site: ${site.label}$`, 'm'));
      assert.match(feed.report, /^ {2}post: found \(\d+\)$/m);
      assertNoneIn(feed.report, await personal(b, site.label), `${site.label} feed`);

      const profile = await check(b, site.profile, (lines) => lines.includes('Profile of'), site.via);
      assert.match(profile.lines, new RegExp(`Profile of .*${site.handle.replace(/\./g, '\\.')}`), `${site.label} profile\n${profile.lines}`);
      assert.match(profile.report, /^profile page: yes, someone else's$/m, `${site.label} profile`);
      assertNoneIn(profile.report, await personal(b, site.label), `${site.label} profile`);
    }

    // Unique strings: a leak anywhere in the report would be found.
    const unique = await check(b, UNIQUE.url, (lines) => /Profile of[\s\S]*Posts: 1 /.test(lines));
    assert.match(unique.lines, /Profile of @?qx7_vexillum/);
    assert.match(unique.lines, /Signed in as .*kindling_user/);
    assert.match(unique.report, /^signed-in link: found$/m);
    assertNoneIn(unique.report, [...UNIQUE.strings, ...(await personal(b, 'X'))], 'unique profile');

    // The copy button copies that very text (read back where the harness can allow reading the
    // clipboard: Chromium's; Firefox lets an extension page read it only with a permission Kindling lacks).
    await b.switchToPage(1);
    await b.context?.grantPermissions(['clipboard-read', 'clipboard-write']);
    await b.click('[data-copy-report]');
    await b.waitForText('[data-copy-report]', 'Copied');
    if (name === 'chromium') assert.equal((await b.execute('return navigator.clipboard.readText()')).trim(), unique.report.trim());

    // The options page says, per site, how to check one of its pages.
    await b.goto(`${b.extensionOrigin}/options.html`);
    await b.waitForText('.sites li[data-site="x"] .check-how', 'Check this page');
    assert.equal(await b.text('.sites li[data-site="mastodon"] .check-how a'), 'mastodon.social');
  });
}
