import { useId, useRef, useState } from 'preact/hooks';
import { useAdminI18n } from '../i18n/index.ts';
import { scriptTagFor } from './origins.ts';

type CopyState = 'idle' | 'copied' | 'manual';

export function ScriptTag({ siteKey }: { siteKey: string }) {
  const { t } = useAdminI18n();
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const field = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const tag = scriptTagFor(location.origin, siteKey);

  async function copy() {
    try {
      // The Clipboard API is missing over plain http and may be refused by
      // permissions; either way the fallback still gets the text ready to copy.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(tag);
      setCopyState('copied');
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopyState('manual');
    }
  }

  return (
    <section class="admin-card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('site.scriptHeading')}</h3>
      <p class="field-hint" id={`${id}-hint`}>
        {t('site.scriptHint')}
      </p>
      <div class="field">
        <label for={id}>{t('site.scriptLabel')}</label>
        <textarea
          ref={field}
          id={id}
          class="script-tag"
          data-part="script-tag"
          readOnly
          rows={2}
          spellcheck={false}
          aria-describedby={`${id}-hint`}
          value={tag}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div class="form-actions">
        <button type="button" class="button" data-part="copy-script" onClick={() => void copy()}>
          {t('site.copy')}
        </button>
        <span class="admin-status" role="status">
          {copyState === 'copied' ? t('site.copied') : copyState === 'manual' ? t('site.copyManually') : ''}
        </span>
      </div>
    </section>
  );
}
