import type { AttachmentRulesCatalogue } from './en.ts';

export const attachmentRulesCa: AttachmentRulesCatalogue = {
  'attachmentRules.heading': 'Fitxers al xat',
  'attachmentRules.maxMb': 'Fitxer més gran (MB)',
  'attachmentRules.maxMbHint': 'D’1 a 100 MB. Els fitxers es comproven pel contingut; SVG, HTML i programes no s’accepten mai.',
  'attachmentRules.types': 'Tipus de fitxer acceptats',
  'attachmentRules.type.image': 'Imatges (JPEG, PNG, GIF, WebP)',
  'attachmentRules.type.pdf': 'PDF',
  'attachmentRules.type.text': 'Text pla',
  'attachmentRules.type.office': 'Documents d’oficina (Word, Excel, PowerPoint, OpenDocument)',
  'attachmentRules.type.archive': 'Arxius ZIP',
  'attachmentRules.visitorUploads': 'Els compradors poden enviar fitxers',
  'attachmentRules.visitorUploadsHint': 'Desactivat: només els agents envien fitxers.',
  'attachmentRules.invalid': 'Escriu un nombre sencer de megabytes d’1 a 100.',
  'attachmentRules.saved': 'S’han desat les normes de fitxers.',
};
