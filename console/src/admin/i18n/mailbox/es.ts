import type { MailboxCatalogue } from './en.ts';

export const mailboxEs: MailboxCatalogue = {
  'admin.tabMailbox': 'Buzón',
  'mailbox.heading': 'Buzón local',
  'mailbox.intro':
    'No hay ningún servidor SMTP configurado: los correos a los clientes se guardan aquí en lugar de enviarse. Configura SMTP_HOST (ver el README) para enviarlos de verdad.',
  'mailbox.smtp': 'Los correos van al servidor SMTP configurado en esta instalación; aquí no se guarda ninguno.',
  'mailbox.empty': 'Aún no hay ningún correo. Aparecerá aquí la respuesta de un agente a un cliente que se ha ido, o una transcripción.',
  'mailbox.to': 'Para',
  'mailbox.from': 'De',
  'mailbox.replyTo': 'Responder a',
  'mailbox.sent': 'Enviado',
  'mailbox.html': 'Parte HTML (código fuente)',
};
