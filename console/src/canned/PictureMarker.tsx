import { useI18n } from '../i18n/context.ts';
import './canned.css';

/** The small mark of a reply that carries a picture: an icon, and words for screen readers. */
export function PictureMarker() {
  const { t } = useI18n();
  return (
    <span class="canned-picture-marker" data-part="canned-picture">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14">
        <path d="M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4" />
      </svg>
      <span class="visually-hidden">{t('canned.withPicture')}</span>
    </span>
  );
}
