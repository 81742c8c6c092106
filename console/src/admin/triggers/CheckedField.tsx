import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useAdminI18n } from '../i18n/index.ts';
import type { FieldError } from './parse.ts';

export interface ControlIds {
  id: string;
  /** The error (first) and the hint, for aria-describedby. */
  describedBy: string | undefined;
  invalid: boolean;
}

interface CheckedFieldProps {
  label: string;
  hint?: string;
  error: FieldError | undefined;
  /** Read the error out as it appears: for checks made while typing, not those shown on submit. */
  live?: boolean;
  children: (ids: ControlIds) => ComponentChildren;
}

/**
 * A labelled control whose problem is written under it and read out with it.
 * The error paragraph is always rendered when live, because a live region
 * that appears together with its text is not reliably announced.
 */
export function CheckedField({ label, hint, error, live = false, children }: CheckedFieldProps) {
  const { t } = useAdminI18n();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : undefined, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({ id, describedBy, invalid: error !== undefined })}
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {(error || live) && (
        <p class="field-error" id={errorId} aria-live={live ? 'polite' : undefined} data-part="field-error">
          {error ? t(error.key, error.params) : ''}
        </p>
      )}
    </div>
  );
}
