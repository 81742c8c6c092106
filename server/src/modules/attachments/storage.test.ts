import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeFileStorage } from './storage-contract.ts';
import { LocalDiskStorage } from './storage.ts';

const dir = mkdtempSync(join(tmpdir(), 'mostrador-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeFileStorage('the local disk', () => new LocalDiskStorage(dir));
