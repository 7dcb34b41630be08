// A heavy, always-changing X home timeline for the content-script benchmark
// (tests/bench/content.mjs). Posts have the markup shape of the X fixture
// (tests/fixtures/x/app.js): article[data-testid="tweet"] with User-Name,
// permalink, tweetText, sometimes a quote or a "reposted" line, and an
// action bar whose like button flips like ↔ unlike 30 ms after a click.
//
// At load it renders POSTS posts. Then, every TICK_MS (as long as
// window.__benchMutate is not false), like X's virtualised, live timeline:
//   - one post is appended at the end and one removed from the lower part
//     (index ≥ STABLE, so the posts the benchmark clicks never move);
//   - the reply/repost counters of UPDATES random posts change;
//   - a <style> tag is inserted into <head> (the oldest beyond 30 removed),
//     as X's CSS-in-JS does when new components render (one a second for the
//     screen, the rest print-only: see tick());
//   - every 40 ticks (2 s) the title's unread count changes.
// Deterministic: a seeded PRNG, the same feed on every load.
'use strict';
/* global document, window, location, URLSearchParams, setInterval, setTimeout */

// Knobs, for trying variants by hand: /bench-feed?posts=500&tick=50&updates=5&churn=1&head=1
const KNOBS = new URLSearchParams(location.search);
const knob = (name, value) => Number(KNOBS.get(name) ?? value);
const POSTS = knob('posts', 500);
const STABLE = Math.floor(POSTS * 0.6);
const TICK_MS = knob('tick', 50);
const UPDATES = knob('updates', 5);
const CHURN = knob('churn', 1);
const HEAD = knob('head', 1);

let seed = 0x6b696e64;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia'];
const LAST = ['Example', 'Builder', 'Chen', 'Okafor', 'Walsh', 'Haddad', 'Svensson', 'Ito', 'Petrov', 'Park', 'Mensah', 'Novak'];
const WORDS = ('the a of run rain garden thread sourdough marathon volunteers Saturday best read new way keep touch people city ' +
  'train coffee morning release bug fix launch photo sunset team match goal news update today week').split(' ');
const PEOPLE = Array.from({ length: 200 }, (_, i) => ({
  handle: `user_${i.toString(36)}${pick(FIRST).toLowerCase()}`,
  name: `${pick(FIRST)} ${pick(LAST)}`,
}));

