import type { AgentAvailability } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

interface PresenceSelectProps {
  presence: AgentAvailability;
  connected: boolean;
  onChange: (status: AgentAvailability) => void;
}

/** Online or away, by choice; offline (and disabled) while the socket is down. */
export function PresenceSelect({ presence, connected, onChange }: PresenceSelectProps) {
  const { t } = useI18n();
  return (
    <label class="presence-select" data-state={connected ? presence : 'offline'}>
      <span class="presence-dot" aria-hidden="true" />
      <span class="visually-hidden">{t('header.presence')}</span>
      <select
        name="presence"
        value={connected ? presence : 'offline'}
        disabled={!connected}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (chosen === 'online' || chosen === 'away') onChange(chosen);
        }}
      >
        <option value="online">{t('presence.online')}</option>
        <option value="away">{t('presence.away')}</option>
        {!connected && <option value="offline">{t('presence.offline')}</option>}
      </select>
    </label>
  );
}
