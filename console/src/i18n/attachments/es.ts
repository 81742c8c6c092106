import type { AttachmentsCatalogue } from './en.ts';

export const attachmentsEs: AttachmentsCatalogue = {
  'attachments.attach': 'Adjuntar archivos',
  'attachments.dropHere': 'Suelta los archivos para adjuntarlos',
  'attachments.pending': 'Archivos por enviar',
  'attachments.uploading': 'Subiendo {name}…',
  'attachments.ready': '{name}, listo para enviar',
  'attachments.remove': 'Quitar {name}',
  'attachments.tooLarge': '{name} supera el tamaño máximo de esta tienda.',
  'attachments.refusedType': '{name} es un tipo de archivo que esta tienda no acepta.',
  'attachments.failed': 'No se ha podido subir {name}.',
  'attachments.open': 'Abrir {name} a tamaño completo',
  'attachments.download': 'Descargar {name}',
  'attachments.card': '{name}, {type}, {size}',
  'attachments.unavailable': 'Este archivo ya no está disponible.',
  'attachments.onlyFiles': 'Archivos',
};
