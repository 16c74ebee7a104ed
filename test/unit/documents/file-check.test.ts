import { DOCX, MAX_DOCUMENT_BYTES, PDF, TXT } from '@assist-ten/core/documents/document.model';
import { contentVerdict, sizeVerdict } from '@assist-ten/core/documents/file-check';
import { describe, expect, it } from 'vitest';
import { aDocx, anElfExecutable, anExecutableAsPdf, aPdf, aZip, utf8, utf16 } from '../../support/files.ts';

describe('contentVerdict', () => {
  it('accepts a real PDF declared as a PDF', async () => {
    // Arrange
    const bytes = await aPdf(['Jane Doe', 'TypeScript']);

    // Act
    const verdict = await contentVerdict(bytes, PDF);

    // Assert
    expect(verdict).toEqual({ accepted: true });
  });

  it('accepts a real DOCX declared as a DOCX, though its Word entries lie beyond the first 4 KB', async () => {
    // Arrange
    const bytes = await aDocx(['Jane Doe', 'TypeScript']);

    // Act
    const verdict = await contentVerdict(bytes, DOCX);

    // Assert
    expect(bytes.length).toBeGreaterThan(4100);
    expect(verdict).toEqual({ accepted: true });
  });

  it('accepts UTF-8 text, accents and a byte order mark included', async () => {
    // Act
    const verdict = await contentVerdict(utf8('\ufeffJosé Müller\nSenior engineer — 10 years'), TXT);

    // Assert
    expect(verdict).toEqual({ accepted: true });
  });

  it('rejects a Windows executable disguised as a PDF, saying what it is', async () => {
    // Act
    const verdict = await contentVerdict(anExecutableAsPdf(), PDF);

    // Assert
    expect(verdict).toEqual({ accepted: false, reason: 'The file is a Windows executable, not a PDF.' });
  });

  it('rejects a Linux executable disguised as a PDF', async () => {
    // Act
    const verdict = await contentVerdict(anElfExecutable(), PDF);

    // Assert
    expect(verdict).toEqual({ accepted: false, reason: 'The file is a Linux executable, not a PDF.' });
  });

  it('rejects an executable declared as text', async () => {
    // Act
    const verdict = await contentVerdict(anExecutableAsPdf(), TXT);

    // Assert
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringContaining('Windows executable') });
  });

  it('rejects a ZIP archive that is not a Word document', async () => {
    // Arrange
    const bytes = aZip({ 'resume.txt': 'Jane Doe', 'photo.txt': 'not a photo' });

    // Act
    const verdict = await contentVerdict(bytes, DOCX);

    // Assert
    expect(verdict).toEqual({ accepted: false, reason: 'The file is a ZIP archive, not a Word document (.docx).' });
  });

  it('rejects a DOCX declared as a PDF, and a PDF declared as a DOCX', async () => {
    // Act
    const docxAsPdf = await contentVerdict(await aDocx(['x']), PDF);
    const pdfAsDocx = await contentVerdict(await aPdf(['x']), DOCX);

    // Assert
    expect(docxAsPdf).toEqual({ accepted: false, reason: 'The file is a Word document (.docx), not a PDF.' });
    expect(pdfAsDocx).toEqual({ accepted: false, reason: 'The file is a PDF, not a Word document (.docx).' });
  });

  it('rejects plain text declared as a PDF', async () => {
    // Act
    const verdict = await contentVerdict(utf8('Just some text, no %PDF header'), PDF);

    // Assert
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringContaining('not a PDF') });
  });

  it('rejects UTF-16 text, with or without a byte order mark', async () => {
    // Arrange
    const withoutBom = new Uint8Array(Buffer.from('Jane Doe, engineer', 'utf16le'));

    // Act
    const marked = await contentVerdict(utf16('Jane Doe, engineer'), TXT);
    const unmarked = await contentVerdict(withoutBom, TXT);

    // Assert
    expect(marked).toEqual({ accepted: false, reason: expect.stringContaining('UTF-16') });
    expect(unmarked).toEqual({ accepted: false, reason: 'The file holds binary data, not a plain text file.' });
  });

  it('rejects bytes that are not valid UTF-8 (Latin-1 text)', async () => {
    // Arrange: "José" in ISO-8859-1
    const latin1 = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9, 0x0a]);

    // Act
    const verdict = await contentVerdict(latin1, TXT);

    // Assert
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringContaining('not UTF-8') });
  });
});

describe('sizeVerdict', () => {
  it('accepts exactly the size that was announced', () => {
    expect(sizeVerdict(1234, 1234)).toEqual({ accepted: true });
  });

  it('rejects a size other than the one announced, in either direction', () => {
    // Act
    const larger = sizeVerdict(1235, 1234);
    const smaller = sizeVerdict(1233, 1234);

    // Assert
    expect(larger).toEqual({ accepted: false, reason: 'The file has 1235 bytes, not the 1234 that were announced.' });
    expect(smaller.accepted).toBe(false);
  });

  it('rejects an empty file and one above 10 MB, even if announced so', () => {
    // Act
    const empty = sizeVerdict(0, 0);
    const huge = sizeVerdict(MAX_DOCUMENT_BYTES + 1, MAX_DOCUMENT_BYTES + 1);

    // Assert
    expect(empty).toEqual({ accepted: false, reason: 'The file is empty.' });
    expect(huge).toEqual({ accepted: false, reason: 'The file is larger than 10 MB.' });
  });
});
