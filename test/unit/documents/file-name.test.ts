import { DOCX, MAX_FILE_NAME, PDF, TXT } from '@assist-ten/core/documents/document.model';
import { sanitiseFileName } from '@assist-ten/core/documents/file-name';
import { attachmentDisposition } from '@assist-ten/core/shared/file-store';
import { describe, expect, it } from 'vitest';

describe('sanitiseFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitiseFileName('Jane Doe - CV 2026.pdf', PDF)).toBe('Jane Doe - CV 2026.pdf');
  });

  it('drops any path, Windows or Unix, that a browser or tool sent along', () => {
    // Act
    const windows = sanitiseFileName('C:\\fakepath\\cv.pdf', PDF);
    const unix = sanitiseFileName('../../etc/passwd.txt', TXT);

    // Assert
    expect(windows).toBe('cv.pdf');
    expect(unix).toBe('passwd.txt');
  });

  it('folds line breaks to a space and replaces quotes, control characters and what file systems refuse', () => {
    // Act
    const name = sanitiseFileName('a"b\r\nc<d>e|f?g*h:i\u0007.pdf', PDF);

    // Assert
    expect(name).toBe('a_b c_d_e_f_g_h_i_.pdf');
  });

  it('removes right-to-left overrides that disguise an extension', () => {
    // Act: displays as "cvexe.pdf" but is "cv" + RLO + "fdp.exe"
    const name = sanitiseFileName('cv\u202efdp.exe', PDF);

    // Assert
    expect(name).toBe('cvfdp.exe.pdf');
  });

  it('ends the name in the extension of its checked content type', () => {
    // Act
    const exe = sanitiseFileName('invoice.exe', PDF);
    const upper = sanitiseFileName('REPORT.DOCX', DOCX);
    const none = sanitiseFileName('notes', TXT);

    // Assert
    expect(exe).toBe('invoice.exe.pdf');
    expect(upper).toBe('REPORT.docx');
    expect(none).toBe('notes.txt');
  });

  it('replaces a lone surrogate, so the name can be percent-encoded in a header', () => {
    // Act
    const name = sanitiseFileName('cv\ud800.pdf', PDF);

    // Assert
    expect(name).toBe('cv\ufffd.pdf');
    expect(() => attachmentDisposition(name)).not.toThrow();
  });

  it('names a file with nothing usable left "document"', () => {
    // Act
    const dots = sanitiseFileName('...', PDF);
    const hidden = sanitiseFileName('\u200b\u200b', TXT);

    // Assert
    expect(dots).toBe('document.pdf');
    expect(hidden).toBe('document.txt');
  });

  it('cuts a long name to 255 characters, extension kept, without splitting a character', () => {
    // Act
    const name = sanitiseFileName(`${'😀'.repeat(300)}.pdf`, PDF);

    // Assert
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME);
    expect(name.endsWith('😀.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    // Act
    const header = attachmentDisposition("José's CV (final).pdf");

    // Assert
    expect(header).toBe(
      "attachment; filename=\"Jos_'s CV (final).pdf\"; filename*=UTF-8''Jos%C3%A9%27s%20CV%20%28final%29.pdf",
    );
  });
});
