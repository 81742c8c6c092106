/** Files in conversations: the composer's clip, the files waiting to go, and the files in the history. */
export const attachmentsEn = {
  'attachments.attach': 'Attach files',
  'attachments.dropHere': 'Drop files to attach them',
  'attachments.pending': 'Files to send',
  'attachments.uploading': 'Uploading {name}…',
  'attachments.ready': '{name}, ready to send',
  'attachments.remove': 'Remove {name}',
  'attachments.tooLarge': '{name} is over this shop’s size limit.',
  'attachments.refusedType': '{name} is a kind of file this shop does not take.',
  'attachments.failed': '{name} could not be uploaded.',
  'attachments.open': 'Open {name} full size',
  'attachments.download': 'Download {name}',
  'attachments.card': '{name}, {type}, {size}',
  'attachments.unavailable': 'This file is no longer available.',
  'attachments.onlyFiles': 'Files',
} as const;

export type AttachmentsCatalogue = { readonly [Key in keyof typeof attachmentsEn]: string };
