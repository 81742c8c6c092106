import type { LiveVisitor } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import type { VisitorSort, VisitorSortKey } from '../../state/liveVisitors.ts';
import { useNow } from '../useNow.ts';
import { SortHeader } from './SortHeader.tsx';
import { VisitorRow } from './VisitorRow.tsx';

interface VisitorsTableProps {
  visitors: readonly LiveVisitor[];
  sort: VisitorSort;
  onSort: (key: VisitorSortKey) => void;
  onStartChat: (visitor: LiveVisitor) => void;
  onOpenChat: (conversationId: string) => void;
}

export function VisitorsTable({ visitors, sort, onSort, onStartChat, onOpenChat }: VisitorsTableProps) {
  const { t } = useI18n();
  // One clock for every row's time on site.
  const now = useNow(1_000);
  return (
    <div class="visitors-table-wrap">
      <table class="visitors-table" data-part="visitors-table">
        <caption class="visually-hidden">{t('visitors.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('visitors.colVisitor')}</th>
            <th scope="col">{t('visitors.colPage')}</th>
            <SortHeader sortKey="timeOnSite" label={t('visitors.colTime')} sort={sort} onSort={onSort} />
            <th scope="col" class="numeric">
              {t('visitors.colPages')}
            </th>
            <SortHeader sortKey="cart" label={t('visitors.colCart')} sort={sort} onSort={onSort} />
            <th scope="col">{t('visitors.colDevice')}</th>
            <th scope="col">{t('visitors.colChat')}</th>
          </tr>
        </thead>
        <tbody>
          {visitors.map((visitor) => (
            <VisitorRow key={visitor.id} visitor={visitor} now={now} onStartChat={onStartChat} onOpenChat={onOpenChat} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
