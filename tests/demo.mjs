// ./build.sh demo: Kindling's main job for someone with no social account.
// Starts Chromium with the built extension on the bundled fixture of x.com,
// plays a short session (likes, a reply, profile visits) and writes
// screenshots of the card and the popup to demo/. With a display, the
// browser stays open for you to explore until you close it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './harness/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'demo');
const visible = Boolean(process.env.DISPLAY);
const post = (permalink) => `article[data-testid="tweet"]:has(a[href="${permalink}"])`;
const ALICE = post('/alice/status/1861000000000000001');
const DAVE = post('/dave/status/1861000000000000003');
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

fs.mkdirSync(OUT, { recursive: true });
const b = await launchChromium({ extensionDir: path.join(ROOT, 'dist', 'chrome'), headless: !visible });
try {
  console.log('x.com/home: liking a post by Alice and one by Dave');
  await b.goto('https://x.com/home');
  await b.click(`${ALICE} [data-testid="like"]`);
  await b.click(`${DAVE} [data-testid="like"]`);
  console.log('replying to Dave');
  await b.click(`${DAVE} [data-testid="reply"]`);
  await b.type('[data-testid="tweetTextarea_0"]', 'Eleven starters! Mine is on its third life.');
  await b.click('[data-testid="tweetButton"]');
  await pause(300);
  console.log("visiting Carol's profile, then Alice's");
  await b.click(`${post('/carol/status/1861000000000000002')} [data-testid="User-Name"] a`);
  await pause(500);
  await b.click('a[data-testid="AppTabBar_Home_Link"]');
  await b.click(`${ALICE} [data-testid="User-Name"] a`);
  await b.switchToFrame('iframe[data-kindling]');
  await b.waitForText('.history', 'like');
  await b.switchToParent();
  await pause(300);
  await b.screenshot(path.join(OUT, 'overlay.png'));
  console.log('the same in dark mode');
  await b.page.emulateMedia({ colorScheme: 'dark' });
  await pause(500);
  await b.screenshot(path.join(OUT, 'overlay-dark.png'));
  await b.page.emulateMedia({ colorScheme: 'light' });
  console.log('opening the popup');
  await b.openExtensionPage('popup.html');
  await b.page.setViewportSize({ width: 348, height: 520 });
  await b.waitForText('.people', 'Alice Example');
  await b.waitForText('.recording .state', /./);
  await b.find('footer button');
  await b.screenshot(path.join(OUT, 'popup.png'));
  console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/: overlay.png, overlay-dark.png, popup.png`);
  if (visible) {
    console.log('The browser stays open: explore, then close it to finish.');
    await new Promise((resolve) => b.context.on('close', resolve));
  }
} finally {
  await b.close();
}
