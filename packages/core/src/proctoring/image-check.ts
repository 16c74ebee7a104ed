import { type FileTypeResult, fileTypeFromBuffer } from 'file-type';
import type { Verdict } from '../documents/file-check.ts';
import { IMAGE_NAMES, isSnapshotContentType, MAX_SNAPSHOT_BYTES, type SnapshotContentType } from './snapshot.model.ts';

export type { Verdict };

const ACCEPTED: Verdict = { accepted: true };
const refused = (reason: string): Verdict => ({ accepted: false, reason });

/** Checked before the bytes are read: an oversized object would cost the memory the limit protects. */
export const imageSizeVerdict = (size: number): Verdict => {
  if (size === 0) return refused('The image is empty.');
  if (size > MAX_SNAPSHOT_BYTES) return refused(`The image is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB.`);
  return ACCEPTED;
};

const OTHER_NAMES: Readonly<Record<string, string>> = {
  gif: 'a GIF image',
  bmp: 'a BMP image',
  tif: 'a TIFF image',
  avif: 'an AVIF image',
  heic: 'a HEIC image',
  svg: 'an SVG image',
  pdf: 'a PDF',
  zip: 'a ZIP archive',
  exe: 'a Windows executable',
  elf: 'a Linux executable',
  html: 'an HTML page',
};

const describe = (detected: FileTypeResult): string =>
  isSnapshotContentType(detected.mime)
    ? IMAGE_NAMES[detected.mime].name
    : (OTHER_NAMES[detected.ext] ?? `a ${detected.mime} file`);

/**
 * Whether the stored bytes are an image of the type the upload URL allowed: the POST's
 * Content-Type is only what the page said, so the magic bytes decide.
 */
export const imageVerdict = async (bytes: Uint8Array, declared: SnapshotContentType): Promise<Verdict> => {
  const sized = imageSizeVerdict(bytes.length);
  if (!sized.accepted) return sized;
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime === declared) return ACCEPTED;
  const expected = IMAGE_NAMES[declared].name;
  return refused(
    detected
      ? `The file is ${describe(detected)}, not ${expected}.`
      : `The file is not ${expected}: its content says otherwise.`,
  );
};
