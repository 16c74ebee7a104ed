import { type FileTypeResult, fileTypeFromBuffer } from 'file-type';
import { CONTENT_TYPE_NAMES, DOCX, type DocumentContentType, MAX_DOCUMENT_BYTES, PDF, TXT } from './document.model.ts';

/** Whether a stored file may be read, and if not, a sentence the uploader can act on. */
export type Verdict = { accepted: true } | { accepted: false; reason: string };

const ACCEPTED: Verdict = { accepted: true };
const refused = (reason: string): Verdict => ({ accepted: false, reason });

/** The object S3 holds must be the one announced: the browser knows a file's exact size. */
export const sizeVerdict = (size: number, declaredSize: number): Verdict => {
  if (size === 0) return refused('The file is empty.');
  if (size > MAX_DOCUMENT_BYTES) return refused(`The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  if (size !== declaredSize) return refused(`The file has ${size} bytes, not the ${declaredSize} that were announced.`);
  return ACCEPTED;
};

const DETECTED_NAMES: Readonly<Record<string, string>> = {
  exe: 'a Windows executable',
  elf: 'a Linux executable',
  macho: 'a macOS executable',
  zip: 'a ZIP archive',
  pdf: CONTENT_TYPE_NAMES[PDF].name,
  docx: CONTENT_TYPE_NAMES[DOCX].name,
  cfb: 'an old Office document (.doc)',
  doc: 'an old Word document (.doc)',
  png: 'a PNG image',
  jpg: 'a JPEG image',
  gif: 'a GIF image',
  html: 'an HTML page',
};

const describe = (detected: FileTypeResult): string => DETECTED_NAMES[detected.ext] ?? `a ${detected.mime} file`;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const UTF16_LE = [0xff, 0xfe];
const UTF16_BE = [0xfe, 0xff];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((byte, index) => bytes[index] === byte);

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * What the bytes are, against what the uploader said they are: the Content-Type of the
 * upload is the browser's guess from the file name, so only the magic bytes count. The whole
 * file is examined: a DOCX is a ZIP whose entries say Word, and they need not be in the first 4 KB.
 */
export const contentVerdict = async (bytes: Uint8Array, declared: DocumentContentType): Promise<Verdict> => {
  const detected = await fileTypeFromBuffer(bytes);
  const expected = CONTENT_TYPE_NAMES[declared].name;
  if (declared === TXT) {
    // Checked first: a UTF-16 byte order mark can pass for an audio frame header.
    if (startsWith(bytes, UTF16_LE) || startsWith(bytes, UTF16_BE)) {
      return refused('The file is UTF-16 text; save it as UTF-8 and upload it again.');
    }
    if (detected) return refused(`The file is ${describe(detected)}, not ${expected}.`);
    // UTF-16 and binary formats file-type does not know both carry NUL bytes; text never does.
    if (bytes.includes(0)) return refused(`The file holds binary data, not ${expected}.`);
    if (!isUtf8(bytes)) return refused(`The file is not UTF-8 text; save it as UTF-8 and upload it again.`);
    return ACCEPTED;
  }
  const matches = declared === PDF ? detected?.ext === 'pdf' && startsWith(bytes, PDF_MAGIC) : detected?.ext === 'docx';
  if (matches) return ACCEPTED;
  return refused(
    detected
      ? `The file is ${describe(detected)}, not ${expected}.`
      : `The file is not ${expected}: its content says otherwise.`,
  );
};
