import { describe, expect, it } from 'vitest';
import { fileTypeLabel, formatFileSize } from './labels.ts';

describe('file labels', () => {
  it('names known types briefly and others by their subtype', () => {
    expect(fileTypeLabel('application/pdf')).toBe('PDF');
    expect(fileTypeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('DOCX');
    expect(fileTypeLabel('image/avif')).toBe('AVIF');
  });

  it('writes sizes in the reader’s language', () => {
    expect(formatFileSize(820, 'en')).toBe('820 B');
    expect(formatFileSize(14_200, 'en')).toBe('14 kB');
    expect(formatFileSize(3_250_000, 'ca')).toBe('3,3 MB');
  });
});
