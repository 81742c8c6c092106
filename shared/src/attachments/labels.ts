/**
 * How a file is named on a card, for the console and the widget alike. Zod-free
 * and side-effect free: the widget imports this file alone.
 */
const LABELS: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
  'text/plain': 'TXT',
  'application/zip': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
};

/** A short, familiar name for a file's type (JPEG, PDF, DOCX…). */
export function fileTypeLabel(mime: string): string {
  return LABELS[mime] ?? (mime.split('/').pop() ?? mime).toUpperCase();
}

const KB = 1024;
const MB = 1024 * 1024;

/**
 * A size as people read it, in the reader's language: 820 B, 14 kB, 3.2 MB.
 * Counted in 1,024s, as the site's upload limit is (an admin's "2 MB" is
 * 2 × 1,048,576 bytes), so the widget's "at most 2 MB" says what the admin
 * set, and a file shown as "2 MB" is never refused as too large.
 */
export function formatFileSize(bytes: number, language: string): string {
  // From 1,000 of a unit as written, the next unit up: never four digits ("1,000 kB" reads better as 1 MB).
  if (bytes < 1000) return `${bytes} B`;
  const [value, unit] = Math.round(bytes / KB) < 1000 ? [bytes / KB, 'kilobyte'] : [bytes / MB, 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(
    value,
  );
}
