import type { RoutingMode } from '../api.ts';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';

export const ROUTING_TEXT: Record<RoutingMode, { label: AdminMessageKey; hint: AdminMessageKey }> = {
  auto: { label: 'departments.routingAuto', hint: 'departments.routingAutoHint' },
  manual: { label: 'departments.routingManual', hint: 'departments.routingManualHint' },
};

interface RoutingChoiceProps {
  value: RoutingMode;
  onChange: (routing: RoutingMode) => void;
}

/** Two radios, each with the sentence that says what the mode does, since the names alone do not. */
export function RoutingChoice({ value, onChange }: RoutingChoiceProps) {
  const { t } = useAdminI18n();
  return (
    <fieldset class="check-group">
      <legend>{t('departments.fieldRouting')}</legend>
      {(['auto', 'manual'] as const).map((mode) => (
        <label key={mode} class="check with-hint">
          <input type="radio" name="routing" value={mode} checked={value === mode} onChange={() => onChange(mode)} />
          <span>
            <span class="check-label">{t(ROUTING_TEXT[mode].label)}</span>
            <span class="field-hint">{t(ROUTING_TEXT[mode].hint)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
