// Kindling export files for the tests that import a history: people and
// interactions as an export holds them, and the history both the pacing
// and the people tests start from.
export const DAY = 24 * 3600 * 1000;

const iso = (ms) => new Date(ms).toISOString();

/** A tracked person on X, known for 80 days before `now`. */
export function person(now, handle, name, tags = []) {
  return {
    id: `p:x:${handle}`, name, identities: [{ site: 'x', handle, url: `https://x.com/${handle}` }],
    tracked: true, created_at: iso(now - 80 * DAY), tags, notes: [], ask_about: [], irl_attempts: [], meetings: [],
  };
}

/** The `n`th interaction with `handle` on X, at `at` (ms). */
export function interaction(handle, n, kind, direction, at) {
  return {
    id: `i${handle}${n}`, person: `p:x:${handle}`, site: 'x', kind, direction, at: iso(at),
    url: `https://x.com/${handle}/status/18620000000000000${String(n).padStart(2, '0')}`, handle,
  };
}

/**
 * Dave Okafor, on X and Mastodon: ten weekly replies and four likes back
 * (ready for real life); Erin Walsh: one like yesterday.
 */
export function daveAndErin(now) {
  const dave = person(now, 'dave', 'Dave Okafor');
  dave.identities.push({ site: 'mastodon', handle: 'dokafor@mastodon.social', url: 'https://mastodon.social/@dokafor' });
  const interactions = [];
  for (let week = 0; week < 10; week++) interactions.push(interaction('dave', week, 'reply', 'outbound', now - (70 - week * 7 - 1) * DAY));
  for (let k = 0; k < 4; k++) interactions.push(interaction('dave', 20 + k, 'like', 'inbound', now - (60 - k * 14) * DAY));
  interactions.push(interaction('erin', 1, 'like', 'outbound', now - DAY));
  return { people: [dave, person(now, 'erin', 'Erin Walsh')], interactions };
}

/** The export file of these people and interactions. */
export function exportOf(now, { people, interactions }) {
  return {
    format: 'kindling-export', version: 1, exported_at: iso(now), people, interactions,
    settings: { retention_months: null, keep_snippets: false },
  };
}
