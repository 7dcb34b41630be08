// The calendar file and the vCard Kindling writes after importing a hostile
// file (issue 21, finding 2), read by an independent parser, ical.js, as a
// calendar or address book would read them. The core writes them in its
// native test (crate/src/service/tests.rs,
// an_imported_file_cannot_add_lines_to_the_calendar_file_or_the_vcard): an
// imported address carrying a second alarm with a remote sound, a name with
// a lone CR, a NUL and a vertical tab, a note and a tag with line breaks.
// No browser here: the files are the core's, the same code the background runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEST = 'service::tests::an_imported_file_cannot_add_lines_to_the_calendar_file_or_the_vcard';

function writtenFiles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-files-'));
  const run = spawnSync('cargo', ['test', '--workspace', '--quiet', '--', '--exact', TEST], {
    cwd: ROOT, env: { ...process.env, KINDLING_WRITE_FILES: dir }, encoding: 'utf8',
  });
  assert.equal(run.status, 0, `${TEST} failed:\n${run.stdout}\n${run.stderr}`);
  const files = { ics: fs.readFileSync(path.join(dir, 'meeting.ics'), 'utf8'), vcard: fs.readFileSync(path.join(dir, 'people.vcf'), 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return files;
}

const names = (component) => component.getAllProperties().map((p) => p.name);

test('an imported file adds no event, alarm or property to the calendar file, and none to the vCard', () => {
  const { ics, vcard } = writtenFiles();

  const calendar = new ICAL.Component(ICAL.parse(ics));
  assert.equal(calendar.name, 'vcalendar');
  assert.deepEqual(calendar.getAllSubcomponents().map((c) => c.name), ['vevent'], 'one event, nothing else');
  const event = calendar.getFirstSubcomponent('vevent');
  assert.deepEqual(names(event), ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'url']);
  assert.equal(event.getFirstPropertyValue('url'), 'https://x.com/alice', 'the address made again from the handle');
  assert.match(event.getFirstPropertyValue('summary'), /^Coffee with Alice/);
  const alarms = event.getAllSubcomponents();
  assert.deepEqual(alarms.map((c) => c.name), ['valarm'], 'one alarm');
  assert.deepEqual(names(alarms[0]), ['action', 'description', 'trigger'], 'no sound, no attachment');
  assert.equal(alarms[0].getFirstPropertyValue('action'), 'DISPLAY');
  assert.doesNotMatch(ics, /evil\.example\/a\.mp3/);

  // One vCard, with only the properties Kindling writes.
  const parsed = ICAL.parse(vcard);
  const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]).map((c) => new ICAL.Component(c));
  assert.equal(cards.length, 1, 'one person, one vCard');
  assert.deepEqual(names(cards[0]), ['version', 'fn', 'uid', 'x-socialprofile', 'url', 'categories', 'note']);
  assert.equal(cards[0].getFirstPropertyValue('url'), 'https://x.com/alice');
  // The line breaks in the name, note and tag stayed inside their values.
  assert.match(cards[0].getFirstPropertyValue('fn'), /^Alice\nATTACH:https:\/\/evil\.example\/b$/);
  assert.match(cards[0].getFirstPropertyValue('note'), /^trains\nBEGIN:VALARM\n/);
});
