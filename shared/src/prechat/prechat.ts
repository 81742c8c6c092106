import type { PreChatMode } from '../schemas/admin.ts';
import type { ContactInfo } from '../events/visitor.ts';

/**
 * Whether the pre-chat form still has something to ask: the site asks for an
 * email (and a name), and what the shop knows (a saved contact, a verified
 * identify) does not give it yet. The widget and the server decide alike.
 */
export function preChatMissing(mode: PreChatMode | undefined, contact: ContactInfo | null | undefined): boolean {
  if (!mode || mode === 'off') return false;
  if (!contact?.email) return true;
  return mode === 'name_email' && !contact.name;
}
