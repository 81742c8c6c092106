import { useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';

interface DraftPreviewProps {
  draft: string;
  visitorLabel: string;
}

/**
 * What the visitor is typing and has not sent (typing preview), greyed under
 * the last message. Deliberately not a live region: reading out every
 * keystroke would drown everything else; the typing indicator's region
 * says once that the visitor is typing. The draft is a text node, never HTML.
 */
export function DraftPreview({ draft, visitorLabel }: DraftPreviewProps) {
  const { t } = useI18n();
  const body = useRef<HTMLParagraphElement>(null);
  // A long draft scrolls inside its box; the end, where the visitor is typing, stays in view.
  useLayoutEffect(() => {
    if (body.current) body.current.scrollTop = body.current.scrollHeight;
  }, [draft]);
  return (
    <div class="draft-preview" data-part="draft" role="group" aria-label={t('conversation.draftLabel', { name: visitorLabel })}>
      <p class="draft-caption" aria-hidden="true">
        {t('conversation.draftCaption')}
      </p>
      <p ref={body} class="draft-body" data-part="draft-body">
        {draft}
      </p>
    </div>
  );
}
