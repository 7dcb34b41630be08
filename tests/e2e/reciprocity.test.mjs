// Both ways: a person with six weeks of the user's replies and nothing back
// is not ready for real life; once the notifications page shows what they
// did for the user (likes, replies, follows), they are. On X, LinkedIn and
// Reddit, each from its notifications fixture (built from the references
// its adapter cites).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder, pause, waitUntil } from '../harness/card.mjs';
import { DAY, exportOf } from '../harness/history.mjs';

const iso = (ms) => new Date(ms).toISOString();

/**
 * Each site: Alice's account there, her profile page, and how the user opens
 * the notifications page from the site's own navigation (after the page that
 * shows who is signed in).
 */
const SITES = {
  x: {
    handle: 'alice',
    profile: 'https://x.com/alice',
    async notifications(b) {
      await b.goto('https://x.com/home');
      await b.click('[data-testid="AppTabBar_Notifications_Link"]');
      await b.find('article[data-testid="tweet"]:has(a[href="/alice/status/1862000000000000021"])');
    },
  },
  linkedin: {
    handle: 'alice-example',
    profile: 'https://www.linkedin.com/in/alice-example/',
    async notifications(b) {
      await b.goto('https://www.linkedin.com/feed/');
      await b.click('.global-nav a[href="/notifications/"]');
      await b.find('article.nt-card[data-view-name="notification-card-container"]');
    },
  },
  // Reddit names nobody who upvotes: Alice's two replies are what she did.
  reddit: {
    handle: 'alice_ex',
    profile: 'https://www.reddit.com/user/alice_ex/',
    async notifications(b) {
      await b.goto('https://www.reddit.com/notifications');
      await b.find('notification-item[message-type="GAMIFICATION_ACHIEVEMENT_UNLOCKED"] time[datetime]');
    },
  },
};

/** Alice on `site`, tracked, with one reply from the user a week for six weeks and nothing back. */
function sixWeeksOneWay(site, { handle, profile }, now) {
  const id = `p:${site}:${handle}`;
  const alice = {
    id, name: 'Alice Example', identities: [{ site, handle, url: profile }],
    tracked: true, created_at: iso(now - 50 * DAY), tags: [], notes: [], ask_about: [], irl_attempts: [], meetings: [],
  };
  const interactions = [];
  for (let week = 0; week < 6; week++) {
    interactions.push({
      id: `i-${site}-${week}`, person: id, site, kind: 'reply', direction: 'outbound',
      at: iso(now - (week * 7 + 2) * DAY), url: `${profile.replace(/\/$/, '')}#reply-${week}`, handle,
    });
  }
  return exportOf(now, { people: [alice], interactions });
}

/** The stage line of Alice's card, opened at her profile's address. */
async function stageOf(b, site, { handle, profile }) {
  await b.goto(profile);
  const frame = `iframe[data-kindling][data-account="${site}/${handle}"]`;
  const shown = `const f = document.querySelector(${JSON.stringify(frame)});
    return !!f && getComputedStyle(f).display === 'block';`;
  await waitUntil(() => b.execute(shown), `Alice's card on ${site} shown`);
  await b.switchToFrame(frame);
  const stage = (await b.waitForText('.stage', /\S/)).trim();
  const history = (await b.waitForText('.history', /\S/)).trim();
  const balance = (await b.waitForText('.balance', /\S/)).trim();
  const reciprocity = await b.execute('return document.querySelector(".reciprocity")?.textContent ?? null');
  await b.switchToParent();
  return { stage, history, balance, reciprocity };
}

for (const [name, launch] of Object.entries(BROWSERS)) {
  for (const [site, alice] of Object.entries(SITES)) {
    test(`${name}: ${site}: six weeks of replies to Alice become "ready for real life" once her notifications show she engages back`, async (t) => {
      const { b, dir } = await launchWithFolder(t, launch, `kindling-both-ways-${site}-`);
      const file = path.join(dir, 'history.json');
      fs.writeFileSync(file, JSON.stringify(sixWeeksOneWay(site, alice, Date.now())));
      await b.openExtensionPage('options.html');
      await b.waitForText('.counts', 'Kindling keeps');
      await b.upload('#import-file', file);
      await b.click('input[name="mode"][value="merge"]');
      await b.click('[data-action="import"]');
      await b.waitForText('.message', 'Merged in 1 person and 6 interactions');

      const before = await stageOf(b, site, alice);
      assert.notEqual(before.stage, 'Ready for real life', 'six weeks one way are not enough');
      assert.doesNotMatch(before.history, /from them/);
      assert.equal(before.balance, 'You 6 · them 0 in 90 days');
      assert.equal(before.reciprocity, 'Ready once they engage back.', 'only what she did is missing');

      await alice.notifications(b);
      await pause(1500);
      const after = await stageOf(b, site, alice);
      assert.match(after.history, /from them/);
      assert.equal(after.stage, 'Ready for real life');
      assert.match(after.balance, /^You 6 · them [23] in 90 days, last from them /);
      assert.equal(after.reciprocity, null);
      assert.deepEqual(b.blockedRequests, [], 'no request left for a non-fixture host');
    });
  }
}
