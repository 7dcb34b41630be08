// The Today agenda benchmark (crate/examples/agenda_bench.rs) compiled to
// WebAssembly and run by Node's V8, the engine Chromium runs the extension's
// wasm with: the "in wasm" figure, beside the native one. Run by
// hand: node tests/bench/agenda-wasm.mjs. Nothing here asserts a time.
/* global WebAssembly */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const root = new URL('../../', import.meta.url).pathname;
execFileSync('rustup', ['target', 'add', 'wasm32-wasip1'], { stdio: 'ignore' });
execFileSync('cargo', ['build', '--release', '-p', 'kindling', '--example', 'agenda_bench', '--target', 'wasm32-wasip1'],
  { cwd: root, stdio: 'inherit' });
const wasm = readFileSync(`${root}target/wasm32-wasip1/release/examples/agenda_bench.wasm`);
const wasi = new WASI({ version: 'preview1', args: ['agenda_bench'] });
const instance = await WebAssembly.instantiate(await WebAssembly.compile(wasm), wasi.getImportObject());
wasi.start(instance);
