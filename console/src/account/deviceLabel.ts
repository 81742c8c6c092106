import type { Device } from '@mostrador/shared';
import type { Translate } from '../i18n/index.ts';

const TYPES = {
  desktop: 'account.deviceType.desktop',
  mobile: 'account.deviceType.mobile',
  tablet: 'account.deviceType.tablet',
} as const;

/** "Computer · Chrome 131 on macOS": what the agent would call the device they signed in on. */
export function deviceLabel(device: Device, t: Translate): string {
  const { browser, os } = device;
  const software = browser && os ? t('account.device', { browser, os }) : (browser ?? os ?? t('account.deviceUnknown'));
  return `${t(TYPES[device.type])} · ${software}`;
}
