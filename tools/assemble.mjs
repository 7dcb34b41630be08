// Assemble one browser's unpacked extension from extension/ and the built
// core's three modules, patching the ONE manifest source for that browser, and
// refuse a package in which a module is missing, the manifest or a page names
// a file that is not there, or an extension page loads the background's module.
//
//   node tools/assemble.mjs <chrome|firefox> <pkg dir> <out dir>
import fs from 'node:fs';
import path from 'node:path';

const [browser, pkgDir, outDir] = process.argv.slice(2);
const SOURCE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'extension');
const GECKO_ID = 'kindling@kindling.extension';

function patch(manifest) {
  if (browser === 'chrome') {
    // Chrome only: the card's frame is reachable at a URL that changes every
    // session, so a page cannot probe a fixed URL to learn Kindling is installed.
    const resources = manifest.web_accessible_resources.map((w) => ({ ...w, use_dynamic_url: true }));
    return { ...manifest, web_accessible_resources: resources };
  }
  if (browser !== 'firefox') throw new Error(`unknown browser "${browser}"`);
  const { service_worker: worker, ...background } = manifest.background;
  return {
    ...manifest,
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    background: { ...background, scripts: [worker] },
    // Firefox cannot ask for `alarms` at run time (its permissions.request
    // refuses the name: not one of its optional permissions), so it is
    // granted at install there, where it shows no warning; `notifications`
    // stays optional, asked for when the user turns reminders on.
    permissions: [...(manifest.permissions ?? []), 'alarms'],
    optional_permissions: (manifest.optional_permissions ?? []).filter((p) => p !== 'alarms'),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // data_collection_permissions is read from Firefox 140 on.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

/** Every package file the manifest names. */
function named(manifest) {
  const files = [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.options_ui?.page,
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
    ...(manifest.web_accessible_resources ?? []).flatMap((w) => w.resources),
  ];
  if (manifest.default_locale) files.push(`_locales/${manifest.default_locale}/messages.json`);
  return files.filter(Boolean);
}

/** Files a page or module refers to: src/href in HTML, relative imports in JS. */
function references(file, text) {
  const found = [];
  const patterns = file.endsWith('.html')
    ? [/\s(?:src|href)="([^"#?:]+)"/g]
    : [/\bimport\s[^'"]*['"](\.[^'"]+)['"]/g, /new URL\(['"]([^'"]+)['"],\s*import\.meta\.url/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found.map((ref) => path.normalize(path.join(path.dirname(file), ref)));
}

/**
 * What is wrong with the extension pages' policy (issue 8): every fetch and subresource from the
 * package only, scripts from the package plus wasm compilation, no plugins, no eval, no inline
 * code or style, no remote host anywhere.
 */
function policyProblems(manifest) {
  const policy = manifest.content_security_policy?.extension_pages ?? '';
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...v]) => [name, v]));
  const problems = [];
  const want = { 'default-src': ["'self'"], 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'connect-src': ["'self'"], 'object-src': ["'none'"] };
  for (const [name, values] of Object.entries(want)) {
    if (JSON.stringify(directives.get(name)) !== JSON.stringify(values)) problems.push(`${name} must be ${values.join(' ')}`);
  }
  for (const [name, values] of directives) {
    const loose = values.filter((v) => /^'unsafe-(eval|inline|hashes)'$|^\*$|^https?:|^data:|^blob:/.test(v));
    if (loose.length) problems.push(`${name} allows ${loose.join(' ')}`);
  }
  return problems;
}

const policy = policyProblems(JSON.parse(fs.readFileSync(path.join(SOURCE, 'manifest.json'), 'utf8')));
if (policy.length) {
  console.error(`assemble ${browser}: the extension pages' content security policy is too loose:\n  ${policy.join('\n  ')}`);
  process.exit(1);
}

// The core's modules (docs/architecture.md, "The core's modules"): the background's, loaded by
// background.js alone, the pages' (the popup, the options page), and the card frame's.
const BACKGROUND_MODULE = ['kindling.js', 'kindling_bg.wasm'];
const UI_MODULE = ['ui.js', 'ui_bg.wasm'];
// The card frame's: the card alone, which every tab showing a profile loads.
const CARD_MODULE = ['card.js', 'card_bg.wasm'];
const MODULES = [...BACKGROUND_MODULE, ...UI_MODULE, ...CARD_MODULE];
const absent = MODULES.filter((file) => !fs.existsSync(path.join(pkgDir, file)));
if (absent.length) {
  console.error(`assemble ${browser}: the built core in ${pkgDir} lacks ${absent.join(', ')} (./build.sh builds every module)`);
  process.exit(1);
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.cpSync(SOURCE, outDir, { recursive: true });
for (const file of MODULES) fs.copyFileSync(path.join(pkgDir, file), path.join(outDir, file));

const manifest = patch(JSON.parse(fs.readFileSync(path.join(SOURCE, 'manifest.json'), 'utf8')));
fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const missing = [];
const queue = named(manifest).map((f) => ({ file: f, from: 'manifest.json' }));
const checked = new Set();
const namedBy = new Map();
while (queue.length) {
  const { file, from } = queue.shift();
  namedBy.set(file, [...(namedBy.get(file) ?? []), from]);
  if (checked.has(file)) continue;
  checked.add(file);
  const full = path.join(outDir, file);
  if (!fs.existsSync(full)) {
    missing.push(`${file} (named in ${from})`);
    continue;
  }
  if (/\.(html|js)$/.test(file)) {
    for (const ref of references(file, fs.readFileSync(full, 'utf8'))) queue.push({ file: ref, from: file });
  }
}
if (missing.length) {
  console.error(`assemble ${browser}: the package lacks files it names:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
// Each module is loaded, and the background's by the background alone (and its own glue).
const loaders = (file) => (namedBy.get(file) ?? []).filter((from) => from !== file);
const misplaced = [
  ...MODULES.filter((file) => !loaders(file).length).map((file) => `${file} is loaded by nothing`),
  ...BACKGROUND_MODULE.flatMap((file) => loaders(file)
    .filter((from) => !['background.js', ...BACKGROUND_MODULE].includes(from))
    .map((from) => `${from} loads the background's module (${file}); the pages load ${UI_MODULE[0]} or ${CARD_MODULE[0]}`)),
];
if (misplaced.length) {
  console.error(`assemble ${browser}: the core's modules are not where they belong:\n  ${misplaced.join('\n  ')}`);
  process.exit(1);
}
console.log(`assembled ${outDir} (${checked.size} files checked)`);
