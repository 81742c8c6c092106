/**
 * The lockfile's jsdom (31, with undici 8) needs Node 22+, but this machine and
 * CI run Node 20. Until the project moves to Node 22, this preload fills the
 * few gaps jsdom touches. Test-only: it is never part of the widget bundle.
 * On Node 22+ every branch below is skipped.
 */
'use strict';
const zlib = require('node:zlib');
const workerThreads = require('node:worker_threads');

if (typeof zlib.createZstdDecompress !== 'function') {
  zlib.createZstdDecompress = () => {
    throw new Error('zstd is not available on this Node version');
  };
}
if (typeof workerThreads.markAsUncloneable !== 'function') {
  workerThreads.markAsUncloneable = () => {};
}

// Iterator helpers (ES2025): jsdom subclasses the global `Iterator`, calls
// `.find`, `.map`… on its own iterators, and reads `Iterator` inside each
// window's vm context, so the polyfill is installed there too.
function installIteratorHelpers() {
  if (typeof globalThis.Iterator !== 'undefined') return;
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  function Iterator() {}
  Iterator.prototype = IteratorPrototype;
  Object.defineProperty(IteratorPrototype, 'constructor', { value: Iterator, writable: true, configurable: true });
  Iterator.from = function from(source) {
    const iterator = typeof source[Symbol.iterator] === 'function' ? source[Symbol.iterator]() : source;
    return (function* wrap() {
      yield* { [Symbol.iterator]: () => iterator };
    })();
  };
  const helpers = {
    *map(fn) { let i = 0; for (const v of this) yield fn(v, i++); },
    *filter(fn) { let i = 0; for (const v of this) if (fn(v, i++)) yield v; },
    *take(n) { if (n <= 0) return; let i = 0; for (const v of this) { yield v; if (++i >= n) return; } },
    *drop(n) { let i = 0; for (const v of this) if (i++ >= n) yield v; },
    *flatMap(fn) { let i = 0; for (const v of this) yield* fn(v, i++); },
    find(fn) { let i = 0; for (const v of this) if (fn(v, i++)) return v; return undefined; },
    some(fn) { let i = 0; for (const v of this) if (fn(v, i++)) return true; return false; },
    every(fn) { let i = 0; for (const v of this) if (!fn(v, i++)) return false; return true; },
    forEach(fn) { let i = 0; for (const v of this) fn(v, i++); },
    toArray() { return [...this]; },
    reduce(fn, ...init) {
      let i = 0; let acc; let started = init.length > 0; if (started) acc = init[0];
      for (const v of this) { if (!started) { acc = v; started = true; i++; continue; } acc = fn(acc, v, i++); }
      if (!started) throw new TypeError('Reduce of empty iterator with no initial value');
      return acc;
    },
  };
  for (const [name, fn] of Object.entries(helpers)) {
    Object.defineProperty(IteratorPrototype, name, { value: fn, writable: true, configurable: true });
  }
  Object.defineProperty(globalThis, 'Iterator', { value: Iterator, writable: true, configurable: true });
}

if (typeof globalThis.Iterator === 'undefined') {
  installIteratorHelpers();
  const vm = require('node:vm');
  const createContext = vm.createContext;
  vm.createContext = function createContextWithIteratorHelpers(...args) {
    const context = createContext.apply(this, args);
    vm.runInContext(`(${installIteratorHelpers.toString()})()`, context);
    return context;
  };
}

// Vitest's own reporter groups failures with Map.groupBy (Node 21+). Only the
// main process needs it: run `NODE_OPTIONS="--require ./test-support/node20-compat.cjs" vitest`.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = function groupBy(items, keyOf) {
    const groups = new Map();
    let i = 0;
    for (const item of items) {
      const key = keyOf(item, i++);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    return groups;
  };
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = function groupBy(items, keyOf) {
    const groups = Object.create(null);
    let i = 0;
    for (const item of items) (groups[keyOf(item, i++)] ??= []).push(item);
    return groups;
  };
}
