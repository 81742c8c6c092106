/** Deactivating and reactivating an agent, from the agents page. */
export const accessEn = {
  'agents.statusDeactivated': 'Deactivated',
  'agents.accessHeading': 'Access',
  'agents.deactivate': 'Deactivate',
  'agents.deactivateHint': 'Signs {name} out everywhere at once and returns their open chats to the queue. Their history stays.',
  'agents.deactivateTitle': 'Deactivate {name}?',
  'agents.deactivateWarning':
    '{name} is signed out on every device at once and cannot sign in until reactivated. Their open chats go back to the queue.',
  'agents.reactivate': 'Reactivate',
  'agents.reactivateHint': '{name} is deactivated and cannot sign in.',
  'agents.deactivated': '{name} was deactivated.',
  'agents.reactivated': '{name} can sign in again.',
} as const;

export type AccessCatalogue = { readonly [Key in keyof typeof accessEn]: string };
