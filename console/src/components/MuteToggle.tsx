import { useI18n } from '../i18n/context.ts';

/** Alert sounds on or off; the label says what a click will do. */
export function MuteToggle({ muted, onToggle }: { muted: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" class="button mute-toggle" data-part="mute" data-muted={muted} title={t('sound.toggle')} onClick={onToggle}>
      <span aria-hidden="true">{muted ? '🔕 ' : '🔔 '}</span>
      {muted ? t('sound.unmute') : t('sound.mute')}
    </button>
  );
}
