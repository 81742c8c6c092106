import type { AttachmentRulesCatalogue } from './en.ts';

export const attachmentRulesEs: AttachmentRulesCatalogue = {
  'attachmentRules.heading': 'Archivos en el chat',
  'attachmentRules.maxMb': 'Archivo más grande (MB)',
  'attachmentRules.maxMbHint': 'De 1 a 100 MB. Los archivos se comprueban por su contenido; SVG, HTML y programas nunca se aceptan.',
  'attachmentRules.types': 'Tipos de archivo aceptados',
  'attachmentRules.type.image': 'Imágenes (JPEG, PNG, GIF, WebP)',
  'attachmentRules.type.pdf': 'PDF',
  'attachmentRules.type.text': 'Texto plano',
  'attachmentRules.type.office': 'Documentos de oficina (Word, Excel, PowerPoint, OpenDocument)',
  'attachmentRules.type.archive': 'Archivos ZIP',
  'attachmentRules.visitorUploads': 'Los compradores pueden enviar archivos',
  'attachmentRules.visitorUploadsHint': 'Desactivado: solo los agentes envían archivos.',
  'attachmentRules.invalid': 'Escribe un número entero de megabytes de 1 a 100.',
  'attachmentRules.saved': 'Se han guardado las normas de archivos.',
};
