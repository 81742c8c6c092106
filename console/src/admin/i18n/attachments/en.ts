/** Admin → Site: the attachment rules. */
export const attachmentRulesEn = {
  'attachmentRules.heading': 'Files in the chat',
  'attachmentRules.maxMb': 'Largest file (MB)',
  'attachmentRules.maxMbHint': 'From 1 to 100 MB. Files are checked by their content; SVG, HTML and programs are never accepted.',
  'attachmentRules.types': 'Kinds of file accepted',
  'attachmentRules.type.image': 'Pictures (JPEG, PNG, GIF, WebP)',
  'attachmentRules.type.pdf': 'PDF',
  'attachmentRules.type.text': 'Plain text',
  'attachmentRules.type.office': 'Office documents (Word, Excel, PowerPoint, OpenDocument)',
  'attachmentRules.type.archive': 'ZIP archives',
  'attachmentRules.visitorUploads': 'Shoppers may send files',
  'attachmentRules.visitorUploadsHint': 'Off: only agents send files.',
  'attachmentRules.invalid': 'Enter a whole number of megabytes from 1 to 100.',
  'attachmentRules.saved': 'File rules saved.',
} as const;

export type AttachmentRulesCatalogue = { readonly [Key in keyof typeof attachmentRulesEn]: string };
