import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.ts';
import { html, jpegWithGps, pdf, png, svg } from './test-files.ts';

const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniff', () => {
  it('knows pictures, PDFs, text and Office documents by their bytes', () => {
    expect(sniff(jpegWithGps())).toEqual({ ok: true, mime: 'image/jpeg', type: 'image' });
    expect(sniff(png())).toEqual({ ok: true, mime: 'image/png', type: 'image' });
    expect(sniff(bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]))).toEqual({ ok: true, mime: 'image/gif', type: 'image' });
    expect(sniff(bytes('RIFF', [20, 0, 0, 0], 'WEBPVP8 ', [0, 0, 0, 0]))).toEqual({ ok: true, mime: 'image/webp', type: 'image' });
    expect(sniff(pdf())).toEqual({ ok: true, mime: 'application/pdf', type: 'pdf' });
    expect(sniff(Buffer.from('Comanda 1042: talla M, color blau.\nGràcies!'))).toEqual({ ok: true, mime: 'text/plain', type: 'text' });
    const docx = bytes([0x50, 0x4b, 0x03, 0x04], Buffer.alloc(26), '[Content_Types].xml', 'word/document.xml');
    expect(sniff(docx)).toMatchObject({ ok: true, type: 'office', mime: expect.stringContaining('wordprocessingml') });
    expect(sniff(bytes([0x50, 0x4b, 0x03, 0x04], Buffer.alloc(26), 'photos/1.jpg'))).toEqual({
      ok: true,
      mime: 'application/zip',
      type: 'archive',
    });
  });

  it('refuses a PNG signature followed by HTML: without its IHDR chunk it is no picture, and its markup is caught', () => {
    const fake = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '<html><script>alert(1)</script></html>');
    expect(sniff(fake)).toEqual({ ok: false, reason: 'markup' });
  });

  it('refuses an SVG whatever it is called, and HTML', () => {
    expect(sniff(svg())).toEqual({ ok: false, reason: 'markup' });
    expect(sniff(html())).toEqual({ ok: false, reason: 'markup' });
    expect(sniff(bytes('<?xml version="1.0"?>\n', svg()))).toEqual({ ok: false, reason: 'markup' });
  });

  it('refuses polyglots: a real PNG or PDF with HTML where a browser would sniff it', () => {
    const pngPolyglot = Buffer.concat([png().subarray(0, 33), Buffer.from('<script>alert(1)</script>'), png().subarray(33)]);
    expect(sniff(pngPolyglot)).toEqual({ ok: false, reason: 'markup' });
    expect(sniff(bytes('%PDF-1.4\n<html><body>hi</body></html>'))).toEqual({ ok: false, reason: 'markup' });
    expect(sniff(bytes('GIF89a', [1, 0, 1, 0], '<iframe src=x>'))).toEqual({ ok: false, reason: 'markup' });
  });

  it('refuses executables, whatever else they claim', () => {
    expect(sniff(bytes('MZ', [0x90, 0, 3]))).toEqual({ ok: false, reason: 'executable' });
    expect(sniff(bytes([0x7f], 'ELF', [2, 1, 1]))).toEqual({ ok: false, reason: 'executable' });
    expect(sniff(bytes('#!/bin/sh\nrm -rf /\n'))).toEqual({ ok: false, reason: 'executable' });
  });

  it('refuses text with markup anywhere, and bytes it does not know', () => {
    expect(sniff(Buffer.from(`${'a'.repeat(5000)}<script>alert(1)</script>`))).toEqual({ ok: false, reason: 'markup' });
    expect(sniff(bytes([0, 1, 2, 3, 0xff, 0xfe]))).toEqual({ ok: false, reason: 'unknown' });
    expect(sniff(Buffer.alloc(0))).toEqual({ ok: false, reason: 'unknown' });
  });
});
