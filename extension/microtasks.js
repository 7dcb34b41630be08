// One turn at a time for the core's futures. wasm-bindgen-futures runs every
// Rust future of a context from one microtask callback, a Rust closure that
// must not be entered while it runs. Firefox can run microtasks inside a call
// from wasm into JS (bugzilla 1855409; wasm-bindgen issue 3635, read
// 2026-12-07; Ruffle works around it in ruffle-rs/ruffle PR 17018), and the
// context then logs "closure invoked recursively or after being dropped" and
// loses that turn: seen once in CI, Firefox's options page. A microtask the
// browser starts while another of this context's is still running is put off
// to a task of its own, so it runs just after, never inside.
export function oneTurnAtATime(global = globalThis) {
  const queue = global.queueMicrotask?.bind(global);
  if (!queue) return;
  let running = 0;
  const run = (callback) => {
    running += 1;
    try {
      callback();
    } finally {
      running -= 1;
    }
  };
  global.queueMicrotask = (callback) => queue(() => {
    if (running > 0) global.setTimeout(() => run(callback), 0);
    else run(callback);
  });
}

oneTurnAtATime();
