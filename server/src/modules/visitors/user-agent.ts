import type { Device } from '@mostrador/shared';

const OS_PATTERNS: Array<[RegExp, string]> = [
  // Order matters: iPadOS and Android user agents also mention other systems.
  [/iPad|iPhone|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

const BROWSER_PATTERNS: Array<[RegExp, string]> = [
  // Edge, Opera and Samsung Internet also say "Chrome" and "Safari"; Chrome also says "Safari".
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)(?:\.\d+)*.*Safari\//, 'Safari'],
];

/**
 * What the agent needs to picture the visitor's screen: desktop, phone or
 * tablet, and the browser and system by name. Not a full parser: unknown
 * agents read as a desktop with no names, which is harmless.
 */
export function parseUserAgent(userAgent: string | undefined): Device {
  const ua = userAgent ?? '';
  const os = OS_PATTERNS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  let browser: string | null = null;
  for (const [pattern, name] of BROWSER_PATTERNS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  const tablet = /iPad|Tablet/.test(ua) || (/Android/.test(ua) && !/Mobile/.test(ua));
  const mobile = !tablet && /Mobi|iPhone|iPod|Android/.test(ua);
  return { type: tablet ? 'tablet' : mobile ? 'mobile' : 'desktop', os, browser };
}
