// Issue 8's size budgets, checked on the built packages (./build.sh test runs this after the
// build). A budget that is met must stay met; one not met yet may not grow past the figure last
// recorded in docs/benchmarks.md (its ceiling), so what was won is kept. Prints every figure.
//
//   node tools/budgets.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const at = (file) => path.join(ROOT, file);

const gzipped = (file) => zlib.gzipSync(fs.readFileSync(at(file)), { level: 9 }).length;
const contentScript = () => JSON.parse(fs.readFileSync(at('extension/manifest.json'), 'utf8')).content_scripts[0].js
  .map((file) => fs.readFileSync(at(`extension/${file}`), 'utf8')).join('\n');

// The core is three wasm modules (docs/architecture.md, "The core's modules"): the background's,
// the extension pages' (popup, options), and the card frame's, which every tab showing a profile
// loads (issue 20: at most 150 KB gzipped).
const BUDGETS = [
  { what: "wasm, background's module, gzip -9", size: () => gzipped('dist/chrome/kindling_bg.wasm'), budget: 150_000, ceiling: 549_500 },
  { what: "wasm, pages' module (popup, options), gzip -9", size: () => gzipped('dist/chrome/ui_bg.wasm'), budget: 150_000, ceiling: 236_500 },
  { what: "wasm, card frame's module (the card alone), gzip -9", size: () => gzipped('dist/chrome/card_bg.wasm'), budget: 150_000 },
  { what: 'Chrome zip', size: () => fs.statSync(at('dist/kindling-chrome.zip')).size, budget: 400_000, ceiling: 1_015_000 },
  {
    // Its files, in the manifest's order, as one text. Over its budget since issue 22 split it into
    // files sharing one state object: terser shortens no property name (docs/benchmarks.md).
    what: 'content script, minified (terser)',
    size: async () => (await minify(contentScript(), { compress: true, mangle: true })).code.length,
    budget: 15_000,
    ceiling: 16_100,
  },
];

let failed = false;
for (const { what, size, budget, ceiling } of BUDGETS) {
  const bytes = await size();
  const met = bytes <= budget;
  const held = met || (ceiling !== undefined && bytes <= ceiling);
  failed ||= !held;
  const verdict = met ? 'met' : held ? `over budget, within its ceiling of ${ceiling.toLocaleString('en')} B` : 'FAILED';
  console.log(`${what}: ${bytes.toLocaleString('en')} B (budget ${budget.toLocaleString('en')} B): ${verdict}`);
}
if (failed) {
  console.error('budgets: a size grew past its budget or ceiling (docs/benchmarks.md)');
  process.exit(1);
}
