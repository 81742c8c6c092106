import { adminApi } from '../api.ts';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { IdentitySecret } from './IdentitySecret.tsx';
import { AttachmentRulesForm } from './AttachmentRulesForm.tsx';
import { RetentionForm } from './RetentionForm.tsx';
import { ScriptTag } from './ScriptTag.tsx';
import { SiteForm } from './SiteForm.tsx';

export function SitePage() {
  const { t } = useAdminI18n();
  const { state, reload, update } = useLoad(adminApi.getSite);
  return (
    <div class="admin-page">
      <h2 id="site-heading">{t('site.heading')}</h2>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <>
          <SiteForm settings={state.data} onSaved={(settings) => update(() => settings)} />
          <ScriptTag siteKey={state.data.key} />
          <IdentitySecret secret={state.data.identitySecret} onRotated={(settings) => update(() => settings)} />
          <AttachmentRulesForm settings={state.data} onSaved={(settings) => update(() => settings)} />
          <RetentionForm settings={state.data} onSaved={(settings) => update(() => settings)} />
        </>
      )}
    </div>
  );
}
