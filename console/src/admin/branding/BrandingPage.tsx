import { adminApi } from '../api.ts';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { BrandingForm } from './BrandingForm.tsx';

/** The look, the shop's name (the widget's title when none is written) and who is online now, for the preview. */
async function loadPage() {
  const [branding, site, agents] = await Promise.all([adminApi.getBranding(), adminApi.getSite(), adminApi.listAgents()]);
  if (!branding.ok) return branding;
  if (!site.ok) return site;
  if (!agents.ok) return agents;
  const online = agents.data.filter((a) => a.active && a.status === 'online').map((a) => a.name.trim().split(/\s+/)[0] ?? '');
  return { ok: true as const, data: { ...branding.data, siteName: site.data.name, online } };
}

/** Admin → Branding: the widget's colours, place, launcher, words and theme, with a live preview. */
export function BrandingPage() {
  const { t } = useAdminI18n();
  const { state, reload } = useLoad(loadPage);
  return (
    <div class="admin-page">
      <h2 id="branding-heading">{t('branding.heading')}</h2>
      <p class="field-hint">{t('branding.intro')}</p>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <BrandingForm
          initial={state.data.look}
          replySeconds={state.data.replySeconds}
          siteName={state.data.siteName}
          online={state.data.online}
        />
      )}
    </div>
  );
}
