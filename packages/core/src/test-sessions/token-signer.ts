import type { KeyObject } from 'node:crypto';
import { ENV } from '../shared/env.ts';
import { kmsTokenSigner } from './kms-token-signer.ts';
import { localTokenSigner } from './local-token-signer.ts';

/**
 * Signs candidate access tokens (ES256) with a key the code never holds on AWS (KMS), or
 * with one derived from the local secret on a laptop. The token code sees this interface only.
 */
export interface TokenSigner {
  /** For logs and the startup check; never part of a token. */
  readonly kind: 'local' | 'kms';
  /** The `kid` of the tokens it signs: names the key without revealing where it lives. */
  readonly keyId: string;
  /** ECDSA P-256 over SHA-256 of `signingInput`, as JOSE wants it: raw r || s, 64 bytes. */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  /** The key that verifies its signatures. */
  publicKey(): Promise<KeyObject>;
}

const present = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};

/**
 * The signer the environment configures, chosen as the personal-data key provider is
 * (core/shared/pii/provider.ts). Mixing is refused: a stage that had both would sign with
 * the local secret while every other function expects KMS, or the other way round.
 */
export const tokenSignerFromEnv = (env: NodeJS.ProcessEnv = process.env): TokenSigner => {
  const local = present(env, ENV.localKeyMaterial);
  const keyId = present(env, ENV.candidateTokenKeyId);
  if (local !== undefined) {
    if (keyId !== undefined) {
      throw new Error(
        `${ENV.localKeyMaterial} is set together with ${ENV.candidateTokenKeyId}: set either the local material or the KMS key, never both.`,
      );
    }
    return localTokenSigner(Buffer.from(local, 'base64'));
  }
  if (keyId === undefined) throw new Error(`Missing required environment variable ${ENV.candidateTokenKeyId}`);
  return kmsTokenSigner(keyId);
};

let selected: TokenSigner | undefined;

/** One signer per process, chosen at first use (not at import, so unit tests load offline). */
export const tokenSigner = (): TokenSigner => {
  selected ??= tokenSignerFromEnv();
  return selected;
};
