import type { EmailCatalogue } from './en.ts';

export const emailCa: EmailCatalogue = {
  'composer.noEmail': 'No l’enviïs per correu',
  'emails.heading': 'Correus al client',
  'emails.kind.replies': 'Respostes',
  'emails.kind.transcript': 'Transcripció',
  'emails.status.pending': 'Pendent d’enviar (intent {attempts})',
  'emails.status.sent': 'Enviat',
  'emails.status.failed': 'No lliurat',
  'emails.status.bounced': 'Retornat',
  'emails.line': '{kind} a {to}, {when}: {status}',
  'emails.loadFailed': 'No s’han pogut carregar els correus.',
};
