import { useState } from 'preact/hooks';
import { eraseVisitor, visitorExportUrl } from '../../api/privacy.ts';
import { useI18n } from '../../i18n/context.ts';
import { Dialog } from '../Dialog.tsx';

interface PrivacyActionsProps {
  visitorId: string;
  visitorLabel: string;
}

type EraseState = 'idle' | 'confirming' | 'erasing' | 'erased' | 'failed';

/**
 * Admins only: download everything about the visitor, or erase it after a
 * confirmation. The export is a plain link, so the browser saves the file
 * the server names.
 */
export function PrivacyActions({ visitorId, visitorLabel }: PrivacyActionsProps) {
  const { t } = useI18n();
  const [state, setState] = useState<EraseState>('idle');

  async function erase() {
    setState('erasing');
    setState((await eraseVisitor(visitorId)) ? 'erased' : 'failed');
  }

  if (state === 'erased') {
    return (
      <p class="panel-note" role="status" data-part="visitor-erased">
        {t('privacy.erased')}
      </p>
    );
  }
  return (
    <div class="privacy-actions" data-part="privacy-actions">
      <a class="button" href={visitorExportUrl(visitorId)} download data-part="export-visitor">
        {t('privacy.export')}
      </a>
      <button type="button" class="button danger" data-part="erase-visitor" onClick={() => setState('confirming')}>
        {t('privacy.erase')}
      </button>
      {state === 'failed' && (
        <p class="inline-error" role="alert">
          {t('privacy.eraseFailed')}
        </p>
      )}
      {(state === 'confirming' || state === 'erasing') && (
        <Dialog
          title={t('privacy.eraseTitle', { name: visitorLabel })}
          part="erase-dialog"
          submitLabel={state === 'erasing' ? t('privacy.erasing') : t('privacy.eraseConfirm')}
          canSubmit={state === 'confirming'}
          onSubmit={() => void erase()}
          onCancel={() => setState('idle')}
        >
          <p>{t('privacy.eraseWarning')}</p>
        </Dialog>
      )}
    </div>
  );
}
