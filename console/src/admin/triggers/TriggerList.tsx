import type { AgentSummary, ErrorBody, TriggerRule } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog.tsx';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { TRIGGER_RULES_MAX } from './limits.ts';
import { TriggerRow, type MoveDirection } from './TriggerRow.tsx';

type ListChange = (change: (triggers: TriggerRule[]) => TriggerRule[]) => void;

interface TriggerListProps {
  triggers: readonly TriggerRule[];
  agents: readonly AgentSummary[];
  update: ListChange;
  onCreate: () => void;
  onEdit: (rule: TriggerRule) => void;
  /** Said politely by the page's status line. */
  onAnnounce: (text: string) => void;
}

/** Where focus belongs after the list changed under it: a moved rule's arrow (once at `index`), or the New button. */
type FocusTarget = { id: string; direction: MoveDirection; index: number } | 'new';

const replaceRule = (rule: TriggerRule) => (list: TriggerRule[]) => list.map((other) => (other.id === rule.id ? rule : other));

/** The list in a given order of ids; rules not named keep their place at the end. */
const orderedLike = (ids: readonly string[]) => (list: TriggerRule[]) =>
  [...list].sort((a, b) => (ids.indexOf(a.id) + 1 || Infinity) - (ids.indexOf(b.id) + 1 || Infinity));

/**
 * The site's rules in the order the widget tries them. Switching one on or
 * off shows at once and is undone if the server refuses; so is a move.
 */
export function TriggerList({ triggers, agents, update, onCreate, onEdit, onAnnounce }: TriggerListProps) {
  const { t } = useAdminI18n();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [deleting, setDeleting] = useState<TriggerRule | null>(null);
  const ordering = useRef(false);
  const focusNext = useRef<FocusTarget | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const full = triggers.length >= TRIGGER_RULES_MAX;

  // A moved row is re-rendered elsewhere, so focus follows it to the same
  // button; at the top or bottom that one is disabled, so to its twin. An
  // effect queued before the move rendered sees the old order and waits.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    const root = listRef.current;
    if (target === 'new') {
      focusNext.current = null;
      root?.querySelector<HTMLElement>('[data-part="new-trigger"]')?.focus();
      return;
    }
    const index = triggers.findIndex((rule) => rule.id === target.id);
    if (index !== target.index) return;
    focusNext.current = null;
    const atEdge = target.direction === 'up' ? index === 0 : index === triggers.length - 1;
    const direction = atEdge ? (target.direction === 'up' ? 'down' : 'up') : target.direction;
    root?.querySelector<HTMLElement>(`[data-part="trigger-row"][data-trigger-id="${target.id}"] [data-part="move-${direction}"]`)?.focus();
  }, [triggers]);

  async function toggle(rule: TriggerRule, enabled: boolean) {
    setError(null);
    update(replaceRule({ ...rule, enabled }));
    const result = await adminApi.updateTrigger(rule.id, { enabled });
    if (!result.ok) {
      update(replaceRule(rule));
      setError(result.error);
      return;
    }
    update(replaceRule(result.data));
    onAnnounce(t(enabled ? 'triggers.switchedOn' : 'triggers.switchedOff', { name: rule.name }));
  }

  async function move(rule: TriggerRule, direction: MoveDirection) {
    // One order at a time: the server wants every id in its final place.
    if (ordering.current) return;
    const from = triggers.findIndex((other) => other.id === rule.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    const neighbour = triggers[to];
    if (from < 0 || !neighbour) return;
    const before = triggers.map((other) => other.id);
    const after = [...before];
    after[from] = neighbour.id;
    after[to] = rule.id;
    ordering.current = true;
    setError(null);
    focusNext.current = { id: rule.id, direction, index: to };
    update(orderedLike(after));
    const result = await adminApi.orderTriggers(after);
    ordering.current = false;
    if (!result.ok) {
      focusNext.current = { id: rule.id, direction, index: from };
      update(orderedLike(before));
      setError(result.error);
      return;
    }
    update(() => result.data);
    const position = result.data.findIndex((other) => other.id === rule.id) + 1;
    onAnnounce(t('triggers.moved', { name: rule.name, position, count: result.data.length }));
  }

  async function remove(rule: TriggerRule) {
    setDeleting(null);
    setError(null);
    const result = await adminApi.deleteTrigger(rule.id);
    // Already gone (deleted in another tab) is what was asked for.
    if (!result.ok && result.error.code !== 'not_found') {
      setError(result.error);
      return;
    }
    focusNext.current = 'new';
    update((list) => list.filter((other) => other.id !== rule.id));
    onAnnounce(t('triggers.deleted', { name: rule.name }));
  }

  const newButton = (label: string) => (
    <button type="button" class="button primary" data-part="new-trigger" disabled={full} onClick={onCreate}>
      {label}
    </button>
  );

  return (
    <div ref={listRef} class="trigger-list-area">
      <ErrorAlert error={error} />
      {triggers.length === 0 ? (
        <div class="admin-card trigger-empty" data-part="triggers-empty">
          <h3>{t('triggers.emptyTitle')}</h3>
          <p class="admin-note">{t('triggers.emptyText')}</p>
          {newButton(t('triggers.createFirst'))}
        </div>
      ) : (
        <>
          <div class="trigger-toolbar">
            {newButton(t('triggers.new'))}
            <p class="field-hint">{full ? t('triggers.full', { max: TRIGGER_RULES_MAX }) : t('triggers.orderHint')}</p>
          </div>
          <ol class="trigger-list" aria-label={t('triggers.listLabel')} data-part="trigger-list">
            {triggers.map((rule, index) => (
              <TriggerRow
                key={rule.id}
                rule={rule}
                position={index + 1}
                count={triggers.length}
                agents={agents}
                onToggle={(enabled) => void toggle(rule, enabled)}
                onMove={(direction) => void move(rule, direction)}
                onEdit={() => onEdit(rule)}
                onDelete={() => setDeleting(rule)}
              />
            ))}
          </ol>
        </>
      )}
      {deleting && (
        <div class="dialog-backdrop">
          <Dialog
            title={t('triggers.deleteTitle', { name: deleting.name })}
            part="delete-trigger-dialog"
            submitLabel={t('triggers.deleteConfirm')}
            canSubmit
            onSubmit={() => void remove(deleting)}
            onCancel={() => setDeleting(null)}
          >
            <p class="dialog-note">{t('triggers.deleteWarning')}</p>
          </Dialog>
        </div>
      )}
    </div>
  );
}
