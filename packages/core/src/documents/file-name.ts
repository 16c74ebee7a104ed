import { CONTENT_TYPE_NAMES, type DocumentContentType, MAX_FILE_NAME } from './document.model.ts';

/** Control characters, quotes, slashes and what Windows refuses in a name. */
const UNSAFE = /[\p{Cc}"\\/:*?<>|]/gu;

/** Bidirectional overrides and zero-width characters: they make `cv<U+202E>fdp.exe` read as `cvexe.pdf`. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The name a file is stored and later downloaded under: no path, nothing invisible or unsafe
 * in a header or a file system, at most 255 characters, and ending in the extension of its
 * checked content type, so a PDF named `cv.exe` downloads as `cv.exe.pdf`.
 */
export const sanitiseFileName = (raw: string, contentType: DocumentContentType): string => {
  const { extension } = CONTENT_TYPE_NAMES[contentType];
  const base = raw.split(/[\\/]/).pop() ?? '';
  // A lone surrogate is valid JSON but not text: it would break the header's percent-encoding.
  const cleaned = base
    .toWellFormed()
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const suffix = `.${extension}`;
  const stem = cleaned.toLowerCase().endsWith(suffix) ? cleaned.slice(0, -suffix.length) : cleaned;
  const room = MAX_FILE_NAME - suffix.length;
  const kept = Array.from(stem)
    .slice(0, room)
    .join('')
    .replace(/[\s.]+$/, '');
  return `${kept || 'document'}${suffix}`;
};
