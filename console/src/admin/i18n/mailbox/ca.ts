import type { MailboxCatalogue } from './en.ts';

export const mailboxCa: MailboxCatalogue = {
  'admin.tabMailbox': 'Bústia',
  'mailbox.heading': 'Bústia local',
  'mailbox.intro':
    'No hi ha cap servidor SMTP configurat: els correus als clients es guarden aquí en lloc d’enviar-se. Configura SMTP_HOST (vegeu el README) per enviar-los de debò.',
  'mailbox.smtp': 'Els correus van al servidor SMTP configurat en aquesta instal·lació; aquí no se’n guarda cap.',
  'mailbox.empty': 'Encara no hi ha cap correu. Hi apareixerà la resposta d’un agent a un client que ha marxat, o una transcripció.',
  'mailbox.to': 'Per a',
  'mailbox.from': 'De',
  'mailbox.replyTo': 'Respon a',
  'mailbox.sent': 'Enviat',
  'mailbox.html': 'Part HTML (codi font)',
};
