import type { ConversationSummary, SnoozeUntil } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { stateOf } from '../state/views.ts';
import { Dialog } from './Dialog.tsx';
import { formatFullTime } from './time.ts';

/** What an agent may set: open, pending (waiting on the customer), or snoozed until a preset or a time. */
export type StateChange = { state: 'open' } | { state: 'pending' } | { state: 'snoozed'; until: SnoozeUntil };

type Choice = 'reply' | 'hour' | 'tomorrow' | 'next-week' | 'custom';
const CHOICES: ReadonlyArray<[Choice, MessageKey]> = [
  ['reply', 'state.snoozeReply'],
  ['hour', 'state.snoozeHour'],
  ['tomorrow', 'state.snoozeTomorrow'],
  ['next-week', 'state.snoozeNextWeek'],
  ['custom', 'state.snoozeCustom'],
];

/** The state badge's words: "Pending", "Snoozed until 6 Dec 2026, 09:00", "Resolved". */
export function StateBadge({ conversation }: { conversation: ConversationSummary }) {
  const { t, language } = useI18n();
  const state = stateOf(conversation);
  const label =
    state === 'snoozed' && conversation.snoozedUntil != null
      ? t('state.snoozedUntil', { time: formatFullTime(conversation.snoozedUntil, language) })
      : t(`state.${state}`);
  return (
    <span class={`status-badge ${state}`} data-part="status" data-state={state}>
      {label}
    </span>
  );
}

/**
 * Mark pending, mark open and snooze, beside the pane's other actions. The
 * snooze presets are reckoned by the server in the site's time zone; a custom
 * time is the agent's own local time.
 */
export function StateControls(props: { conversation: ConversationSummary; busy: boolean; onChange: (change: StateChange) => void }) {
  const { t } = useI18n();
  const [snoozing, setSnoozing] = useState(false);
  const [choice, setChoice] = useState<Choice>('hour');
  const [custom, setCustom] = useState('');
  const state = stateOf(props.conversation);
  const customAt = custom ? new Date(custom).getTime() : Number.NaN;
  const canSubmit = choice !== 'custom' || customAt > Date.now();
  const button = (part: string, label: string, onClick: () => void) => (
    <button type="button" class="button" data-part={part} disabled={props.busy} onClick={onClick}>
      {label}
    </button>
  );
  return (
    <>
      {state !== 'pending' && button('mark-pending', t('state.markPending'), () => props.onChange({ state: 'pending' }))}
      {state !== 'open' && button('mark-open', t('state.markOpen'), () => props.onChange({ state: 'open' }))}
      {button('snooze', t('state.snooze'), () => setSnoozing(true))}
      {snoozing && (
        <Dialog
          title={t('state.snoozeTitle')}
          part="snooze-dialog"
          submitLabel={t('state.snoozeSubmit')}
          canSubmit={canSubmit}
          onCancel={() => setSnoozing(false)}
          onSubmit={() => {
            setSnoozing(false);
            // Until the customer writes is what pending is: no timer, open again at the customer's next message.
            if (choice === 'reply') props.onChange({ state: 'pending' });
            else props.onChange({ state: 'snoozed', until: choice === 'custom' ? { at: customAt } : { preset: choice } });
          }}
        >
          <fieldset class="snooze-choices">
            <legend class="visually-hidden">{t('state.snoozeTitle')}</legend>
            {CHOICES.map(([value, label]) => (
              <label key={value} class="snooze-choice">
                <input
                  type="radio"
                  name="snooze-until"
                  value={value}
                  data-part={`snooze-${value}`}
                  checked={choice === value}
                  onChange={() => setChoice(value)}
                />
                {t(label)}
              </label>
            ))}
          </fieldset>
          {choice === 'custom' && (
            <label class="snooze-custom">
              {t('state.snoozeCustom')}
              <input type="datetime-local" data-part="snooze-at" value={custom} onInput={(e) => setCustom(e.currentTarget.value)} />
            </label>
          )}
          <p class="dialog-hint">{t('state.snoozeHint')}</p>
        </Dialog>
      )}
    </>
  );
}
