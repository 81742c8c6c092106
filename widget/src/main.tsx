import { browserStorage } from './chat/visitorStorage.ts';
import { findOwnScript, readScriptConfig } from './boot/scriptConfig.ts';
import { fetchMessages } from './boot/fetchMessages.ts';
import { startWidget } from './boot/startWidget.tsx';
import type { Language } from './i18n/catalogue.ts';
import type { LauncherWords } from './i18n/launcherWords.ts';
import type { ShopifyModule } from './context/shopifyCart.ts';
import type { PanelModule } from './panel/mountPanel.tsx';
import { createSocketTransport } from './transport/socketTransport.ts';
import css from './boot/launcher.css?inline';

/** The chunks' content-hashed file names, and each language's launcher words, baked in by the build (see vite.config.ts). */
declare const __MOSTRADOR_PANEL__: string;
declare const __MOSTRADOR_SHOPIFY__: string;
declare const __MOSTRADOR_LAUNCHER_WORDS__: Record<Language, LauncherWords>;

/**
 * widget.js's entry: runs once when the shop's page loads it. A classic
 * script (the merchant's tag is `<script async>`), which brings the panel
 * chunk in with a dynamic `import()` of an absolute URL on the chat server,
 * the origin widget.js itself came from, never the shop's.
 */
function main(): void {
  // currentScript must be read now: it is null once this first run is over.
  const config = readScriptConfig(findOwnScript(document));
  if (!config) {
    console.warn('[Mostrador] widget.js needs a data-site attribute on its <script> tag.');
    return;
  }
  // A chunk, from the chat server: the origin widget.js came from, never the shop's.
  const chunk = <T,>(file: string) => import(/* @vite-ignore */ `${config.serverOrigin}/widget/chunks/${file}`) as Promise<T>;
  let panel: Promise<PanelModule> | undefined;
  startWidget(config, {
    document,
    window,
    globalHost: window as Window & { Mostrador?: unknown },
    browserLanguage: navigator.language,
    storage: browserStorage('localStorage'),
    css,
    launcherWords: (language) => __MOSTRADOR_LAUNCHER_WORDS__[language],
    loadMessages: (language) => fetchMessages(config.serverOrigin, language),
    loadPanel: () =>
      (panel ??= chunk<PanelModule>(__MOSTRADOR_PANEL__).catch((error: unknown) => {
        // Forget a failed fetch, so the next open tries again.
        panel = undefined;
        throw error;
      })),
    loadShopify: () => chunk<ShopifyModule>(__MOSTRADOR_SHOPIFY__),
    createTransport: ({ serverOrigin, siteKey }, getToken) => createSocketTransport({ serverOrigin, siteKey, getToken }),
  });
}

main();
