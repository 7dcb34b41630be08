// Importing a 5,000-row LinkedIn Connections.csv (issue 25: ≤ 5 s on this
// machine), into the built extension in headless Chromium: the request
// `import_network` sent from the options page, timed from the send to the
// answer (the file read in the core, folded into the record, written),
// into an empty record and again into the record it made (every row then
// matches someone). Run by hand: node tests/bench/network.mjs. Nothing here
// asserts a time.
/* global performance */
import { BUILDS } from '../harness/browsers.mjs';
import { launchChromium } from '../harness/chromium.mjs';

/** A Connections.csv as LinkedIn writes it, `rows` connections. */
export function connections(rows) {
  const lines = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let n = 0; n < rows; n++) {
    lines.push(`Person${n},"Family, ${n}",https://www.linkedin.com/in/person-${n},,"Company ${n % 97}, Ltd",Role ${n % 13},07 Nov 2026`);
  }
  return lines.join('\r\n');
}

async function timed(message) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const t0 = performance.now();
  const answer = await ext.runtime.sendMessage(message);
  return { ms: performance.now() - t0, type: answer?.type, message: JSON.stringify(answer?.message) };
}

const text = connections(5000);
const s = await launchChromium({ extensionDir: BUILDS.chromium });
try {
  await s.openExtensionPage('options.html');
  for (const what of ['into an empty record', 'again (every row known)']) {
    const r = await s.page.evaluate(timed, { type: 'import_network', text, keep_emails: false, connected_note: 'Connected on LinkedIn' });
    if (r.type !== 'done') throw new Error(`import failed: ${r.message}`);
    console.log(`5,000-row Connections.csv ${what}: ${Math.round(r.ms)} ms (${(text.length / 1024).toFixed(0)} KiB)`);
  }
} finally {
  await s.close();
}
