import { DOCX, MAX_TEXT_CHARACTERS, PDF, TXT } from '@assist-ten/core/documents/document.model';
import {
  extractDocumentText,
  normaliseText,
  UnreadableDocumentError,
} from '@assist-ten/core/documents/text-extraction';
import { describe, expect, it } from 'vitest';
import { aDocx, aPdf, aScannedPdf, utf8 } from '../../support/files.ts';

describe('extractDocumentText', () => {
  it('reads the text of every page of a PDF and counts the pages', async () => {
    // Arrange
    const lines = Array.from({ length: 45 }, (_, index) => `Line ${index + 1}`);
    const bytes = await aPdf(['Jane Doe', 'Skills: TypeScript, DynamoDB', ...lines]);

    // Act
    const { text, pageCount } = await extractDocumentText(bytes, PDF);

    // Assert
    expect(pageCount).toBe(2);
    expect(text).toContain('Skills: TypeScript, DynamoDB');
    expect(text).toContain('Line 45');
  });

  it('reads the paragraphs of a DOCX', async () => {
    // Act
    const { text } = await extractDocumentText(await aDocx(['Jane Doe', 'Kubernetes and Go']), DOCX);

    // Assert
    expect(text).toBe('Jane Doe\n\nKubernetes and Go');
  });

  it('reads UTF-8 text and drops its byte order mark', async () => {
    // Act
    const { text, pageCount } = await extractDocumentText(utf8('\ufeffJosé\r\nMüller'), TXT);

    // Assert
    expect(text).toBe('José\nMüller');
    expect(pageCount).toBeUndefined();
  });

  it('finds no text in a PDF of pages without any (a scan)', async () => {
    // Act
    const { text, pageCount } = await extractDocumentText(await aScannedPdf(2), PDF);

    // Assert
    expect(text).toBe('');
    expect(pageCount).toBe(2);
  });

  it('throws UnreadableDocumentError for a damaged PDF', async () => {
    // Arrange
    const bytes = utf8('%PDF-1.7\nthis is not a PDF body at all');

    // Act
    const error = await extractDocumentText(bytes, PDF).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    expect((error as Error).message).toMatch(/damaged/);
  });

  it('throws UnreadableDocumentError for a damaged DOCX', async () => {
    // Arrange
    const bytes = (await aDocx(['x'])).slice(0, 600);

    // Act
    const error = await extractDocumentText(bytes, DOCX).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(UnreadableDocumentError);
  });
});

describe('normaliseText', () => {
  it('folds runs of spaces and blank lines, trims lines and removes NULs', () => {
    expect(normaliseText('  a \t  b\u0000 \r\n\r\n\r\n\n  c  ')).toBe('a b\n\nc');
  });

  it('caps the text at the stored maximum', () => {
    expect(normaliseText('x'.repeat(MAX_TEXT_CHARACTERS + 10))).toHaveLength(MAX_TEXT_CHARACTERS);
  });
});
