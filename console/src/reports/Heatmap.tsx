import { useI18n } from '../i18n/context.ts';
import { weekdayNames } from './format.ts';

/** Intensity steps of a cell, as classes: the console's CSP allows no inline style attribute. */
const LEVELS = 5;

/** Conversations started per weekday and hour, as a table whose cells are shaded by count. */
export function Heatmap({ heatmap }: { heatmap: number[][] }) {
  const { t, language } = useI18n();
  const days = weekdayNames(language);
  const max = Math.max(1, ...heatmap.flat());
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  // Monday first, as the shops' calendars read.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <section class="report-section" title={t('reports.def.heatmap')}>
      <h2 id="report-heatmap-title" class="report-heading">
        {t('reports.heatmap')}
      </h2>
      <p class="admin-note">{t('reports.def.heatmap')}</p>
      <div class="report-scroll" tabIndex={0} aria-labelledby="report-heatmap-title" role="region">
        <table class="report-heatmap">
          <thead>
            <tr>
              <td />
              {hours.map((hour) => (
                <th key={hour} scope="col">
                  {hour}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((day) => (
              <tr key={day}>
                <th scope="row">{days[day]}</th>
                {hours.map((hour) => {
                  const count = heatmap[day]?.[hour] ?? 0;
                  const level = count === 0 ? 0 : Math.ceil((count / max) * (LEVELS - 1));
                  return (
                    <td key={hour} class={`heat heat-${level}`} title={t('reports.cell', { day: days[day]!, hour, count })}>
                      {count}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
