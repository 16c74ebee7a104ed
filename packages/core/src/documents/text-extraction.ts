import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { DOCX, type DocumentContentType, MAX_TEXT_CHARACTERS, PDF } from './document.model.ts';

/** The file passed its checks but cannot be read: reading it again gives the same answer, so it is not retried. */
export class UnreadableDocumentError extends Error {}

export interface ExtractedText {
  text: string;
  pageCount?: number;
}

/**
 * Text as people and the skill extractor read it: one newline style, no NULs, runs of spaces
 * and blank lines folded, and capped (a resume is a few thousand characters; more is not one).
 */
export const normaliseText = (raw: string): string =>
  raw
    .replace(/\r\n?/g, '\n')
    .replaceAll('\0', '')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_TEXT_CHARACTERS);

const readPdf = async (bytes: Uint8Array): Promise<ExtractedText> => {
  try {
    // A copy: pdf.js may take over (detach) the buffer it is given.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    return { text: normaliseText(text.join('\n\n')), pageCount: totalPages };
  } catch (error) {
    throw new UnreadableDocumentError('The PDF is damaged or password-protected and could not be read.', {
      cause: error,
    });
  }
};

const readDocx = async (bytes: Uint8Array): Promise<ExtractedText> => {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { text: normaliseText(value) };
  } catch (error) {
    throw new UnreadableDocumentError('The Word document is damaged and could not be read.', { cause: error });
  }
};

/** The text of a file whose content type was already checked against its magic bytes. */
export const extractDocumentText = (bytes: Uint8Array, contentType: DocumentContentType): Promise<ExtractedText> => {
  if (contentType === PDF) return readPdf(bytes);
  if (contentType === DOCX) return readDocx(bytes);
  return Promise.resolve({ text: normaliseText(new TextDecoder('utf-8').decode(bytes)) });
};
