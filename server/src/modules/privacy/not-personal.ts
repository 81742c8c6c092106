/**
 * Tables that hold nothing about shoppers, each with the reason. Every
 * table in the schema is either registered as personal data or listed here
 * (a test checks), so a new table makes someone decide.
 */
export const NOT_PERSONAL_TABLES: Readonly<Record<string, string>> = {
  sites: 'the shop’s own settings',
  agents: 'staff accounts, managed (and removed) on the agents page, not shopper data',
  agent_status_changes: 'when each agent was online, away or offline, for the reports: staff presence, not shopper data',
  agent_sessions: 'staff login sessions, hashed, expiring on their own',
  agent_recovery_codes: 'staff two-factor recovery codes, hashed',
  agent_departments: 'which staff serve which department',
  agent_pictures: 'staff pictures, set and removed by the agent or an admin; removed with the agent’s deactivation',
  departments: 'the shop’s departments',
  trigger_rules: 'the shop’s proactive chat rules',
  canned_replies: 'the team’s saved answers (an agent’s personal ones are staff data)',
  tags: 'the shop’s list of conversation tags',
  product_catalog: 'the shop’s products as its pages show them, kept without the visitor who saw them',
  business_hours: 'the shop’s opening hours, closures and holidays',
  inbound_webhook_tokens: 'Mailgun’s random per-request tokens, kept only to refuse replays',
  meta: 'install-wide facts such as the demo site id',
};
