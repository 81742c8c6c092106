import type { ErrorBody } from '@mostrador/shared';
import type { ComponentChildren } from 'preact';
import { ErrorAlert } from './ErrorAlert.tsx';

interface FormFooterProps {
  error: ErrorBody | null;
  submitting: boolean;
  label: string;
  /** Shown on the disabled button while the request is in flight. */
  busyLabel: string;
  /** Further buttons after the submit one (Cancel). */
  children?: ComponentChildren;
}

/** The end of every admin form: the server's refusal, if any, then the submit button. */
export function FormFooter({ error, submitting, label, busyLabel, children }: FormFooterProps) {
  return (
    <>
      <ErrorAlert error={error} />
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={submitting}>
          {submitting ? busyLabel : label}
        </button>
        {children}
      </div>
    </>
  );
}
