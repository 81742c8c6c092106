import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';

/**
 * One section of the Reports page: its heading, and its definition both on
 * screen under the heading and as the section's tooltip, so no figure is
 * shown without saying what it counts.
 */
export function ReportSection(props: { part: string; heading: MessageKey; definition: MessageKey; children: ComponentChildren }) {
  const { t } = useI18n();
  const id = `report-${props.part}`;
  return (
    <section class={`report-section ${id}`} aria-labelledby={id} title={t(props.definition)}>
      <h2 class="report-heading" id={id}>
        {t(props.heading)}
      </h2>
      <p class="admin-note">{t(props.definition)}</p>
      {props.children}
    </section>
  );
}
