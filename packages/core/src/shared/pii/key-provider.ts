/**
 * Where the keys of personal data come from: KMS on AWS, a local secret on a laptop. The
 * rest of the code sees this interface only, so no code path differs between the two.
 */

/** Names the owner of a data key (e.g. `{tenantId, candidateId}`); a wrapped key opens under the same context only. */
export type EncryptionContext = Readonly<Record<string, string>>;

export interface DataKey {
  /** 32 bytes for AES-256; never stored, never logged. */
  plaintext: Uint8Array;
  /** The key encrypted under the master key, bound to its context: what the item stores. */
  wrapped: string;
}

export interface KeyProvider {
  /** `local` or `kms`, for logs and the startup check; never part of a stored value. */
  readonly kind: 'local' | 'kms';
  generateDataKey(context: EncryptionContext): Promise<DataKey>;
  /** Throws when the wrapped key was altered or is opened under another context. */
  unwrapDataKey(wrapped: string, context: EncryptionContext): Promise<Uint8Array>;
  /** A keyed hash (HMAC-SHA256) of `message`, hex: equal inputs give equal outputs, nothing else is learnt. */
  mac(message: string): Promise<string>;
}

/** The context as one string, keys sorted, so the same context always authenticates the same bytes. */
export const canonicalContext = (context: EncryptionContext): string =>
  JSON.stringify(Object.fromEntries(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
