// The results view: an imported history's funnel, times to real life,
// asks and pace, on the options page in full and in the popup, each chart
// beside a table of its numbers, passing axe (light in Chromium, dark in
// Firefox: the a11y test covers both schemes elsewhere); and the monthly
// figures as a CSV file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BROWSERS } from '../harness/browsers.mjs';
import { launchWithFolder } from '../harness/card.mjs';
import { DAY, exportOf, interaction, person } from '../harness/history.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const iso = (ms) => new Date(ms).toISOString();

/**
 * Ann, noticed 200 days ago: a like a week for 8 weeks, two replies back,
 * asked (yes) and met; Ben, 100 days ago: the same for 7 weeks, "not now",
 * then yes 40 days later; Cat, 30 days ago: two likes.
 */
function history(now) {
  const ago = (days) => now - days * DAY;
  const [ann, ben, cat] = [['ann', 'Ann Lee', 200], ['ben', 'Ben Ode', 100], ['cat', 'Cat Moss', 30]]
    .map(([handle, name, days]) => ({ ...person(now, handle, name), created_at: iso(ago(days)) }));
  const ask = (days, outcome) => ({ medium: 'coffee', phrasing: '', raised_at: iso(ago(days)), outcome, scheduled_for: null });
  ann.irl_attempts = [ask(150, 'positive')];
  ann.meetings = [{ medium: 'coffee', at: iso(ago(136)), note: '' }];
  ben.irl_attempts = [ask(60, 'negative'), ask(20, 'positive')];
  const interactions = [];
  for (let w = 0; w < 8; w++) interactions.push(interaction('ann', w, 'like', 'outbound', ago(199 - 7 * w)));
  for (let w = 0; w < 7; w++) interactions.push(interaction('ben', w, 'like', 'outbound', ago(99 - 7 * w)));
  interactions.push(interaction('ann', 20, 'reply', 'inbound', ago(190)), interaction('ann', 21, 'reply', 'inbound', ago(180)));
  interactions.push(interaction('ben', 20, 'reply', 'inbound', ago(95)), interaction('ben', 21, 'reply', 'inbound', ago(85)));
  interactions.push(interaction('cat', 1, 'like', 'outbound', ago(20)), interaction('cat', 2, 'like', 'outbound', ago(10)));
  return exportOf(now, { people: [ann, ben, cat], interactions });
}

/** Each row of the table matching `css`, as its cells' texts. */
function rows(b, css) {
  return b.execute(`return [...document.querySelectorAll('${css} tbody tr')]
    .map((tr) => [...tr.children].map((cell) => cell.textContent));`);
}

/** The widths of the bars of the chart matching `css`. */
function bars(b, css) {
  return b.execute(`return [...document.querySelectorAll('${css} svg rect')].map((r) => Number(r.getAttribute('width')));`);
}

async function violations(b) {
  return b.execute(`${AXE};
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))));`);
}

const WEEKS = /^(\d+)\.(\d) weeks \((\d+)\)$/;

for (const [name, launch] of Object.entries(BROWSERS)) {
  test(`${name}: the results of an imported history, charted and tabled, in the options page and the popup`, async (t) => {
    const dark = name === 'firefox';
    const { b, dir } = await launchWithFolder(t, () => launch({ dark }), 'kindling-results-');
    await b.openExtensionPage('options.html');
    await b.waitForText('.counts', 'Kindling keeps');
    const file = path.join(dir, 'history.json');
    fs.writeFileSync(file, JSON.stringify(history(Date.now())));
    await b.upload('#import-file', file);
    await b.click('[data-action="import"]');
    await b.waitForText('.message', 'Merged in 3 people');

    // Every window of the funnel: 3 months has Cat; 6, Ben too; 12, Ann too.
    // Drawn when the page opened, drawn again once the file is in.
    await b.waitForText('#results table.windows', /Met\s*0\s*0 \(0 %\)\s*1 \(50 %\)/);
    assert.deepEqual(await rows(b, '#results table.windows'), [
      ['Noticed', '1', '2', '3'],
      ['Tracked', '1 (100 %)', '2 (100 %)', '3 (100 %)'],
      ['Engaging both ways', '0 (0 %)', '1 (50 %)', '2 (67 %)'],
      ['Ready', '0 (–)', '1 (100 %)', '2 (100 %)'],
      ['Asked', '0 (–)', '1 (100 %)', '2 (100 %)'],
      ['Said yes', '0 (–)', '1 (100 %)', '2 (100 %)'],
      ['Met', '0 (–)', '0 (0 %)', '1 (50 %)'],
    ].map((row) => row.map((cell) => cell.replace(' (–)', ''))));
    // The year's funnel chart narrows as its table says: 3 noticed, 1 met.
    const funnel = await bars(b, '#results figure.funnel');
    assert.equal(funnel.length, 7);
    assert.equal(funnel[0], 160);
    assert.equal(funnel[6], Math.floor(160 / 3));
    assert.deepEqual((await rows(b, '#results figure.funnel table')).at(-1), ['Met', '1', '50 %']);

    // Time to real life: 5 weeks to ready for both; ready to asked 2 weeks
    // (Ann) and 4 days (Ben); asked to met 2 weeks (Ann).
    const [all, x] = await rows(b, '#results h3 + table');
    assert.equal(all[0], 'All sites');
    assert.deepEqual(all.slice(1), ['5.0 weeks (2)', '1.3 weeks (2)', '2.0 weeks (1)']);
    assert.equal(x[0], 'X');
    assert.ok(all.slice(1).every((cell) => WEEKS.test(cell)));

    // The asks: two yes, one not now; Ben said yes on his second try.
    const asks = Object.fromEntries(await rows(b, '#results h3 + table:last-child'));
    assert.equal(asks.Yes, '2');
    assert.equal(asks['Not now'], '1');
    assert.equal(asks['… who said yes on a later try'], '1');

    // The pace: twelve weeks, two bars each; Ben's last four likes and Cat's two.
    assert.equal((await bars(b, '#results figure.pace')).length, 24);
    const weeks = await rows(b, '#results figure.pace table');
    assert.equal(weeks.length, 12);
    assert.equal(weeks.reduce((sum, [, yours]) => sum + Number(yours), 0), 6);
    assert.deepEqual(await violations(b), [], `the options page's results${dark ? ', dark' : ''}`);

    // The monthly figures as a file: a header and twelve months.
    const csv = await b.download('[data-format="results_csv"]');
    assert.match(csv.name, /^kindling-results-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.trim().split(/\r\n/);
    assert.equal(lines[0], 'month,noticed,both_ways,ready,asked,yes,met,your_touches,their_touches');
    assert.equal(lines.length, 13);
    const column = (k) => lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[k]), 0);
    assert.equal(column(1), 3, 'three noticed in the year');
    assert.equal(column(4), 3, 'three asks');

    // The popup: the year's funnel and the pace, asked for when opened.
    await b.openExtensionPage('popup.html');
    await b.waitForText('.people', 'Ann Lee');
    assert.equal(await b.execute('return document.querySelectorAll(".results-view").length'), 0, 'not read until opened');
    await b.click('details.results summary');
    await b.waitForText('details.results .results-view', /Met/);
    assert.deepEqual((await rows(b, 'details.results figure.funnel table')).map((r) => r[1]), ['3', '3', '2', '2', '2', '2', '1']);
    assert.equal(await b.execute('return document.querySelectorAll("details.results svg[role=img][aria-label]").length'), 2);
    assert.deepEqual(await violations(b), [], `the popup's results${dark ? ', dark' : ''}`);
  });
}
