import { emailBlindIndex } from '../shared/pii/blind-index.ts';
import { newDataKey, openDataKey } from '../shared/pii/data-keys.ts';
import { decryptField, encryptField } from '../shared/pii/envelope.ts';
import type { EncryptionContext } from '../shared/pii/key-provider.ts';
import { ENCRYPTED_FIELDS } from './candidate.model.ts';

/** The context a candidate's data key is wrapped under: KMS opens it for this candidate of this tenant only. */
export const candidateKeyContext = (tenantId: string, candidateId: string): EncryptionContext => ({
  tenantId,
  candidateId,
});

/** Seals one contact value of a candidate with its data key. */
export interface CandidateSealer {
  email(value: string): string;
  phone(value: string): string;
}

const sealerOf = (dataKey: Uint8Array, candidateId: string): CandidateSealer => ({
  email: (value) => encryptField(dataKey, ENCRYPTED_FIELDS.email, candidateId, value),
  phone: (value) => encryptField(dataKey, ENCRYPTED_FIELDS.phone, candidateId, value),
});

/** A new candidate's data key (to store wrapped) and a sealer that uses it. */
export const newCandidateKey = async (
  tenantId: string,
  candidateId: string,
): Promise<{ wrappedKey: string; seal: CandidateSealer }> => {
  const key = await newDataKey(candidateKeyContext(tenantId, candidateId));
  return { wrappedKey: key.wrapped, seal: sealerOf(key.plaintext, candidateId) };
};

interface Sealed {
  tenantId: string;
  candidateId: string;
  wrappedKey: string;
  emailEncrypted: string;
  phoneEncrypted?: string | undefined;
}

const dataKeyOf = (item: Sealed) => openDataKey(item.wrappedKey, candidateKeyContext(item.tenantId, item.candidateId));

/** A sealer for a stored candidate, with its own key. */
export const sealerFor = async (item: Sealed): Promise<CandidateSealer> =>
  sealerOf(await dataKeyOf(item), item.candidateId);

/** Email and phone in clear, for the view only. */
export const openContact = async (item: Sealed): Promise<{ email: string; phone?: string }> => {
  const key = await dataKeyOf(item);
  const open = (field: string, sealed: string) => decryptField(key, field, item.candidateId, sealed);
  return {
    email: open(ENCRYPTED_FIELDS.email, item.emailEncrypted),
    ...(item.phoneEncrypted ? { phone: open(ENCRYPTED_FIELDS.phone, item.phoneEncrypted) } : {}),
  };
};

export const candidateEmailIndex = (tenantId: string, email: string): Promise<string> =>
  emailBlindIndex(tenantId, email);
