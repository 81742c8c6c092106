import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@mostrador/server';

/**
 * The browser tests load the built widget and console, as a shop would. In a
 * fresh clone nothing is built, and every test would wait 30 s for a launcher
 * that never appears and end with only "Test timed out": refuse at once and
 * say what to run instead. `pnpm test` builds before it tests.
 */
export function requireBuiltBundles(): void {
  const config = loadConfig(process.env);
  const missing = [config.widgetFile, join(config.consoleDir, 'index.html')].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Browser tests need the built widget and console; missing: ${missing.join(', ')}. ` +
        'Run `pnpm build` first (or `pnpm test`, which builds before testing).',
    );
  }
}
