import type { AgentSummary, Department, ErrorBody, TriggerRule } from '@mostrador/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSubmit } from '../../components/useSubmit.ts';
import { adminApi } from '../api.ts';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { SiteSwitch } from '../site/SiteSwitch.tsx';
import { ActionFields } from './ActionFields.tsx';
import { buildRuleInput, type BuiltRule, type DraftErrors } from './buildInput.ts';
import { CheckedField } from './CheckedField.tsx';
import { ConditionList } from './ConditionList.tsx';
import { draftFromRule, emptyDraft, type ConditionDefaults, type TriggerDraft } from './draft.ts';
import { FrequencyFields } from './FrequencyFields.tsx';
import { NAME_MAX } from './limits.ts';
import { describeRule } from './summary.ts';
import { TriggerPreview } from './TriggerPreview.tsx';
import './editor.css';

interface TriggerEditorProps {
  /** Null for a new rule. */
  rule: TriggerRule | null;
  agents: readonly AgentSummary[];
  departments: readonly Department[];
  siteName: string | null;
  onSaved: (rule: TriggerRule) => void;
  onCancel: () => void;
}

const NO_ERRORS: DraftErrors = { conditions: {} };

/**
 * Before the first save attempt only a broken regular expression is flagged,
 * as it is typed, since its cause is fresh in mind; the rest (an empty field
 * the admin has not reached yet) waits for the attempt.
 */
function visibleErrors(built: BuiltRule, attempted: boolean): DraftErrors {
  if (built.ok) return NO_ERRORS;
  if (attempted) return built.errors;
  const conditions: DraftErrors['conditions'] = {};
  for (const [key, errors] of Object.entries(built.errors.conditions)) {
    if (errors?.pattern?.key === 'conditions.errorRegex') conditions[Number(key)] = { pattern: errors.pattern };
  }
  return { conditions };
}

/** New rules start in the shop's likely currency and the admin's own time zone. */
function conditionDefaults(): ConditionDefaults {
  return { currency: 'EUR', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
}

export function TriggerEditor({ rule, agents, departments, siteName, onSaved, onCancel }: TriggerEditorProps) {
  const { t, language } = useAdminI18n();
  const [draft, setDraft] = useState<TriggerDraft>(() => (rule ? draftFromRule(rule) : emptyDraft()));
  const [attempts, setAttempts] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const defaults = useMemo(conditionDefaults, []);
  const built = buildRuleInput(draft);
  const errors = visibleErrors(built, attempts > 0);
  const headingId = 'trigger-editor-heading';

  const { submitting, failure, submit } = useSubmit<ErrorBody>(async () => {
    if (!built.ok) {
      setAttempts((count) => count + 1);
      return null;
    }
    const result = rule ? await adminApi.updateTrigger(rule.id, built.input) : await adminApi.createTrigger(built.input);
    if (!result.ok) return result.error;
    onSaved(result.data);
    return null;
  });

  // The editor opens on its first field; a refused save takes focus to the first field to fix.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, []);
  useEffect(() => {
    if (attempts > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const agentName = agents.find((agent) => agent.id === draft.action.agentId)?.name ?? null;
  return (
    <div class="admin-page trigger-editor-page" data-part="trigger-editor">
      <h2 id={headingId}>{rule ? t('editor.editHeading', { name: rule.name }) : t('editor.newHeading')}</h2>
      <div class="trigger-editor">
        <form ref={formRef} class="admin-form trigger-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
          <CheckedField label={t('editor.name')} hint={t('editor.nameHint')} error={errors.name}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="name"
                type="text"
                autoComplete="off"
                required
                maxLength={NAME_MAX}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                value={draft.name}
                onInput={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
              />
            )}
          </CheckedField>
          <SiteSwitch
            name="enabled"
            label={t('editor.enabled')}
            hint={t('editor.enabledHint')}
            checked={draft.enabled}
            onChange={(enabled) => setDraft({ ...draft, enabled })}
          />
          <ConditionList
            conditions={draft.conditions}
            errors={errors.conditions}
            defaults={defaults}
            onChange={(conditions) => setDraft({ ...draft, conditions })}
          />
          <ActionFields
            action={draft.action}
            errors={errors}
            agents={agents}
            departments={departments}
            siteName={siteName}
            onChange={(action) => setDraft({ ...draft, action })}
          />
          <FrequencyFields frequency={draft.frequency} error={errors.hours} onChange={(frequency) => setDraft({ ...draft, frequency })} />
          {attempts > 0 && !built.ok && (
            <p class="form-error" role="alert" data-part="fix-fields">
              {t('editor.fixFields')}
            </p>
          )}
          <FormFooter
            error={failure}
            submitting={submitting}
            label={rule ? t('editor.save') : t('editor.create')}
            busyLabel={t('common.saving')}
          >
            <button type="button" class="button" data-part="cancel-editor" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </FormFooter>
        </form>
        <aside class="trigger-editor-side" aria-label={t('editor.sideLabel')}>
          <TriggerPreview kind={draft.action.kind} message={draft.action.message} agentName={agentName} siteName={siteName} />
          <div class="rule-reading">
            <h3 class="preview-caption">{t('editor.readsAs')}</h3>
            <p data-part="editor-summary">{built.ok ? describeRule(built.input, language) : t('editor.readsAsPending')}</p>
          </div>
        </aside>
      </div>
    </div>
  );
}
