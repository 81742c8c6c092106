import type { Language, Messages } from '../i18n/catalogue.ts';

/** The content hash of the catalogues (one for all languages), baked in by the build, so each file can be cached for good. */
declare const __MOSTRADOR_CATALOGUES__: string;

const MAX_RETRY_MS = 30_000;

/**
 * Fetches the one catalogue this visitor needs from beside widget.js. A
 * failure is retried with growing pauses: without its words the widget has
 * nothing to show, and the chat connection would be failing too.
 */
export function fetchMessages(serverOrigin: string, language: Language): Promise<Messages> {
  const url = `${serverOrigin}/widget/i18n/${language}.${__MOSTRADOR_CATALOGUES__}.json`;
  return new Promise((resolve) => {
    const attempt = (pause: number) =>
      fetch(url, { credentials: 'omit' })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
        .then(resolve, () => setTimeout(() => attempt(Math.min(pause * 2, MAX_RETRY_MS)), pause));
    attempt(1_000);
  });
}
