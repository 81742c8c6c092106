import type { AttachmentType } from '@mostrador/shared';

/**
 * What the file picker offers for each family the site accepts. `image/*`
 * (not a list of picture types) is what makes a phone offer its camera
 * beside the photo library; the server decides by the bytes in any case.
 */
const PICKER: Readonly<Record<AttachmentType, string>> = {
  image: 'image/*',
  pdf: '.pdf,application/pdf',
  text: '.txt,text/plain',
  office: '.docx,.xlsx,.pptx,.odt,.ods,.odp',
  archive: '.zip,application/zip',
};

/** The `accept` of the hidden file input, from the site's accepted families. */
export function acceptOf(types: readonly AttachmentType[]): string {
  return types.map((type) => PICKER[type]).join(',');
}
