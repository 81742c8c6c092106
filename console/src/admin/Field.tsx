import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  hint?: string;
  /** Renders the control, given the ids that tie it to its label and hint. */
  children: (ids: { id: string; hintId: string | undefined }) => ComponentChildren;
}

/**
 * A labelled control with an optional hint read out with it: the hint is
 * linked by aria-describedby so screen readers announce it on focus.
 */
export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({ id, hintId })}
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
