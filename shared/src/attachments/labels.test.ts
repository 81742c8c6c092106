import { describe, expect, it } from 'vitest';
import { fileTypeLabel, formatFileSize } from './labels.ts';

describe('file labels', () => {
  it('names known types briefly and others by their subtype', () => {
    expect(fileTypeLabel('application/pdf')).toBe('PDF');
    expect(fileTypeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('DOCX');
    expect(fileTypeLabel('image/avif')).toBe('AVIF');
  });

  it('writes sizes in the reader’s language, in 1,024s as the upload limit counts them', () => {
    expect(formatFileSize(820, 'en')).toBe('820 B');
    expect(formatFileSize(1023, 'en')).toBe('1 kB');
    expect(formatFileSize(14_540, 'en')).toBe('14 kB');
    expect(formatFileSize(3_407_872, 'ca')).toBe('3,3 MB');
    // The admin's limit of 2 MB reads as 2 MB, not 2.1, and 20 MB as 20.
    expect(formatFileSize(2 * 1024 * 1024, 'en')).toBe('2 MB');
    expect(formatFileSize(20 * 1024 * 1024, 'es')).toBe('20 MB');
    expect(formatFileSize(999 * 1024, 'en')).toBe('999 kB');
    expect(formatFileSize(1000 * 1024 - 1, 'en')).toBe('1 MB');
    expect(formatFileSize(1024 * 1024 - 1, 'en')).toBe('1 MB');
  });
});
