import type { AgentSummary, Department } from '@mostrador/shared';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import type { DraftErrors } from './buildInput.ts';
import { CheckedField } from './CheckedField.tsx';
import type { ActionDraft } from './draft.ts';
import { TAGS_MAX, TAG_MAX, TRIGGER_MESSAGE_MAX } from './limits.ts';

interface ActionFieldsProps {
  action: ActionDraft;
  errors: Pick<DraftErrors, 'message' | 'tags'>;
  agents: readonly AgentSummary[];
  departments: readonly Department[];
  /** Names the "as the shop" choice; null when the site could not be read. */
  siteName: string | null;
  onChange: (action: ActionDraft) => void;
}

/** What the visitor gets: how it shows, the words, whose name is on them, and where a reply goes. */
export function ActionFields({ action, errors, agents, departments, siteName, onChange }: ActionFieldsProps) {
  const { t } = useAdminI18n();
  const set = <K extends keyof ActionDraft>(key: K, value: ActionDraft[K]) => onChange({ ...action, [key]: value });
  const left = TRIGGER_MESSAGE_MAX - action.message.length;
  return (
    <fieldset class="trigger-section" data-part="action">
      <legend>{t('action.legend')}</legend>
      <fieldset class="check-group">
        <legend>{t('action.kind')}</legend>
        {(['teaser', 'open'] as const).map((kind) => (
          <label key={kind} class="check with-hint">
            <input type="radio" name="kind" value={kind} checked={action.kind === kind} onChange={() => set('kind', kind)} />
            <span>
              <span class="check-label">{kind === 'open' ? t('action.kindOpen') : t('action.kindTeaser')}</span>
              <span class="field-hint">{kind === 'open' ? t('action.kindOpenHint') : t('action.kindTeaserHint')}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <CheckedField label={t('action.message')} hint={t('action.messageCount', { count: left })} error={errors.message}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            name="message"
            class="message-input"
            rows={4}
            required
            maxLength={TRIGGER_MESSAGE_MAX}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            value={action.message}
            onInput={(event) => set('message', event.currentTarget.value)}
          />
        )}
      </CheckedField>
      <Field label={t('action.sender')} hint={t('action.senderHint')}>
        {({ id, hintId }) => (
          <select
            id={id}
            name="agentId"
            aria-describedby={hintId}
            value={action.agentId}
            onChange={(event) => set('agentId', event.currentTarget.value)}
          >
            <option value="">{siteName ? t('action.senderShopNamed', { name: siteName }) : t('action.senderShop')}</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('action.department')} hint={t('action.departmentHint')}>
        {({ id, hintId }) => (
          <select
            id={id}
            name="departmentId"
            aria-describedby={hintId}
            value={action.departmentId}
            onChange={(event) => set('departmentId', event.currentTarget.value)}
          >
            <option value="">{t('action.noDepartment')}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckedField label={t('action.tags')} hint={t('action.tagsHint', { max: TAGS_MAX, length: TAG_MAX })} error={errors.tags}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="tags"
            type="text"
            autoComplete="off"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            value={action.tags}
            onInput={(event) => set('tags', event.currentTarget.value)}
          />
        )}
      </CheckedField>
    </fieldset>
  );
}
