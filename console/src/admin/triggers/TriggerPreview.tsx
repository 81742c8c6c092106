import type { TriggerAction } from '@mostrador/shared';
import { useId } from 'preact/hooks';
import { useAdminI18n } from '../i18n/index.ts';
import './preview.css';

interface TriggerPreviewProps {
  kind: TriggerAction['kind'];
  message: string;
  /** The agent the message is written as; null for the shop. */
  agentName: string | null;
  siteName: string | null;
}

/** The widget's chat button: a speech bubble, or a cross while the panel is open. */
function Launcher({ open }: { open: boolean }) {
  return (
    <span class="replica-launcher" aria-hidden="true">
      <svg viewBox="0 0 24 24">
        {open ? (
          <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.8" stroke-linecap="round" />
        ) : (
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        )}
      </svg>
    </span>
  );
}

/**
 * The invitation as the widget will show it, drawn with the widget's own
 * look (its blue, its bubbles, the system font). A static picture: nothing
 * in it can be focused or clicked, and the message is text, never HTML.
 */
export function TriggerPreview({ kind, message, agentName, siteName }: TriggerPreviewProps) {
  const { t } = useAdminI18n();
  const captionId = useId();
  const shopName = siteName ?? t('preview.theShop');
  const sender = agentName ?? shopName;
  const text = message.trim();
  const body = (
    <p class={text ? 'replica-body' : 'replica-body placeholder'} data-part="preview-message">
      {text || t('preview.emptyMessage')}
    </p>
  );
  return (
    <figure class="trigger-preview" aria-labelledby={captionId} data-part="trigger-preview" data-kind={kind}>
      <figcaption id={captionId} class="preview-caption">
        {kind === 'open' ? t('preview.captionOpen') : t('preview.captionTeaser')}
      </figcaption>
      <div class="widget-replica">
        {kind === 'teaser' ? (
          <div class="replica-teaser" data-part="preview-teaser">
            <span class="replica-author" data-part="preview-sender">
              {sender}
            </span>
            {body}
          </div>
        ) : (
          <div class="replica-panel" data-part="preview-panel">
            <div class="replica-header">
              <div class="replica-titles">
                <p class="replica-title" data-part="preview-title">
                  {siteName ?? t('preview.chatTitle')}
                </p>
                {agentName && <p class="replica-agents">{agentName}</p>}
              </div>
              <span class="replica-minimize" aria-hidden="true">
                −
              </span>
            </div>
            <div class="replica-log">
              <div class="replica-message">
                <span class="replica-author" data-part="preview-sender">
                  {sender}
                </span>
                {body}
              </div>
            </div>
            <div class="replica-composer" aria-hidden="true">
              <span class="replica-input">{t('preview.composerPlaceholder')}</span>
              <span class="replica-send">{t('preview.send')}</span>
            </div>
          </div>
        )}
        <Launcher open={kind === 'open'} />
      </div>
    </figure>
  );
}
