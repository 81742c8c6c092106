import type { AdminTranslate } from '../i18n/index.ts';

/** As the widget words it: whole minutes, whole hours from 90 min, and no false precision under one. */
export function replyText(seconds: number, t: AdminTranslate): string {
  if (seconds < 60) return t('branding.underMinute');
  return seconds < 5400
    ? t('branding.minutes', { count: Math.round(seconds / 60) })
    : t('branding.hours', { count: Math.round(seconds / 3600) });
}
