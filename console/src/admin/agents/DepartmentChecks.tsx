import type { Department } from '@mostrador/shared';
import { useId } from 'preact/hooks';
import { useAdminI18n } from '../i18n/index.ts';

interface DepartmentChecksProps {
  departments: readonly Department[];
  selected: readonly string[];
  onChange: (departmentIds: string[]) => void;
}

/** One checkbox per department, grouped under a legend so the group has a name. */
export function DepartmentChecks({ departments, selected, onChange }: DepartmentChecksProps) {
  const { t } = useAdminI18n();
  const hintId = useId();
  function toggle(departmentId: string, checked: boolean) {
    // Keep the list in department order, whatever order the boxes were ticked in.
    const next = new Set(selected);
    if (checked) next.add(departmentId);
    else next.delete(departmentId);
    onChange(departments.map((department) => department.id).filter((id) => next.has(id)));
  }
  return (
    <fieldset class="check-group" aria-describedby={hintId}>
      <legend>{t('agents.fieldDepartments')}</legend>
      <p class="field-hint" id={hintId}>
        {departments.length === 0 ? t('agents.noDepartmentsYet') : t('agents.departmentsHint')}
      </p>
      {departments.map((department) => (
        <label key={department.id} class="check">
          <input
            type="checkbox"
            name="departmentIds"
            value={department.id}
            checked={selected.includes(department.id)}
            onChange={(event) => toggle(department.id, event.currentTarget.checked)}
          />
          <span>{department.name}</span>
        </label>
      ))}
    </fieldset>
  );
}
