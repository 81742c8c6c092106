import type { Device } from '@mostrador/shared';
import type { MessageKey, Translate } from '../../i18n/index.ts';

const DEVICE_TYPES: Readonly<Record<Device['type'], MessageKey>> = {
  desktop: 'visitor.deviceDesktop',
  mobile: 'visitor.deviceMobile',
  tablet: 'visitor.deviceTablet',
};

/** "Mobile · Safari 18 · iOS": what the user agent said, leaving out what it did not. */
export function deviceText(device: Device, t: Translate): string {
  return [t(DEVICE_TYPES[device.type]), device.browser, device.os].filter((part) => part !== null && part !== '').join(' · ');
}
