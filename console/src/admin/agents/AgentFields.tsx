import type { AgentRole, Department } from '@mostrador/shared';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { MAX_CAPACITY, MIN_CAPACITY } from '../limits.ts';
import { TextField } from '../TextField.tsx';
import { DepartmentChecks } from './DepartmentChecks.tsx';

/** The editable part of an agent, as the form holds it (capacity stays text while typed). */
export interface AgentDraft {
  name: string;
  role: AgentRole;
  capacity: string;
  departmentIds: string[];
}

interface AgentFieldsProps {
  draft: AgentDraft;
  departments: readonly Department[];
  onChange: (draft: AgentDraft) => void;
}

/** Name, role, capacity and departments: shared by the add form and the edit form. */
export function AgentFields({ draft, departments, onChange }: AgentFieldsProps) {
  const { t } = useAdminI18n();
  const set = <K extends keyof AgentDraft>(key: K, value: AgentDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <>
      <TextField
        label={t('agents.fieldName')}
        name="name"
        type="text"
        autoComplete="off"
        required
        maxLength={80}
        value={draft.name}
        onValue={(value) => set('name', value)}
      />
      <Field label={t('agents.fieldRole')}>
        {({ id }) => (
          <select
            id={id}
            name="role"
            value={draft.role}
            onChange={(event) => set('role', event.currentTarget.value === 'admin' ? 'admin' : 'agent')}
          >
            <option value="agent">{t('agents.roleAgent')}</option>
            <option value="admin">{t('agents.roleAdmin')}</option>
          </select>
        )}
      </Field>
      <TextField
        label={t('agents.fieldCapacity')}
        hint={t('agents.capacityHint', { min: MIN_CAPACITY, max: MAX_CAPACITY })}
        name="capacity"
        type="number"
        inputMode="numeric"
        min={MIN_CAPACITY}
        max={MAX_CAPACITY}
        step={1}
        required
        value={draft.capacity}
        onValue={(value) => set('capacity', value)}
      />
      <DepartmentChecks
        departments={departments}
        selected={draft.departmentIds}
        onChange={(departmentIds) => set('departmentIds', departmentIds)}
      />
    </>
  );
}

/**
 * What the server receives for the capacity. Left unparsable, it goes as NaN
 * (null in JSON) so the server's validation message explains the problem.
 */
export function capacityOf(draft: AgentDraft): number {
  const trimmed = draft.capacity.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}
