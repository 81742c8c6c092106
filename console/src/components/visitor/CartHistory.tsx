import type { CartChange } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { formatClockTime, formatFullTime } from '../time.ts';
import { cartSentence } from './cartSentence.ts';

/** How the cart came to be what it is, newest first, one sentence a step. */
export function CartHistory({ history }: { history: readonly CartChange[] }) {
  const { t, language } = useI18n();
  if (history.length === 0) return <p class="panel-note">{t('visitor.noCartHistory')}</p>;
  return (
    <ol class="cart-history">
      {history.map((change, index) => (
        <li key={`${change.at}-${index}`} data-part="cart-change" data-change={change.change}>
          <time dateTime={new Date(change.at).toISOString()} title={formatFullTime(change.at, language)}>
            {formatClockTime(change.at, language)}
          </time>{' '}
          <span>{cartSentence(change, t, language)}</span>
        </li>
      ))}
    </ol>
  );
}
