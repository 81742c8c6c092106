import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import type { TeamState } from '../state/consoleState.ts';
import type { TransferTarget } from '../state/paneActions.ts';
import { transferableAgents } from '../state/teamSync.ts';
import { Dialog } from './Dialog.tsx';

/** TRANSFER_NOTE_MAX of the contract, repeated: importing it would pull zod into the console bundle. */
const NOTE_MAX = 1_000;

interface TransferDialogProps {
  team: TeamState;
  /** Agents the chat cannot go to: the agent and whoever already has it. */
  exclude: readonly string[];
  onTransfer: (to: TransferTarget, note: string) => void;
  onCancel: () => void;
}

function targetFrom(value: string): TransferTarget | null {
  const [kind, id] = value.split(':', 2);
  if (!id) return null;
  if (kind === 'agent') return { kind: 'agent', agentId: id };
  if (kind === 'department') return { kind: 'department', departmentId: id };
  return null;
}

/** Hand the chat to an online colleague with room, or back to a department's queue, with an internal note. */
export function TransferDialog({ team, exclude, onTransfer, onCancel }: TransferDialogProps) {
  const { t, language } = useI18n();
  const agents = transferableAgents(team.agents, exclude);
  const first = agents[0] ? `agent:${agents[0].id}` : team.departments[0] ? `department:${team.departments[0].id}` : '';
  const [value, setValue] = useState(first);
  const [note, setNote] = useState('');
  const target = targetFrom(value || first);
  return (
    <Dialog
      title={t('transfer.title')}
      part="transfer-dialog"
      submitLabel={t('transfer.submit')}
      canSubmit={target !== null}
      onSubmit={() => target && onTransfer(target, note)}
      onCancel={onCancel}
    >
      {first === '' ? (
        <p class="dialog-note">{t('transfer.nothing')}</p>
      ) : (
        <label class="field">
          <span>{t('transfer.target')}</span>
          <select name="transfer-to" value={value || first} onChange={(event) => setValue(event.currentTarget.value)}>
            {agents.length > 0 && (
              <optgroup label={t('transfer.colleagues')}>
                {agents.map((agent) => (
                  <option key={agent.id} value={`agent:${agent.id}`}>
                    {t('transfer.load', {
                      name: agent.name,
                      load: new Intl.NumberFormat(language).format(agent.load),
                      capacity: agent.capacity,
                    })}
                  </option>
                ))}
              </optgroup>
            )}
            {team.departments.length > 0 && (
              <optgroup label={t('transfer.departments')}>
                {team.departments.map((department) => (
                  <option key={department.id} value={`department:${department.id}`}>
                    {department.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
      )}
      <label class="field">
        <span>{t('transfer.note')}</span>
        <textarea name="note" rows={3} maxLength={NOTE_MAX} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
    </Dialog>
  );
}
