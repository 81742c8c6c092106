import type { AgentSummary, Department, Result, TriggerRule } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { TriggerEditor } from './TriggerEditor.tsx';
import { TriggerList } from './TriggerList.tsx';
import { loadRegexCheck } from './regexCheck.ts';
import { TriggerReport } from './TriggerReport.tsx';
import './triggers.css';

interface TriggersData {
  triggers: TriggerRule[];
  /** For the sender select and to name the sender in the list. */
  agents: AgentSummary[];
  departments: Department[];
  /** What "the shop" is called in the preview; null when the site settings could not be read. */
  siteName: string | null;
}

async function loadTriggersPage(): Promise<Result<TriggersData>> {
  const [triggers, agents, departments, site] = await Promise.all([
    adminApi.listTriggers(),
    adminApi.listAgents(),
    adminApi.listDepartments(),
    adminApi.getSite(),
  ]);
  if (!triggers.ok) return triggers;
  if (!agents.ok) return agents;
  if (!departments.ok) return departments;
  // The site's name only labels the preview, so the page works without it.
  return {
    ok: true,
    data: { triggers: triggers.data, agents: agents.data, departments: departments.data, siteName: site.ok ? site.data.name : null },
  };
}

/** A saved rule replaces its old self, or joins the end of the list when new (as the server appends it). */
const withSaved = (saved: TriggerRule) => (list: TriggerRule[]) =>
  list.some((rule) => rule.id === saved.id) ? list.map((rule) => (rule.id === saved.id ? saved : rule)) : [...list, saved];

/** The rule open in the editor: null for a new one. */
type Editing = { rule: TriggerRule | null };

const editButtonOf = (id: string) => `[data-part="trigger-row"][data-trigger-id="${id}"] [data-part="edit-trigger"]`;
const NEW_BUTTON = '[data-part="new-trigger"]';

export function TriggersPage() {
  const { t } = useAdminI18n();
  const { state, reload, update } = useLoad(loadTriggersPage);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState('');
  const pageRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<string | null>(null);

  // The server's regular-expression engine, for the editor's checks as the admin types; the server checks anyway.
  useEffect(() => void loadRegexCheck().catch(() => {}), []);

  // Closing the editor hands focus back to the button that opened it (or the saved rule's).
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    pageRef.current?.querySelector<HTMLElement>(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  function open(rule: TriggerRule | null) {
    setNotice('');
    setEditing({ rule });
  }

  function close(focus: string) {
    returnFocus.current = focus;
    setEditing(null);
  }

  const updateTriggers = (change: (triggers: TriggerRule[]) => TriggerRule[]) =>
    update((data) => ({ ...data, triggers: change(data.triggers) }));

  if (state.phase !== 'ready') {
    return (
      <div class="admin-page">
        <h2>{t('triggers.heading')}</h2>
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      </div>
    );
  }

  const { triggers, agents, departments, siteName } = state.data;
  // The status line stays mounted across the switch to the editor and back,
  // so "saved" is announced: a live region inserted with its text is not.
  return (
    <div ref={pageRef} class="admin-page" data-part="triggers-page">
      {editing ? (
        <TriggerEditor
          rule={editing.rule}
          agents={agents}
          departments={departments}
          siteName={siteName}
          onSaved={(saved) => {
            updateTriggers(withSaved(saved));
            setNotice(t(editing.rule ? 'triggers.saved' : 'triggers.created', { name: saved.name }));
            close(editButtonOf(saved.id));
          }}
          onCancel={() => close(editing.rule ? editButtonOf(editing.rule.id) : NEW_BUTTON)}
        />
      ) : (
        <div class="trigger-page-head">
          <h2>{t('triggers.heading')}</h2>
          <p class="admin-note trigger-intro">{t('triggers.intro')}</p>
        </div>
      )}
      <p class="admin-status" role="status" aria-live="polite" data-part="triggers-status">
        {notice}
      </p>
      {!editing && (
        <>
          <TriggerList
            triggers={triggers}
            agents={agents}
            update={updateTriggers}
            onCreate={() => open(null)}
            onEdit={(rule) => open(rule)}
            onAnnounce={setNotice}
          />
          {triggers.length > 0 && <TriggerReport triggers={triggers} />}
        </>
      )}
    </div>
  );
}
