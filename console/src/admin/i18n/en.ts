import { accessEn } from './access/en.ts';
import { summaryEn } from './summary/en.ts';
import { hoursEn } from './hours/en.ts';
import { brandingEn } from './branding/en.ts';
import { mailboxEn } from './mailbox/en.ts';
import { attachmentRulesEn } from './attachments/en.ts';
import { privacyEn } from './privacy/en.ts';
import { triggersEn } from './triggers/en.ts';
import { cannedEn } from './canned/en.ts';
import { feedbackEn } from './feedback/en.ts';

/**
 * The admin pages' source catalogue, kept apart from the inbox's so the two
 * can change independently. Its keys are the type `ca` and `es` must match;
 * `{name}` marks a value filled in by `translate`.
 */
export const en = {
  'admin.title': 'Administration',
  'admin.tabsLabel': 'Administration sections',
  'admin.tabAgents': 'Agents',
  'admin.tabDepartments': 'Departments',
  'admin.tabTriggers': 'Triggers',
  'admin.tabSite': 'Site and widget',

  'common.loading': 'Loading…',
  'common.loadFailed': 'Could not load this page.',
  'common.retry': 'Try again',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.saved': 'Saved.',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.unavailable': 'Could not reach the server. Check your connection and try again.',
  'common.forbidden': 'Only administrators can change these settings.',
  'common.invalid': 'Some fields are not valid. Check them and try again.',
  'common.conflict': 'That conflicts with an existing record.',
  'common.notFound': 'That item no longer exists. Reload the page to see the current list.',

  'agents.heading': 'Agents',
  'agents.empty': 'No agents yet.',
  'agents.colName': 'Name',
  'agents.colEmail': 'Email',
  'agents.colRole': 'Role',
  'agents.colStatus': 'Status',
  'agents.colLoad': 'Load',
  'agents.colDepartments': 'Departments',
  'agents.colActions': 'Actions',
  'agents.load': '{load} of {capacity}',
  'agents.noDepartments': 'None',
  'agents.editHeading': 'Edit {name}',
  'agents.roleAdmin': 'Administrator',
  'agents.roleAgent': 'Agent',
  'agents.statusOnline': 'Online',
  'agents.statusAway': 'Away',
  'agents.statusOffline': 'Offline',
  'agents.addHeading': 'Add an agent',
  'agents.add': 'Add agent',
  'agents.adding': 'Adding…',
  'agents.added': '{name} was added.',
  'agents.updated': '{name} was updated.',
  'agents.fieldName': 'Name',
  'agents.fieldEmail': 'Email',
  'agents.fieldRole': 'Role',
  'agents.fieldPassword': 'Initial password',
  'agents.fieldNewPassword': 'New password',
  'agents.passwordHint': 'At least {min} characters. Share it with the agent privately.',
  'agents.newPasswordHint': 'Leave empty to keep the current password. At least {min} characters.',
  'agents.fieldCapacity': 'Capacity',
  'agents.capacityHint': 'How many conversations can be assigned to this agent at once ({min}–{max}).',
  'agents.fieldDepartments': 'Departments',
  'agents.departmentsHint': 'The agent sees and receives conversations from these departments.',
  'agents.noDepartmentsYet': 'There are no departments yet.',

  'departments.heading': 'Departments',
  'departments.empty': 'No departments yet.',
  'departments.colName': 'Name',
  'departments.colSlug': 'Slug',
  'departments.colRouting': 'Routing',
  'departments.colActions': 'Actions',
  'departments.addHeading': 'Add a department',
  'departments.add': 'Add department',
  'departments.adding': 'Adding…',
  'departments.added': '{name} was added.',
  'departments.fieldName': 'Name',
  'departments.fieldSlug': 'Slug',
  'departments.slugHint': 'Lowercase letters, digits and hyphens. The shop passes it to the widget to open a chat with this department.',
  'departments.fieldRouting': 'Routing',
  'departments.routingAuto': 'Automatic',
  'departments.routingAutoHint': 'Each new conversation is assigned to the least-loaded online agent.',
  'departments.routingManual': 'Manual',
  'departments.routingManualHint': 'New conversations wait in the queue until an agent takes them.',
  'departments.rename': 'Rename',
  'departments.newName': 'New name for {name}',
  'departments.renamed': 'Renamed to {name}.',
  'departments.switchToAuto': 'Switch to automatic',
  'departments.switchToManual': 'Switch to manual',
  'departments.switched': '{name} now uses {routing} routing.',

  'site.heading': 'Site and widget',
  'site.fieldName': 'Site name',
  'site.nameHint': 'Shown to agents in the console header.',
  'site.fieldOrigins': 'Allowed origins',
  'site.originsHint':
    'One per line, for example https://shop.example. These are the shop origins allowed to load the chat. "self" means this server\'s own demo shop.',
  'site.refusedHeading': 'Recently refused origins',
  'site.refusedHint':
    'Pages on these origins tried to open the chat and were turned away. If one is your shop, allow it: a chat already open there connects within a minute, without a reload.',
  'site.refusedOrigin': 'Origin',
  'site.refusedLastSeen': 'Last seen',
  'site.refusedCount': 'Attempts',
  'site.allow': 'Allow',
  'site.allowOrigin': 'Allow {origin}',
  'site.allowing': 'Allowing…',
  'site.allowed': '{origin} is allowed now.',
  'site.fieldDepartmentChoice': 'Ask visitors to pick a department',
  'site.departmentChoiceHint': 'Before their first message, visitors choose which department they want to talk to.',
  'site.saved': 'Site settings saved.',
  'site.scriptHeading': 'Install the widget',
  'site.scriptHint': 'Paste this tag into every page of the shop, just before the closing </body> tag.',
  'site.scriptLabel': 'Widget script tag',
  'site.copy': 'Copy',
  'site.copied': 'Copied to the clipboard.',
  'site.copyManually': 'The text is selected: press Ctrl+C (or ⌘C) to copy it.',
  'site.fieldPreChat': 'Before any chat, ask for',
  'site.preChatHint':
    'Visitors fill this in before their first message. What the shop already knows (a saved email, a verified customer) is never asked again.',
  'site.preChatOff': 'Nothing',
  'site.preChatEmail': 'Email',
  'site.preChatNameEmail': 'Name and email',
  'site.fieldTypingPreview': 'Show agents what visitors are typing',
  'site.typingPreviewHint':
    'Agents see the message as the visitor types it, before it is sent. Off: they only see that the visitor is typing.',
  'site.fieldIdentityEnforced': 'Require verified identity',
  'site.identityEnforcedHint': 'Identify calls without a valid signature are refused, so nobody can pose as one of your customers.',

  'site.identityHeading': 'Identity secret',
  'site.identityHint':
    "Your shop's server signs each customer id with this secret (HMAC-SHA256), so the chat can trust who the visitor is.",
  'site.identitySecretLabel': 'Secret',
  'site.showSecret': 'Show secret',
  'site.hideSecret': 'Hide secret',
  'site.copySecret': 'Copy secret',
  'site.secretCopied': 'Secret copied to the clipboard.',
  'site.secretCopyManually': 'The secret is selected: press Ctrl+C (or ⌘C) to copy it.',
  'site.rotate': 'Rotate secret',
  'site.rotating': 'Rotating…',
  'site.rotateTitle': 'Rotate the identity secret?',
  'site.rotateWarning':
    "The old secret stops working at once: customers signed with it are no longer verified until your shop's server uses the new one.",
  'site.rotateConfirm': 'Rotate secret',
  'site.rotated': "A new secret was generated. Put it on your shop's server.",

  // The triggers section has its own files, one per part, so no catalogue grows past reading.
  ...triggersEn,
  ...cannedEn,
  ...feedbackEn,
  ...summaryEn,
  ...accessEn,
  ...hoursEn,
  ...brandingEn,
  ...mailboxEn,
  ...attachmentRulesEn,
  ...privacyEn,
} as const;

export type AdminMessageKey = keyof typeof en;

/** What every language provides: one string for each key of the source. */
export type AdminCatalogue = { readonly [Key in AdminMessageKey]: string };
