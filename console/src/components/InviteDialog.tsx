import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import type { TeamState } from '../state/consoleState.ts';
import { invitableAgents } from '../state/teamSync.ts';
import { Dialog } from './Dialog.tsx';

interface InviteDialogProps {
  team: TeamState;
  /** The agent and everyone already in the chat. */
  exclude: readonly string[];
  onInvite: (agentId: string) => void;
  onCancel: () => void;
}

/** Bring an online colleague into the chat as a guest (group chat). */
export function InviteDialog({ team, exclude, onInvite, onCancel }: InviteDialogProps) {
  const { t } = useI18n();
  const agents = invitableAgents(team.agents, exclude);
  const [chosen, setChosen] = useState('');
  const agentId = chosen || agents[0]?.id || '';
  return (
    <Dialog
      title={t('invite.title')}
      part="invite-dialog"
      submitLabel={t('invite.submit')}
      canSubmit={agentId !== ''}
      onSubmit={() => onInvite(agentId)}
      onCancel={onCancel}
    >
      {agents.length === 0 ? (
        <p class="dialog-note">{t('invite.nobody')}</p>
      ) : (
        <label class="field">
          <span>{t('invite.colleague')}</span>
          <select name="invite-agent" value={agentId} onChange={(event) => setChosen(event.currentTarget.value)}>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </Dialog>
  );
}
