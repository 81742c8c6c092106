import { browserStorage } from './chat/visitorStorage.ts';
import { findOwnScript, readScriptConfig } from './boot/scriptConfig.ts';
import { fetchMessages } from './boot/fetchMessages.ts';
import { startWidget } from './boot/startWidget.tsx';
import { createSocketTransport } from './transport/socketTransport.ts';
import css from './ui/styles.css?inline';

/** The bundle's entry: runs once when the shop's page loads widget.js. */
function main(): void {
  // currentScript must be read now: it is null once this first run is over.
  const config = readScriptConfig(findOwnScript(document));
  if (!config) {
    console.warn('[Mostrador] widget.js needs a data-site attribute on its <script> tag.');
    return;
  }
  startWidget(config, {
    document,
    window,
    globalHost: window as Window & { Mostrador?: unknown },
    browserLanguage: navigator.language,
    storage: browserStorage('localStorage'),
    sessionStorage: browserStorage('sessionStorage'),
    css,
    loadMessages: (language) => fetchMessages(config.serverOrigin, language),
    createTransport: ({ serverOrigin, siteKey }, getToken) => createSocketTransport({ serverOrigin, siteKey, getToken }),
  });
}

main();
