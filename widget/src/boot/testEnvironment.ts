import { catalogues } from '../i18n/catalogues.ts';
import { launcherWordsOf } from '../i18n/launcherWords.ts';
import * as shopifyChunk from '../context/shopifyChunk.ts';
import * as panelChunk from '../panel/mountPanel.tsx';
import { FakeTransport } from '../transport/fakeTransport.ts';
import type { WidgetEnvironment } from './startWidget.tsx';

/** For tests: a widget's environment with fake transports and everything at hand (the panel chunk as if already fetched). */
export const config = { serverOrigin: 'https://chat.example.com', siteKey: 'site_1', lang: null };

export function environment(overrides: Partial<WidgetEnvironment> = {}) {
  const transports: FakeTransport[] = [];
  const tokens: (() => string | undefined)[] = [];
  const env: WidgetEnvironment = {
    document,
    globalHost: {},
    browserLanguage: 'en-US',
    storage: null,
    css: '.widget { color: red; }',
    launcherWords: (language) => launcherWordsOf(catalogues[language]),
    loadMessages: (language) => catalogues[language],
    // The panel chunk at hand, as the browser has it once fetched.
    loadPanel: () => panelChunk,
    loadShopify: () => shopifyChunk,
    createTransport: (_config, getToken) => {
      tokens.push(getToken);
      const transport = new FakeTransport();
      transports.push(transport);
      return transport;
    },
    ...overrides,
  };
  return { env, transports, tokens };
}
