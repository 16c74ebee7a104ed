import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const KEY_BYTES = 32;

/**
 * The secret standing in for the KMS keys in local mode (ENV.localKeyMaterial). Kept with
 * the persisted data, since ciphertexts and blind indexes in the table are useless without
 * it; a fresh one per run when nothing is persisted.
 */
export const localKeyMaterial = async (persistDir: string | undefined): Promise<string> => {
  if (!persistDir) return randomBytes(KEY_BYTES).toString('base64');
  const file = join(persistDir, 'local-key-material');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (Buffer.from(existing, 'base64').length === KEY_BYTES) return existing;
    throw new Error(`${file} does not hold ${KEY_BYTES} bytes of base64; delete it only along with the data.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const material = randomBytes(KEY_BYTES).toString('base64');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${material}\n`, { mode: 0o600 });
  return material;
};
