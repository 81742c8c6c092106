import type { Branding } from '@mostrador/shared';
import { useAdminI18n } from '../i18n/index.ts';
import { replyText } from './replyText.ts';

interface BrandingPreviewProps {
  look: Branding;
  siteName: string;
  /** First names of the agents online now: the avatars the widget would show. */
  online: readonly string[];
  replySeconds: number | null;
  /** For the auto theme: show it as a shopper whose system is set to dark would see it. */
  systemDark: boolean;
}

/** The bubble of the widget's launcher, drawn the same way. */
const BUBBLE = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';

/**
 * The widget as the shop's pages will show it, redrawn on every edit: the
 * open panel (title, team, reply time, greeting) above the launcher, on the
 * chosen side and at the chosen offsets, light or dark. In the console's
 * language, as a shopper reading that language would see it. Nothing in it
 * is interactive, so it adds no stop to the keyboard's path.
 */
export function BrandingPreview({ look, siteName, online, replySeconds, systemDark }: BrandingPreviewProps) {
  const { t, language } = useAdminI18n();
  const dark = look.theme === 'dark' || (look.theme === 'auto' && systemDark);
  const team = look.showTeam ? online : [];
  const vars = {
    '--accent': look.color,
    '--accent-text': look.textColor,
    '--x': `${look.offsetX}px`,
    '--y': `${look.offsetY}px`,
  };
  return (
    <figure class="brand-preview" aria-labelledby="branding-preview-caption" data-part="branding-preview">
      <figcaption id="branding-preview-caption">{t('branding.preview')}</figcaption>
      <div class="preview-page" data-dark={dark} data-side={look.side}>
        <div class="preview-widget" style={vars}>
          <div class="preview-panel">
            <div class="preview-header">
              <p class="preview-title" data-part="preview-title">
                {look.title[language] || siteName}
              </p>
              {(team.length > 0 || replySeconds !== null) && (
                <p class="preview-team">
                  {team.length > 0 && (
                    <span class="preview-avatars" role="img" aria-label={t('branding.previewTeam', { names: team.join(', ') })}>
                      {team.map((name, i) => (
                        <span key={i} class="preview-avatar" aria-hidden="true">
                          {name.charAt(0).toUpperCase()}
                        </span>
                      ))}
                    </span>
                  )}
                  {replySeconds !== null && <span>{t('branding.previewReply', { when: replyText(replySeconds, t) })}</span>}
                </p>
              )}
            </div>
            <p class="preview-greeting" data-part="preview-greeting">
              {look.greeting[language] || t('branding.previewGreeting')}
            </p>
          </div>
          <span class="preview-launcher" data-part="preview-launcher" data-launcher={look.launcher}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={BUBBLE} />
            </svg>
            {look.launcher === 'labelled' && <span>{look.launcherText[language] || t('branding.previewOpen')}</span>}
          </span>
        </div>
      </div>
    </figure>
  );
}
