import { describe, expect, it, vi } from 'vitest';
import { installCommandQueue, isCommandQueueInstalled, type CommandHandlers, type GlobalHost } from './dispatcher.ts';

function recordingHandlers(calls: string[]): CommandHandlers {
  return {
    open: () => calls.push('open'),
    close: () => calls.push('close'),
    toggle: () => calls.push('toggle'),
    setDepartment: (slug) => calls.push(`setDepartment:${slug}`),
    setCart: (cart) => calls.push(`setCart:${JSON.stringify(cart)}`),
    identify: (customer) => calls.push(`identify:${JSON.stringify(customer)}`),
    track: (name) => calls.push(`track:${name}`),
    on: (event, handler) => calls.push(`on:${String(event)}:${typeof handler}`),
  };
}

/** The exact stub merchants paste, evaluated against a fake window. */
function stubbedHost(): GlobalHost & { Mostrador: (...args: unknown[]) => void } {
  const host = {} as GlobalHost & { Mostrador: (...args: unknown[]) => void };
  const Mostrador = function (this: unknown) {
    // eslint-disable-next-line prefer-rest-params
    ((Mostrador as unknown as { q?: unknown[] }).q ??= []).push(arguments);
  } as unknown as (...args: unknown[]) => void;
  host.Mostrador = Mostrador;
  return host;
}

describe('installCommandQueue', () => {
  it('hands a merchant’s hook over as given, queued before load or called after', () => {
    const host = stubbedHost();
    host.Mostrador('on', 'addToCart', () => true);
    const calls: string[] = [];
    const mostrador = installCommandQueue(host, recordingHandlers(calls));
    mostrador('on', 'addToCart', 'not a function');
    expect(calls).toEqual(['on:addToCart:function', 'on:addToCart:string']);
  });

  it('replays calls made on the stub before load, in order', () => {
    const host = stubbedHost();
    host.Mostrador('open');
    host.Mostrador('toggle');
    host.Mostrador('close');
    const calls: string[] = [];
    installCommandQueue(host, recordingHandlers(calls));
    expect(calls).toEqual(['open', 'toggle', 'close']);
  });

  it('replaces the global with a function that runs commands at once', () => {
    const host = stubbedHost();
    const stub = host.Mostrador;
    const calls: string[] = [];
    installCommandQueue(host, recordingHandlers(calls));
    expect(host.Mostrador).not.toBe(stub);
    host.Mostrador('toggle');
    expect(calls).toEqual(['toggle']);
    expect((host.Mostrador as { q?: unknown }).q).toBeUndefined();
  });

  it('tells the merchant stub apart from the installed function', () => {
    const host = stubbedHost();
    expect(isCommandQueueInstalled(host)).toBe(false);
    installCommandQueue(host, recordingHandlers([]));
    expect(isCommandQueueInstalled(host)).toBe(true);
  });

  it('works without a stub', () => {
    const host: GlobalHost = {};
    const calls: string[] = [];
    const mostrador = installCommandQueue(host, recordingHandlers(calls));
    expect(host.Mostrador).toBe(mostrador);
    mostrador('open');
    expect(calls).toEqual(['open']);
  });

  it('warns about and ignores unknown commands, queued or live', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const host = stubbedHost();
    host.Mostrador('explode');
    host.Mostrador('open');
    const calls: string[] = [];
    installCommandQueue(host, recordingHandlers(calls));
    host.Mostrador('toString');
    expect(calls).toEqual(['open']);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('passes setDepartment a trimmed slug (known or not) or null, and ignores anything else', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const host = stubbedHost();
    host.Mostrador('setDepartment', ' sales ');
    const calls: string[] = [];
    installCommandQueue(host, recordingHandlers(calls));
    host.Mostrador('setDepartment', 'no-such-department');
    host.Mostrador('setDepartment', null);
    host.Mostrador('setDepartment');
    host.Mostrador('setDepartment', '   ');
    host.Mostrador('setDepartment', 'x'.repeat(41));
    expect(calls).toEqual(['setDepartment:sales', 'setDepartment:no-such-department', 'setDepartment:null']);
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('hands setCart and identify their argument as given, for their handlers to check', () => {
    const host = stubbedHost();
    host.Mostrador('setCart', { items: [], total: 0, currency: 'EUR' });
    const calls: string[] = [];
    const mostrador = installCommandQueue(host, recordingHandlers(calls));
    mostrador('identify', { id: 'c-1', hash: 'ab' });
    expect(calls).toEqual(['setCart:{"items":[],"total":0,"currency":"EUR"}', 'identify:{"id":"c-1","hash":"ab"}']);
  });

  it('passes track a trimmed event name, ignoring the properties, and warns about a missing or overlong one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const host = stubbedHost();
    host.Mostrador('track', ' coupon_failed ', { code: 'WELCOME10' });
    const calls: string[] = [];
    const mostrador = installCommandQueue(host, recordingHandlers(calls));
    mostrador('track', 'size_guide');
    mostrador('track');
    mostrador('track', 42);
    mostrador('track', 'x'.repeat(61));
    expect(calls).toEqual(['track:coupon_failed', 'track:size_guide']);
    expect(warn).toHaveBeenCalledTimes(3);
  });
});
