import { useI18n } from '../i18n/context.ts';
import type { ConnectionState } from '../state/consoleState.ts';

/** Always present, so screen readers announce when the connection drops and returns. */
export function ConnectionBanner({ connection }: { connection: ConnectionState }) {
  const { t } = useI18n();
  const text = connection === 'reconnecting' ? t('connection.reconnecting') : connection === 'connecting' ? t('connection.connecting') : '';
  return (
    <div class="connection-banner" data-part="connection" data-state={connection} role="status" hidden={text === ''}>
      {text}
    </div>
  );
}
