import type { RatingInfo } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

const MAX = 5;

/** The shopper's rating of an ended chat: stars to glance at, "4 of 5" to read, and the comment if any. */
export function RatingBadge({ rating }: { rating: RatingInfo }) {
  const { t } = useI18n();
  return (
    <span class={rating.score <= 2 ? 'rating-badge low' : 'rating-badge'} data-part="rating" data-score={rating.score}>
      <span class="rating-stars" aria-hidden="true">
        {'★'.repeat(rating.score)}
        {'☆'.repeat(MAX - rating.score)}
      </span>{' '}
      <span class="rating-text">
        {t('rating.label')}: {t('rating.stars', { score: rating.score })}
      </span>
      {rating.comment && (
        <span class="rating-comment" data-part="rating-comment">
          {' '}
          {t('rating.comment', { comment: rating.comment })}
        </span>
      )}
    </span>
  );
}
