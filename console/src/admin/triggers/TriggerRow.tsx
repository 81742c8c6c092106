import type { AgentSummary, TriggerRule } from '@mostrador/shared';
import { useAdminI18n } from '../i18n/index.ts';
import { describeRule } from './summary.ts';

export type MoveDirection = 'up' | 'down';

interface TriggerRowProps {
  rule: TriggerRule;
  /** From 1. */
  position: number;
  count: number;
  agents: readonly AgentSummary[];
  onToggle: (enabled: boolean) => void;
  onMove: (direction: MoveDirection) => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** One rule in the ordered list: what it does in a sentence, on or off, and its controls. */
export function TriggerRow({ rule, position, count, agents, onToggle, onMove, onEdit, onDelete }: TriggerRowProps) {
  const { t, language } = useAdminI18n();
  const nameId = `trigger-name-${rule.id}`;
  const agent = agents.find((candidate) => candidate.id === rule.action.agentId);
  const shows = rule.action.kind === 'open' ? t('triggers.showsOpen') : t('triggers.showsTeaser');
  return (
    <li class="trigger-row" data-part="trigger-row" data-trigger-id={rule.id} data-enabled={rule.enabled}>
      <span class="trigger-position" aria-hidden="true">
        {position}
      </span>
      <div class="trigger-main">
        <h3 class="trigger-name" id={nameId}>
          {rule.name}
        </h3>
        <p class="trigger-summary" data-part="trigger-summary">
          {describeRule(rule, language)}
        </p>
        <p class="trigger-action">
          {agent ? t('triggers.actionAsAgent', { shows, name: agent.name }) : t('triggers.actionAsShop', { shows })}{' '}
          <q class="trigger-message">{rule.action.message}</q>
        </p>
      </div>
      <div class="trigger-controls">
        <label class="check switch-check">
          <input
            type="checkbox"
            role="switch"
            name="enabled"
            data-part="toggle-trigger"
            aria-describedby={nameId}
            checked={rule.enabled}
            onChange={(event) => onToggle(event.currentTarget.checked)}
          />
          <span>{t('triggers.enabled')}</span>
        </label>
        <div class="row-actions">
          <button
            type="button"
            class="button"
            data-part="move-up"
            aria-describedby={nameId}
            disabled={position === 1}
            onClick={() => onMove('up')}
          >
            <span aria-hidden="true">↑</span> {t('triggers.moveUp')}
          </button>
          <button
            type="button"
            class="button"
            data-part="move-down"
            aria-describedby={nameId}
            disabled={position === count}
            onClick={() => onMove('down')}
          >
            <span aria-hidden="true">↓</span> {t('triggers.moveDown')}
          </button>
          <button type="button" class="button" data-part="edit-trigger" aria-describedby={nameId} onClick={onEdit}>
            {t('common.edit')}
          </button>
          <button type="button" class="button danger" data-part="delete-trigger" aria-describedby={nameId} onClick={onDelete}>
            {t('triggers.delete')}
          </button>
        </div>
      </div>
    </li>
  );
}
