import { useI18n } from '../i18n/context.ts';

/** Alert sounds on or off; the label says what a click will do. */
export function MuteToggle({ muted, onToggle }: { muted: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" class="button mute-toggle" data-part="mute" data-muted={muted} title={t('sound.toggle')} onClick={onToggle}>
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" class="mute-icon">
        <path
          d="M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4ZM6.5 12.5a1.5 1.5 0 0 0 3 0"
          fill="none"
          stroke="currentColor"
          stroke-width="1.4"
        />
        {muted && <path d="M2 2l12 12" stroke="currentColor" stroke-width="1.4" />}
      </svg>
      {muted ? t('sound.unmute') : t('sound.mute')}
    </button>
  );
}
