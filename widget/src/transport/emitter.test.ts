import { Emitter as StockEmitter } from '@socket.io/component-emitter';
import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.ts';

type AnyEmitter = {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event?: string, listener?: (...args: unknown[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  emitReserved(event: string, ...args: unknown[]): unknown;
};

/** Runs one scenario on ours and on the stock emitter Socket.IO ships, and answers both logs. */
function both(scenario: (emitter: AnyEmitter, log: string[]) => void): [string[], string[]] {
  const logs: [string[], string[]] = [[], []];
  scenario(new Emitter() as unknown as AnyEmitter, logs[0]);
  scenario(new StockEmitter() as unknown as AnyEmitter, logs[1]);
  return logs;
}

describe('the emitter under the widget’s Socket.IO client', () => {
  it('calls listeners in the order added, with the arguments and the emitter as this', () => {
    const [ours, stock] = both((emitter, log) => {
      emitter.on('data', function (this: unknown, a, b) {
        log.push(`first ${String(a)} ${String(b)} ${this === emitter}`);
      });
      emitter.on('data', (a) => log.push(`second ${String(a)}`));
      emitter.emit('data', 1, 'x');
      emitter.emitReserved('data', 2);
      emitter.emit('other', 3);
    });
    expect(ours).toEqual(['first 1 x true', 'second 1', 'first 2 undefined true', 'second 2']);
    expect(ours).toEqual(stock);
  });

  it('runs a once listener a single time, and off removes it by the function given to once', () => {
    const [ours, stock] = both((emitter, log) => {
      const drained = () => log.push('drained');
      emitter.once('drain', drained);
      emitter.emit('drain');
      emitter.emit('drain');
      emitter.once('drain', drained);
      emitter.off('drain', drained);
      emitter.emit('drain');
    });
    expect(ours).toEqual(['drained']);
    expect(ours).toEqual(stock);
  });

  it('removes one listener, one event’s, or all, through off and removeAllListeners', () => {
    const [ours, stock] = both((emitter, log) => {
      const a = () => log.push('a');
      const b = () => log.push('b');
      emitter.on('close', a);
      emitter.on('close', b);
      emitter.on('open', a);
      emitter.off('close', a);
      emitter.emit('close');
      emitter.removeAllListeners('close');
      emitter.emit('close');
      emitter.emit('open');
      emitter.removeAllListeners();
      emitter.emit('open');
      emitter.on('open', b);
      emitter.off();
      emitter.emit('open');
      // Removing what is not there changes nothing.
      emitter.on('ping', a);
      emitter.off('ping', b);
      emitter.off('pong', a);
      emitter.emit('ping');
    });
    expect(ours).toEqual(['b', 'a', 'a']);
    expect(ours).toEqual(stock);
  });

  it('finishes an emit on the listeners it started with when one removes another', () => {
    const [ours, stock] = both((emitter, log) => {
      const second = () => log.push('second');
      emitter.on('packet', () => {
        log.push('first');
        emitter.off('packet', second);
      });
      emitter.on('packet', second);
      emitter.emit('packet');
      emitter.emit('packet');
    });
    expect(ours).toEqual(['first', 'second', 'first']);
    expect(ours).toEqual(stock);
  });

  it('keeps emitReserved local when a subclass makes emit send, as Socket.IO’s socket does', () => {
    const logs = [StockEmitter, Emitter].map((Base) => {
      const log: string[] = [];
      class Sending extends (Base as unknown as new () => AnyEmitter) {
        override emit(event: string, ...args: unknown[]) {
          log.push(`sent ${event}`);
          return super.emit(event, ...args);
        }
      }
      const socket = new Sending();
      socket.on('connect', () => log.push('heard connect'));
      socket.emitReserved('connect');
      socket.emit('message:send');
      return log;
    });
    expect(logs[1]).toEqual(['heard connect', 'sent message:send']);
    expect(logs[1]).toEqual(logs[0]);
  });

  it('returns itself from every method, for chaining', () => {
    const emitter = new Emitter();
    const listener = () => {};
    for (const result of [
      emitter.on('a', listener),
      emitter.once('a', listener),
      emitter.off('a', listener),
      emitter.removeAllListeners(),
      emitter.emit('a'),
      emitter.emitReserved('a'),
    ])
      expect(result).toBe(emitter);
  });
});
