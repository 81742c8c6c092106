import { useEffect } from 'preact/hooks';
import { useTagNames } from '../components/useTagNames.ts';
import { useI18n } from '../i18n/context.ts';
import type { TeamState } from '../state/consoleState.ts';

/** What the filters hold as the form's fields give them: empty means "any". */
export interface SearchFilterFields {
  status: string;
  tag: string;
  agentId: string;
  departmentId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: SearchFilterFields = { status: '', tag: '', agentId: '', departmentId: '', from: '', to: '' };

interface SearchFiltersProps {
  id: string;
  fields: SearchFilterFields;
  team: TeamState;
  /** Asked once when the filters show: the agent and department lists come from the team. */
  onNeedTeam: () => void;
  onChange: (fields: SearchFilterFields) => void;
}

/** Status, tag (suggested from the site's list), agent, department and days: every filter the search API takes. */
export function SearchFilters({ id, fields, team, onNeedTeam, onChange }: SearchFiltersProps) {
  const { t } = useI18n();
  const tagNames = useTagNames();
  useEffect(() => {
    onNeedTeam();
  }, []);
  const set = (key: keyof SearchFilterFields) => (event: { currentTarget: { value: string } }) =>
    onChange({ ...fields, [key]: event.currentTarget.value });
  return (
    <>
      <label for={`${id}-status`}>{t('search.status')}</label>
      <select id={`${id}-status`} name="status" value={fields.status} onChange={set('status')}>
        <option value="">{t('search.anyStatus')}</option>
        <option value="open">{t('search.open')}</option>
        <option value="closed">{t('search.closed')}</option>
      </select>
      <label for={`${id}-tag`}>{t('search.tag')}</label>
      <input id={`${id}-tag`} name="tag" value={fields.tag} maxLength={40} list={`${id}-tags`} onInput={set('tag')} />
      <datalist id={`${id}-tags`}>
        {tagNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <label for={`${id}-agent`}>{t('search.agent')}</label>
      <select id={`${id}-agent`} name="agentId" value={fields.agentId} onChange={set('agentId')}>
        <option value="">{t('search.anyAgent')}</option>
        {team.agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
      </select>
      <label for={`${id}-department`}>{t('search.department')}</label>
      <select id={`${id}-department`} name="departmentId" value={fields.departmentId} onChange={set('departmentId')}>
        <option value="">{t('search.anyDepartment')}</option>
        {team.departments.map((department) => (
          <option key={department.id} value={department.id}>
            {department.name}
          </option>
        ))}
      </select>
      <label for={`${id}-from`}>{t('search.from')}</label>
      <input id={`${id}-from`} name="from" type="date" value={fields.from} onInput={set('from')} />
      <label for={`${id}-to`}>{t('search.to')}</label>
      <input id={`${id}-to`} name="to" type="date" value={fields.to} onInput={set('to')} />
    </>
  );
}
