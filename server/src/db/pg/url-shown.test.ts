import { describe, expect, it } from 'vitest';
import { shownUrl, withoutPassword } from './url-shown.ts';

describe('a PostgreSQL URL as it may be printed', () => {
  it('shows the password as *** and everything else as it is', () => {
    expect(shownUrl('postgres://mostrador:s3cret@db.example:5432/mostrador?sslmode=verify-full')).toBe(
      'postgres://mostrador:***@db.example:5432/mostrador?sslmode=verify-full',
    );
    expect(shownUrl('postgres://mostrador@db.example/mostrador')).toBe('postgres://mostrador@db.example/mostrador');
  });

  it('does not echo a URL it cannot read, which may hold a password it cannot find', () => {
    expect(shownUrl('postgres://mostrador:s3 cret@[db/mostrador')).toBe('the PostgreSQL URL given');
  });

  it('takes the password out of a message, as written in the URL and decoded', () => {
    const url = 'postgres://mostrador:p%40ss%2Fw0rd@db.example/mostrador';
    expect(withoutPassword('failed for p%40ss%2Fw0rd and p@ss/w0rd', url)).toBe('failed for *** and ***');
    expect(withoutPassword('failed for 100%zz', 'postgres://u:100%zz@db.example/x')).toBe('failed for ***');
    expect(withoutPassword('role "nobody" does not exist', 'postgres://nobody@db.example/x')).toBe('role "nobody" does not exist');
  });
});
