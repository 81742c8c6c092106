import type { EmailCatalogue } from './en.ts';

export const emailEs: EmailCatalogue = {
  'composer.noEmail': 'No enviar por correo',
  'emails.heading': 'Correos al cliente',
  'emails.kind.replies': 'Respuestas',
  'emails.kind.transcript': 'Transcripción',
  'emails.status.pending': 'Pendiente de envío (intento {attempts})',
  'emails.status.sent': 'Enviado',
  'emails.status.failed': 'No entregado',
  'emails.status.bounced': 'Devuelto',
  'emails.line': '{kind} a {to}, {when}: {status}',
  'emails.loadFailed': 'No se han podido cargar los correos.',
};
