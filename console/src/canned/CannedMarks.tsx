import type { CannedReply } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import './canned.css';

/** One small mark: an icon, and words for screen readers. */
function Mark({ part, icon, label }: { part: string; icon: string; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <span class="canned-mark" data-part={part}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14">
        <path d={icon} />
      </svg>
      <span class="visually-hidden">{t(label)}</span>
    </span>
  );
}

/** What a reply carries besides words, marked where the agent picks it: a picture, a product card. */
export function CannedMarks({ reply }: { reply: CannedReply }) {
  return (
    <>
      {reply.picture && <Mark part="canned-picture" icon="M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4" label="canned.withPicture" />}
      {/* The same bag as the composer's Product button. */}
      {reply.product && <Mark part="canned-product" icon="M6 7h12l-1 13H7L6 7zM9 7a3 3 0 0 1 6 0" label="canned.withProduct" />}
    </>
  );
}
