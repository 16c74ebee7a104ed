import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The .eml files of the local email outbox addressed to `email`, as text. */
export const emailsTo = async (email: string, dir = process.env.EMAIL_OUTBOX_DIR ?? ''): Promise<string[]> => {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.eml'));
  const contents = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
  const addressedTo = new RegExp(`^To: (.*<)?${escaped(email)}>?\\r?$`, 'mi');
  return contents.filter((content) => addressedTo.test(content));
};
