// The DOM environment for the console's tests: Vitest's own jsdom, made
// loadable on Node 20.
//
// jsdom 31 (and the undici 8 it loads) expect Node 22: a global `Iterator`
// with its helper methods, also inside the window's vm context,
// zlib.createZstdDecompress and worker_threads.markAsUncloneable. The workspace still allows Node 20.19,
// where their absence stops every DOM test before it starts. Each stand-in
// below is installed only when the real one is missing, so on Node 22 or
// later this file does nothing but re-export the jsdom environment.
import vm from 'node:vm';
import workerThreads from 'node:worker_threads';
import zlib from 'node:zlib';
import { builtinEnvironments } from 'vitest/runtime';

if (typeof globalThis.Iterator !== 'function') {
  // The subset of ES2025 iterator helpers jsdom calls on its tree iterators.
  class IteratorBase {
    [Symbol.iterator]() {
      return this;
    }
    *map(mapper) {
      let index = 0;
      for (const value of this) yield mapper(value, index++);
    }
    *filter(predicate) {
      let index = 0;
      for (const value of this) if (predicate(value, index++)) yield value;
    }
    *flatMap(mapper) {
      let index = 0;
      for (const value of this) yield* mapper(value, index++);
    }
    *take(limit) {
      if (limit <= 0) return;
      let taken = 0;
      for (const value of this) {
        yield value;
        if (++taken >= limit) return;
      }
    }
    *drop(count) {
      let index = 0;
      for (const value of this) if (index++ >= count) yield value;
    }
    find(predicate) {
      let index = 0;
      for (const value of this) if (predicate(value, index++)) return value;
      return undefined;
    }
    some(predicate) {
      return this.find(predicate) !== undefined || false;
    }
    every(predicate) {
      let index = 0;
      for (const value of this) if (!predicate(value, index++)) return false;
      return true;
    }
    forEach(callback) {
      let index = 0;
      for (const value of this) callback(value, index++);
    }
    reduce(reducer, initial) {
      let accumulator = initial;
      let index = 0;
      for (const value of this) accumulator = reducer(accumulator, value, index++);
      return accumulator;
    }
    toArray() {
      return [...this];
    }
  }
  // Generators made by the helpers above must offer the helpers too, for chains.
  const generatorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(IteratorBase.prototype.map.call([][Symbol.iterator]())));
  for (const name of ['map', 'filter', 'flatMap', 'take', 'drop', 'find', 'some', 'every', 'forEach', 'reduce', 'toArray']) {
    if (!(name in generatorPrototype)) {
      Object.defineProperty(generatorPrototype, name, { value: IteratorBase.prototype[name], writable: true, configurable: true });
    }
  }
  globalThis.Iterator = IteratorBase;

  // jsdom copies each JS global into its window by evaluating the bare name
  // inside a fresh vm context, where the stand-in does not exist; lend it ours.
  const runInContext = vm.runInContext;
  vm.runInContext = function runInContextWithIterator(code, context, options) {
    if (code === 'Iterator') {
      try {
        return runInContext.call(this, code, context, options);
      } catch {
        return IteratorBase;
      }
    }
    return runInContext.call(this, code, context, options);
  };
}

if (typeof zlib.createZstdDecompress !== 'function') {
  zlib.createZstdDecompress = () => {
    throw new Error('zstd decompression needs Node 22.15 or later');
  };
}

if (typeof workerThreads.markAsUncloneable !== 'function') {
  workerThreads.markAsUncloneable = () => {};
}

export default builtinEnvironments.jsdom;
