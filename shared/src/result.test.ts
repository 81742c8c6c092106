import { describe, expect, it } from 'vitest';
import { ErrorBody, fail, mapOk, ok } from './result.ts';

describe('results across the wire', () => {
  it('builds the two ack shapes', () => {
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } });
    expect(fail('conflict', 'Taken')).toEqual({ ok: false, error: { code: 'conflict', message: 'Taken' } });
  });

  it('maps the data of a success and passes a failure through untouched', () => {
    expect(mapOk(ok(2), (n) => n * 10)).toEqual({ ok: true, data: 20 });
    const refused = fail('not_found', 'No such conversation');
    let called = false;
    expect(mapOk(refused, () => (called = true))).toBe(refused);
    expect(called).toBe(false);
  });

  it('accepts only known error codes with a message in an error body', () => {
    expect(ErrorBody.safeParse({ code: 'forbidden', message: 'No' }).success).toBe(true);
    expect(ErrorBody.safeParse({ code: 'teapot', message: 'No' }).success).toBe(false);
    expect(ErrorBody.safeParse({ code: 'forbidden' }).success).toBe(false);
  });
});
