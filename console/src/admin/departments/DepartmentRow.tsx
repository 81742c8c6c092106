import type { Department, DepartmentUpdateInput, ErrorBody } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { ROUTING_TEXT } from './RoutingChoice.tsx';

export const DEPARTMENT_COLUMNS = 4;

interface DepartmentRowProps {
  department: Department;
  onSaved: (department: Department, change: 'renamed' | 'routing') => void;
}

/** One department: its name can be edited in place and its routing flipped with one button. */
export function DepartmentRow({ department, onSaved }: DepartmentRowProps) {
  const { t } = useAdminI18n();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(department.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const wasRenaming = useRef(false);
  const nameId = `department-name-${department.id}`;
  const otherRouting = department.routing === 'auto' ? 'manual' : 'auto';

  // Focus follows the rename form: into its field on open, back to the button on close.
  useEffect(() => {
    if (renaming) nameInput.current?.select();
    else if (wasRenaming.current) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  async function save(changes: DepartmentUpdateInput, change: 'renamed' | 'routing') {
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await adminApi.updateDepartment(department.id, changes);
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setRenaming(false);
    onSaved(result.data, change);
  }

  function cancelRename() {
    setRenaming(false);
    setName(department.name);
    setError(null);
  }

  return (
    <>
      <tr data-part="department-row" data-department-id={department.id}>
        <th scope="row" id={nameId}>
          {renaming ? (
            <form
              class="rename-form"
              data-part="rename-department"
              onSubmit={(event) => {
                event.preventDefault();
                void save({ name: name.trim() }, 'renamed');
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') cancelRename();
              }}
              noValidate
            >
              <label class="visually-hidden" for={`${nameId}-input`}>
                {t('departments.newName', { name: department.name })}
              </label>
              <input
                ref={nameInput}
                id={`${nameId}-input`}
                name="name"
                type="text"
                required
                maxLength={80}
                value={name}
                onInput={(event) => setName(event.currentTarget.value)}
              />
              <button type="submit" class="button primary" disabled={saving}>
                {saving ? t('common.saving') : t('common.save')}
              </button>
              <button type="button" class="button" onClick={cancelRename}>
                {t('common.cancel')}
              </button>
            </form>
          ) : (
            department.name
          )}
        </th>
        <td>
          <code>{department.slug}</code>
        </td>
        <td data-part="department-routing">{t(ROUTING_TEXT[department.routing].label)}</td>
        <td class="row-actions">
          {!renaming && (
            <button
              ref={renameButton}
              type="button"
              class="button"
              data-part="rename-department-button"
              aria-describedby={nameId}
              onClick={() => {
                setName(department.name);
                setRenaming(true);
              }}
            >
              {t('departments.rename')}
            </button>
          )}
          <button
            type="button"
            class="button"
            data-part="switch-routing"
            aria-describedby={nameId}
            disabled={saving}
            onClick={() => void save({ routing: otherRouting }, 'routing')}
          >
            {otherRouting === 'auto' ? t('departments.switchToAuto') : t('departments.switchToManual')}
          </button>
        </td>
      </tr>
      {error && (
        <tr class="error-row">
          <td colSpan={DEPARTMENT_COLUMNS}>
            <ErrorAlert error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
