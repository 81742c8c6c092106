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
  /** The title's level: 3 under a pane's or a section's h2 (the default), 2 straight under a page's h1. */
  headingLevel?: 2 | 3;
  children: ComponentChildren;
}

const FOCUSABLE = 'select, textarea, input, button, a[href]';

/**
 * Keeps Tab inside the dialog, as `aria-modal` promises: past the last
 * control it wraps to the first, and Shift+Tab the other way round.
 */
function wrapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((control) => !control.hasAttribute('disabled'));
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const target = event.shiftKey ? (document.activeElement === first ? last : null) : document.activeElement === last ? first : null;
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/**
 * Where Tab would land first: the first control, except that a radio group is
 * entered at its checked radio, so the arrows move on from the current choice.
 */
function firstStop(dialog: HTMLElement | null): HTMLElement | null {
  const first = dialog?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
  if (!(first instanceof HTMLInputElement) || first.type !== 'radio' || first.checked || !first.name) return first;
  const group = [...(dialog?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])].filter((radio) => radio.name === first.name);
  return group.find((radio) => radio.checked) ?? first;
}

/**
 * A small modal form, in a pane or over a page: focus moves into it on open,
 * stays in it while Tab is pressed, and goes back to where it was on close;
 * Escape cancels.
 */
export function Dialog({ title, part, submitLabel, canSubmit, onSubmit, onCancel, headingLevel = 3, children }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    firstStop(ref.current)?.focus();
    return () => opener?.focus?.();
  }, []);
  const titleId = `${part}-title-${useRef(Math.random().toString(36).slice(2)).current}`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div
      ref={ref}
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-part={part}
      onKeyDown={(event) => {
        if (event.key === 'Tab') {
          wrapTab(event, event.currentTarget);
          return;
        }
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
        <Heading id={titleId}>{title}</Heading>
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
