import { ENV } from '../env.ts';
import type { KeyProvider } from './key-provider.ts';
import { kmsKeyProvider } from './kms-key-provider.ts';
import { localKeyProvider } from './local-key-provider.ts';

const present = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};

/**
 * The key provider the environment configures. Mixing is refused: data wrapped by the local
 * secret cannot be opened by KMS and the other way round, so a half-migrated stage would
 * write data nobody can read later.
 */
export const keyProviderFor = (env: NodeJS.ProcessEnv): KeyProvider => {
  const local = present(env, ENV.localKeyMaterial);
  const piiKeyId = present(env, ENV.piiKeyId);
  const blindIndexKeyId = present(env, ENV.blindIndexKeyId);
  if (local !== undefined) {
    if (piiKeyId !== undefined || blindIndexKeyId !== undefined) {
      throw new Error(
        `${ENV.localKeyMaterial} is set together with ${ENV.piiKeyId}/${ENV.blindIndexKeyId}: set either the local material or the KMS keys, never both.`,
      );
    }
    return localKeyProvider(Buffer.from(local, 'base64'));
  }
  if (piiKeyId !== undefined && blindIndexKeyId !== undefined) return kmsKeyProvider({ piiKeyId, blindIndexKeyId });
  if (piiKeyId !== undefined || blindIndexKeyId !== undefined) {
    throw new Error(
      `Missing required environment variable ${piiKeyId === undefined ? ENV.piiKeyId : ENV.blindIndexKeyId}`,
    );
  }
  throw new Error(
    `No key provider for personal data: set ${ENV.piiKeyId} and ${ENV.blindIndexKeyId} (AWS) or ${ENV.localKeyMaterial} (local).`,
  );
};

let selected: KeyProvider | undefined;

/** One provider per process, chosen from the environment at first use (not at import, so unit tests load offline). */
export const keyProvider = (): KeyProvider => {
  selected ??= keyProviderFor(process.env);
  return selected;
};
