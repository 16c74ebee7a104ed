import { crc32 } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { call, tokenFor } from './api.ts';
import { HOME } from './users.ts';

/** Real files, built the way the tools people use build them, for the document checks to judge. */

/** A PDF with selectable text: one page per 40 lines. */
export const aPdf = async (lines: string[]): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let start = 0; start < Math.max(lines.length, 1); start += 40) {
    const page = pdf.addPage();
    lines.slice(start, start + 40).forEach((line, index) => {
      page.drawText(line, { x: 50, y: 780 - index * 18, font, size: 12 });
    });
  }
  return pdf.save();
};

/** A PDF whose pages hold no text at all, as a scanner without OCR makes (images aside). */
export const aScannedPdf = async (pages = 1): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  for (let page = 0; page < pages; page++) pdf.addPage().drawRectangle({ x: 40, y: 40, width: 500, height: 700 });
  return pdf.save();
};

export const aDocx = async (paragraphs: string[]): Promise<Uint8Array> =>
  new Uint8Array(
    await Packer.toBuffer(
      new Document({ sections: [{ children: paragraphs.map((paragraph) => new Paragraph(paragraph)) }] }),
    ),
  );

/** The start of a Windows PE file (the DOS header's MZ and the "This program..." stub), padded. */
export const anExecutableAsPdf = (): Uint8Array => {
  const bytes = new Uint8Array(1024);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
  bytes.set(new TextEncoder().encode('This program cannot be run in DOS mode.'), 0x4e);
  return bytes;
};

/** The start of a Linux ELF executable, padded. */
export const anElfExecutable = (): Uint8Array => {
  const bytes = new Uint8Array(512);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
  return bytes;
};

/** A ZIP archive of stored (uncompressed) entries: a .docx is one, but not every one is a .docx. */
export const aZip = (entries: Record<string, string>): Uint8Array => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
};

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** UTF-16 LE with its byte order mark, as Windows Notepad saved "Unicode" text. */
export const utf16 = (text: string): Uint8Array => new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));

export interface UploadTarget {
  url: string;
  fields: Record<string, string>;
}

/** Posts a file to a presigned POST exactly as a browser form does: every field first, the file last. */
export const uploadTo = async (
  upload: UploadTarget,
  bytes: Uint8Array,
  contentType: string,
  fileName: string,
): Promise<{ status: number; body: string }> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
};

export interface DocumentView {
  id: string;
  status: string;
  statusReason?: string;
  version: number;
  [field: string]: unknown;
}

/** Polls GET /api/v1/documents/{id}, as the frontend does, until the document reaches one of `statuses`. */
export const waitForDocument = async (
  id: string,
  statuses: readonly string[],
  { as = HOME.recruiter, timeoutMs = 20_000 }: { as?: string; timeoutMs?: number } = {},
): Promise<DocumentView> => {
  const token = await tokenFor(as);
  const deadline = Date.now() + timeoutMs;
  let last: DocumentView | undefined;
  while (Date.now() < deadline) {
    const response = await call<DocumentView>('GET', `/api/v1/documents/${id}`, { token });
    if (response.status !== 200) throw new Error(`GET document ${id} -> ${response.status}`);
    last = response.body;
    if (statuses.includes(last.status)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `Document ${id} is still ${last?.status ?? 'unread'} after ${timeoutMs} ms, not ${statuses.join('|')}`,
  );
};