let nextId = 1861000000000000000n;
function makePost() {
  nextId += 1n;
  const words = Array.from({ length: 8 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' ');
  return {
    id: String(nextId), author: pick(PEOPLE), text: words,
    likes: Math.floor(random() * 5000), replies: Math.floor(random() * 300), reposts: Math.floor(random() * 900),
    repostedBy: random() < 0.15 ? pick(PEOPLE) : null,
    quote: random() < 0.2 ? { author: pick(PEOPLE), text: Array.from({ length: 12 }, () => pick(WORDS)).join(' ') } : null,
  };
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

function userName(person, permalink) {
  const time = h('time', { datetime: '2026-11-24T10:00:00.000Z' }, 'Nov 24');
  return h('div', { 'data-testid': 'User-Name' },
    h('div', {}, h('a', { href: `/${person.handle}`, role: 'link' }, h('span', {}, person.name))),
    h('div', {},
      h('a', { href: `/${person.handle}`, role: 'link', tabindex: '-1' }, h('span', {}, `@${person.handle}`)),
      h('span', { 'aria-hidden': 'true' }, '·'),
      permalink ? h('a', { href: permalink, role: 'link', 'aria-label': 'Nov 24' }, time) : time));
}

function actionBar(post) {
  const button = (testid, label, count) =>
    h('button', { 'data-testid': testid, 'aria-label': `${count} ${label}`, role: 'button', type: 'button' },
      h('span', {}, String(count)));
  return h('div', { role: 'group', 'aria-label': `${post.replies} replies, ${post.reposts} reposts, ${post.likes} likes` },
    h('div', {}, button('reply', 'Replies. Reply', post.replies)),
    h('div', {}, button('retweet', 'reposts. Repost', post.reposts)),
    h('div', {}, button('like', 'Likes. Like', post.likes)),
    h('div', {}, button('bookmark', 'Bookmark', '')));
}

function tweet(post) {
  const permalink = `/${post.author.handle}/status/${post.id}`;
  const article = h('article', { 'data-testid': 'tweet', role: 'article', tabindex: '0', 'aria-labelledby': `t${post.id}` });
  if (post.repostedBy) {
    article.append(h('a', { href: `/${post.repostedBy.handle}`, role: 'link' },
      h('span', { 'data-testid': 'socialContext' }, `${post.repostedBy.name} reposted`)));
  }
  article.append(
    h('div', { 'data-testid': 'Tweet-User-Avatar' },
      h('div', { 'data-testid': `UserAvatar-Container-${post.author.handle}` },
        h('a', { href: `/${post.author.handle}`, role: 'link', tabindex: '-1', 'aria-hidden': 'true' }))),
    userName(post.author, permalink),
    h('div', { 'data-testid': 'tweetText', lang: 'en', id: `t${post.id}` }, h('span', {}, post.text)));
  if (post.quote) {
    article.append(h('div', { role: 'link', tabindex: '0', class: 'quote' },
      userName(post.quote.author, null),
      h('div', { 'data-testid': 'tweetText', lang: 'en' }, h('span', {}, post.quote.text))));
  }
  article.append(actionBar(post));
  return h('div', { 'data-testid': 'cellInnerDiv' }, article);
}

const timeline = document.getElementById('timeline');
timeline.append(...Array.from({ length: POSTS }, () => tweet(makePost())));

let ticks = 0;
let unread = 0;
function tick() {
  if (window.__benchMutate === false) return;
  ticks += 1;
  const cells = timeline.children;
  if (CHURN) {
    timeline.append(tweet(makePost()));
    cells[STABLE + Math.floor(random() * (cells.length - STABLE - 1))].remove();
  }
  for (let i = 0; i < UPDATES; i++) {
    const button = pick(cells).querySelector(random() < 0.5 ? '[data-testid="reply"]' : '[data-testid="retweet"]');
    const count = Number(button.textContent) + 1;
    button.firstChild.textContent = String(count);
    button.setAttribute('aria-label', `${count} ${button.dataset.testid === 'reply' ? 'Replies. Reply' : 'reposts. Repost'}`);
  }
  // One screen stylesheet a second; the others print-only, so that the page's own style recalcs
  // (≈30 ms each on this 20,000-node DOM) do not saturate the main thread: for <head>'s
  // MutationObserver every one is the same childList mutation.
  if (HEAD) {
    const style = document.createElement('style');
    if (ticks % 20) style.media = 'print';
    style.textContent = `.r-${ticks.toString(36)}{margin-top:${ticks % 7}px;color:rgba(15,20,25,1)}`;
    document.head.append(style);
    const styles = document.head.querySelectorAll('style');
    if (styles.length > 30) styles[0].remove();
  }
  if (ticks % 40 === 0) {
    unread = (unread + 1) % 10;
    document.title = unread ? `(${unread}) Home / X` : 'Home / X';
  }
}
setInterval(tick, TICK_MS);

// Likes, as in the fixture: React re-renders a moment after the click.
document.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  const testid = button?.dataset.testid;
  if (testid !== 'like' && testid !== 'unlike') return;
  setTimeout(() => {
    const liked = testid === 'like';
    const count = Number(button.textContent) + (liked ? 1 : -1);
    button.dataset.testid = liked ? 'unlike' : 'like';
    button.setAttribute('aria-label', `${count} Likes. ${liked ? 'Liked' : 'Like'}`);
    button.firstChild.textContent = String(count);
  }, 30);
});
