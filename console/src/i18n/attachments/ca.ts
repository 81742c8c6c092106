import type { AttachmentsCatalogue } from './en.ts';

export const attachmentsCa: AttachmentsCatalogue = {
  'attachments.attach': 'Adjunta fitxers',
  'attachments.dropHere': 'Deixa anar els fitxers per adjuntar-los',
  'attachments.pending': 'Fitxers per enviar',
  'attachments.uploading': 'S’està pujant {name}…',
  'attachments.ready': '{name}, a punt per enviar',
  'attachments.remove': 'Treu {name}',
  'attachments.tooLarge': '{name} supera la mida màxima d’aquesta botiga.',
  'attachments.refusedType': '{name} és un tipus de fitxer que aquesta botiga no accepta.',
  'attachments.failed': 'No s’ha pogut pujar {name}.',
  'attachments.open': 'Obre {name} a mida completa',
  'attachments.download': 'Baixa {name}',
  'attachments.card': '{name}, {type}, {size}',
  'attachments.unavailable': 'Aquest fitxer ja no està disponible.',
  'attachments.onlyFiles': 'Fitxers',
};
