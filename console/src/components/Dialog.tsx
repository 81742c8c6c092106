import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';

interface DialogProps {
  title: string;
  part: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}

/**
 * A small modal form inside a pane: focus moves into it on open and back to
 * where it was on close; Escape cancels.
 */
export function Dialog({ title, part, submitLabel, canSubmit, onSubmit, onCancel, children }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('select, textarea, input, button')?.focus();
    return () => opener?.focus?.();
  }, []);
  const titleId = `${part}-title-${useRef(Math.random().toString(36).slice(2)).current}`;
  return (
    <div
      ref={ref}
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-part={part}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onCancel();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (canSubmit) onSubmit();
        }}
      >
        <h3 id={titleId}>{title}</h3>
        {children}
        <div class="dialog-buttons">
          <button type="button" class="button" data-part="cancel" onClick={onCancel}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" class="button primary" data-part="confirm" disabled={!canSubmit}>
            {submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
