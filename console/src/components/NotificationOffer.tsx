import { useState } from 'preact/hooks';
import { notificationPermission, requestNotificationPermission, type PermissionState } from '../api/browserAlerts.ts';
import { useI18n } from '../i18n/context.ts';

/**
 * Offers desktop notifications; the browser's permission prompt appears only
 * when the agent clicks, never on load. Gone once answered or dismissed.
 */
export function NotificationOffer() {
  const { t } = useI18n();
  const [permission, setPermission] = useState<PermissionState>(notificationPermission);
  const [dismissed, setDismissed] = useState(false);
  if (permission !== 'default' || dismissed) return null;
  return (
    <div class="notification-offer" data-part="notification-offer" role="region" aria-label={t('notifications.enable')}>
      <p>{t('notifications.offer')}</p>
      <button
        type="button"
        class="button primary"
        data-part="enable-notifications"
        onClick={() => void requestNotificationPermission().then(setPermission)}
      >
        {t('notifications.enable')}
      </button>
      <button type="button" class="button" onClick={() => setDismissed(true)}>
        {t('notifications.dismiss')}
      </button>
    </div>
  );
}
