// extension/microtasks.js: a microtask the browser starts inside another of
// the context's (Firefox can, from a call out of wasm) waits for its own turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneTurnAtATime } from '../../extension/microtasks.js';

// A context whose microtasks and tasks the test runs by hand.
function context() {
  const microtasks = [];
  const tasks = [];
  const global = {
    queueMicrotask: (callback) => microtasks.push(callback),
    setTimeout: (callback, delay) => tasks.push({ callback, delay }),
  };
  oneTurnAtATime(global);
  const drain = () => {
    while (microtasks.length) microtasks.shift()();
  };
  return { global, microtasks, tasks, drain };
}

test('a microtask the browser runs inside another is put off to a task of its own, never run inside', () => {
  const { global, tasks, drain } = context();
  const seen = [];
  global.queueMicrotask(() => {
    seen.push('A starts');
    global.queueMicrotask(() => seen.push('B'));
    drain(); // the browser running microtasks during a call out of A, as Firefox can
    seen.push('A ends');
  });
  drain();
  assert.deepEqual(seen, ['A starts', 'A ends']);
  assert.equal(tasks.length, 1);
  assert.equal(tasks[0].delay, 0);
  tasks.shift().callback();
  assert.deepEqual(seen, ['A starts', 'A ends', 'B']);
});

test('microtasks one after another run as microtasks, and one that throws does not hold up the next', () => {
  const { global, tasks, drain } = context();
  const seen = [];
  global.queueMicrotask(() => {
    seen.push('A');
    throw new Error('A failed');
  });
  global.queueMicrotask(() => seen.push('B'));
  assert.throws(drain, /A failed/);
  drain();
  assert.deepEqual(seen, ['A', 'B']);
  assert.equal(tasks.length, 0, 'nothing put off');
});

test('in a real context, guarded microtasks still run before the next task', async () => {
  const global = { queueMicrotask: globalThis.queueMicrotask, setTimeout: globalThis.setTimeout };
  oneTurnAtATime(global);
  const seen = [];
  const done = new Promise((resolve) => setTimeout(() => resolve(), 0));
  setTimeout(() => seen.push('task'), 0);
  global.queueMicrotask(() => seen.push('microtask'));
  await done;
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(seen, ['microtask', 'task']);
});
