import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { requireBuiltBundles } from './builtBundles.ts';

/** Debian's Chromium; Playwright's own browser download cannot work on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  requireBuiltBundles();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Screenshots land here as test artefacts (git-ignored). */
export function artifactPath(name: string): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
