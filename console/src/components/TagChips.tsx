import { useI18n } from '../i18n/context.ts';

/**
 * The tags a trigger put on the chat, as small chips. Spans rather than a
 * list, since they also sit inside the inbox row's button; the hidden prefix
 * tells screen reader users what the words are.
 */
export function TagChips({ tags }: { tags: readonly string[] }) {
  const { t } = useI18n();
  if (tags.length === 0) return null;
  return (
    <span class="tag-chips" data-part="tags">
      <span class="visually-hidden">{t('conversation.tags')}</span>
      {tags.map((tag) => (
        <span key={tag} class="tag-chip" data-part="tag" title={tag}>
          {tag}
        </span>
      ))}
    </span>
  );
}
